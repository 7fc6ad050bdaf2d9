#include "model/user_service_shard.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "model/units.hpp"

namespace whatsim {

UserServiceShard::UserServiceShard(World& world, std::uint32_t index)
    : world_(world), cache_rng_(world.streams.stream("user-cache", index)) {}

// Bundles are read through the cache (a miss also reads the database); an upload is a
// database write.
double UserServiceShard::bundle_cycles(Envelope& e) {
  const UserServiceSpec& u = world_.crypto_spec().user_service;
  if (e.op == Op::prekey_upload) return u.request_cycles + u.cache.miss_cycles;
  if (e.op != Op::bundle_request) return 0;
  e.cache_hit = boost::random::bernoulli_distribution<double>(u.cache.hit_ratio)(cache_rng_);
  return u.request_cycles + u.cache.hit_cycles + (e.cache_hit ? 0 : u.cache.miss_cycles);
}

// All of the user service's work is key distribution: it counts as crypto work.
double UserServiceShard::cost(Envelope& e) {
  const double cycles = bundle_cycles(e);
  world_.recorder.crypto_work(Tier::user_service, cycles, simgrid::s4u::Engine::get_clock());
  return cycles;
}

void UserServiceShard::handle(Envelope& e) {
  if (e.op == Op::bundle_request) return on_bundle_request(e);
  if (e.op == Op::prekey_upload) {
    world_.prekeys.replenish(e.device, e.one_time_prekeys);
    world_.recorder.crypto().prekeys.replenishments += 1;
  }
}

void UserServiceShard::on_bundle_request(const Envelope& e) {
  auto* reply = new Envelope{Op::bundle_reply, e.frame, e.user, e.device, 0, kNoServer, {}, {}};
  reply->devices = e.devices;
  for (DeviceId d : e.devices) {
    const PrekeyStore::Bundle b = world_.prekeys.fetch(d);
    reply->one_time_prekeys += b.one_time_prekey ? 1 : 0;
    if (!b.replenish) continue;
    auto* low = new Envelope{Op::prekeys_low, {}, e.user, d, 0, kNoServer, {}, {}};
    world_.post.to_devices(world_.layout.region_of(e.user), low);
  }
  const double database_s = e.cache_hit ? 0 : world_.crypto_spec().user_service.cache.miss_latency_ms / kMsPerS;
  world_.post.to_devices(world_.layout.region_of(world_.devices.owner(e.device)), reply, database_s);
}

}  // namespace whatsim
