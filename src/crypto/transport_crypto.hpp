#pragma once
// What Noise transport encryption costs a server: a handshake's key agreements at every
// connect, and AES-GCM over every byte it receives or sends on a phone's connection. Zero
// when transport encryption is off.
#include "src/scenario/scenario.hpp"

namespace whatsim {

class TransportCost {
 public:
  explicit TransportCost(const TransportCrypto& spec) : spec_(spec) {}
  double handshake_cycles() const;
  double record_cycles(double bytes) const;

 private:
  const TransportCrypto& spec_;
};

}  // namespace whatsim
