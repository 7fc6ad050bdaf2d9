#pragma once
// A user-service shard (the seeds: user profiles on MySQL with a cache in front): it holds
// the public key bundles of its users' devices. A bundle fetch hands out one one-time
// prekey per device (or none when the device's stock is exhausted) and tells a device
// whose stock ran low to upload more; prekey uploads refill the stock.
#include "model/world.hpp"

namespace whatsim {

class UserServiceShard {
 public:
  UserServiceShard(World& world, std::uint32_t index);

  // Not const: whether a fetch hits the cache is decided (and drawn) when it is costed.
  double cost(Envelope& e);
  void handle(Envelope& e);

 private:
  double bundle_cycles(Envelope& e);
  void on_bundle_request(const Envelope& e);
  World& world_;
  Rng cache_rng_;
};

}  // namespace whatsim
