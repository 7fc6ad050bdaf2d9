#include "model/post_office.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "src/core/random_streams.hpp"

namespace whatsim {

namespace sg = simgrid::s4u;

namespace {
// One route in a manager's answer: device id, server id and epoch, 32 bits each.
constexpr double kRouteEntryBytes = 12;
// A user or device id in a member list: 32 bits.
constexpr double kIdBytes = 4;

// A frame still on the wire or unclaimed in a mailbox when the run ends is freed with its comm.
void discard_envelope(void* e) { delete static_cast<Envelope*>(e); }
}  // namespace

PostOffice::PostOffice(const Scenario& s, const Layout& layout, const Platform& platform)
    : costs_(s.costs), groups_(s.groups), crypto_(s.crypto), platform_(platform) {
  for (int t = 0; t < kTierCount; ++t) {
    for (std::uint32_t i = 0; i < layout.servers[t].size(); ++i) {
      const sg::Host* host = platform.hosts[t][i];
      std::vector<sg::Mailbox*> workers;
      for (int w = 0; w < host->get_core_count(); ++w)
        workers.push_back(sg::Mailbox::by_name(host->get_name() + "/core" + std::to_string(w)));
      mailboxes_[t].push_back(std::move(workers));
      stats_[t].emplace_back(s.simulation.warmup_s);
    }
  }
  for (const sg::Host* h : platform.device_hosts) devices_.push_back(sg::Mailbox::by_name(h->get_name()));
}

std::uint32_t PostOffice::workers(Tier tier, std::uint32_t index) const {
  return static_cast<std::uint32_t>(mailboxes_[static_cast<int>(tier)][index].size());
}

sg::Mailbox* PostOffice::worker_mailbox(Tier tier, std::uint32_t index, std::uint32_t worker) const {
  return mailboxes_[static_cast<int>(tier)][index][worker];
}

double PostOffice::wire_bytes(const Envelope& e) const {
  auto body = [this](const ChatFrame& f) {
    if (f.kind != FrameKind::message) return costs_.receipt_bytes;
    return static_cast<double>(f.body_bytes) + static_cast<double>(f.key_bytes);
  };
  double bytes = costs_.frame_overhead_bytes + body(e.frame);
  for (const auto& f : e.frames) bytes += body(f);
  for (const auto& r : e.records) bytes += groups_.log.record_overhead_bytes + body(r.frame);
  bytes += static_cast<double>(e.routes.size()) * kRouteEntryBytes;
  bytes += static_cast<double>(e.users.size() + e.devices.size()) * kIdBytes;
  if (e.op == Op::bundle_reply) bytes += static_cast<double>(e.devices.size()) * crypto_.prekeys.bundle_bytes;
  if (e.op == Op::prekey_upload) bytes += e.one_time_prekeys * crypto_.prekeys.prekey_bytes;
  return bytes;
}

void PostOffice::to_server(Tier tier, std::uint32_t index, std::uint64_t affinity_key, Envelope* e,
                           double extra_delay_s, const sg::Host* from) {
  const auto& workers = mailboxes_[static_cast<int>(tier)][index];
  const std::size_t w = workers.size() == 1 ? 0 : mix64(affinity_key) % workers.size();
  if (from == nullptr) from = sg::this_actor::get_host();
  e->latency_s = platform_.latency_s(from, platform_.host(tier, index)) + extra_delay_s;
  e->posted_at = sg::Engine::get_clock();
  e->database_wait_s = extra_delay_s;
  frames_sent_ += 1;
  workers[w]->put_init(e, static_cast<std::uint64_t>(wire_bytes(*e)))->detach(discard_envelope);
}

void PostOffice::to_devices(std::uint32_t region, Envelope* e, double extra_delay_s, const sg::Host* from) {
  if (from == nullptr) from = sg::this_actor::get_host();
  e->latency_s = platform_.latency_s(from, platform_.device_host(region)) + extra_delay_s;
  e->posted_at = sg::Engine::get_clock();
  e->database_wait_s = extra_delay_s;
  frames_sent_ += 1;
  devices_[region]->put_init(e, static_cast<std::uint64_t>(wire_bytes(*e)))->detach(discard_envelope);
}

}  // namespace whatsim
