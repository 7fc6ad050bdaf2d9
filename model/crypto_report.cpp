#include "model/crypto_report.hpp"

#include "model/units.hpp"
#include "src/crypto/phone_crypto.hpp"

namespace whatsim {

namespace {

constexpr double kVideoBytes = 16e6;  // the seeds' media limit: the largest file a phone encrypts

TierCryptoReport tier_crypto(World& world, Tier tier, double window_s) {
  TierCryptoReport r;
  r.tier = to_string(tier);
  const std::uint32_t servers = world.layout.count(tier);
  double busy_cycles = 0;
  for (std::uint32_t i = 0; i < servers; ++i) busy_cycles += world.post.stats(tier, i).measured_cycles();
  const double crypto_cycles = world.recorder.crypto_cycles(tier);
  r.cycles_per_s = servers > 0 && window_s > 0 ? crypto_cycles / window_s / servers : 0;
  r.cpu_share = busy_cycles > 0 ? crypto_cycles / busy_cycles : 0;
  return r;
}

// What security costs one phone of a profile, from the cost model alone.
void add_cost_model(const World& world, const DeviceProfile& profile, DeviceProfileReport& r) {
  const PhoneCrypto crypto(profile, world.crypto_spec());
  const double body_bytes = world.scenario.traffic.size.mean_bytes;
  r.name = profile.name;
  r.text_message_crypto_ms = crypto.seconds(crypto.encrypt_cycles(body_bytes) + crypto.decrypt_cycles(body_bytes)) * kMsPerS;
  r.video_16mb_crypto_ms = crypto.seconds(2 * crypto.file_cycles(kVideoBytes)) * kMsPerS;
  r.x3dh_ms = crypto.seconds(crypto.x3dh_sender_cycles(true)) * kMsPerS;
  // Devices registered before the run (its steady state); this is what one registration costs.
  r.registration_ms = crypto.seconds(crypto.key_generation_cycles(world.crypto_spec().prekeys.batch, true)) * kMsPerS;
}

}  // namespace

CryptoReport crypto_report(World& world, double end_s) {
  CryptoReport r = world.recorder.crypto();
  const CryptoSpec& spec = world.crypto_spec();
  r.end_to_end = spec.end_to_end;
  r.transport = spec.transport.enabled;
  r.prekeys.batch = spec.prekeys.batch;
  r.prekeys.low_threshold = spec.prekeys.low_threshold;
  r.prekeys.bundles_fetched = world.prekeys.fetches();
  r.prekeys.without_one_time_prekey = world.prekeys.exhausted_fetches();
  r.prekeys.stock_mean_end = world.prekeys.stock_mean();
  r.prekeys.stock_min_end = world.prekeys.stock_min();
  const double window_s = end_s - world.scenario.simulation.warmup_s;
  for (Tier tier : {Tier::chat_server, Tier::user_service})
    if (world.layout.count(tier) > 0) r.tiers.push_back(tier_crypto(world, tier, window_s));
  const auto& profiles = world.scenario.phone.profiles;
  for (UserId u = 0; u < world.devices.users(); ++u)
    r.profiles[world.device_profile_of_user[u]].devices += world.devices.device_count(u);
  for (std::size_t p = 0; p < profiles.size(); ++p) add_cost_model(world, profiles[p], r.profiles[p]);
  r.bodies_seen_by_servers = world.confidentiality.bodies_seen();
  r.plaintext_at_servers = world.confidentiality.plaintext_seen();
  r.plaintext_examples = world.confidentiality.plaintext_examples();
  r.compromised_device = spec.compromised_device;
  if (spec.compromised_device >= 0) {
    const auto d = static_cast<DeviceId>(spec.compromised_device);
    r.copies_for_compromised = world.confidentiality.copies_sealed_for(d);
    r.copies_for_others = world.confidentiality.copies_sealed_for_others(d);
  }
  return r;
}

}  // namespace whatsim
