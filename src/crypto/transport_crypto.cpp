#include "src/crypto/transport_crypto.hpp"

namespace whatsim {

// handshake = key_agreements * x25519 (Noise: the server's part of the key agreement).
double TransportCost::handshake_cycles() const {
  if (!spec_.enabled) return 0;
  return spec_.handshake_key_agreements * spec_.x25519_cycles;
}

// record = aes_gcm_cpb * bytes, for every byte in or out on a phone's connection.
double TransportCost::record_cycles(double bytes) const {
  if (!spec_.enabled) return 0;
  return spec_.aes_gcm_cycles_per_byte * bytes;
}

}  // namespace whatsim
