#include "model/post_office.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "model/fault_state.hpp"
#include "src/core/mix64.hpp"
#include "src/protocol/replica_directory.hpp"

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
  if (tier == Tier::message_service) {
    e->shard = index;
    const auto primary = replicas_ != nullptr ? replicas_->primary(index) : std::optional<std::uint32_t>(index);
    if (!primary) {  // between a primary's failure and its secondary's promotion
      frames_sent_ += 1;
      if (faults_ != nullptr) faults_->count_drop();
      delete e;
      return;
    }
    index = *primary;
  }
  const auto& workers = mailboxes_[static_cast<int>(tier)][index];
  const std::size_t w = workers.size() == 1 ? 0 : mix64(affinity_key) % workers.size();
  if (from == nullptr) from = sg::this_actor::get_host();
  e->sent_from = from;  // one connection per (host, affinity key): it keeps its order
  e->affinity_key = affinity_key;
  const bool up = faults_ == nullptr || faults_->server_up(tier, index);
  post(workers[w], from, platform_.host(tier, index), up, e, extra_delay_s);
}

void PostOffice::to_message_host(std::uint32_t host, std::uint64_t affinity_key, Envelope* e) {
  const auto& workers = mailboxes_[static_cast<int>(Tier::message_service)][host];
  const std::size_t w = workers.size() == 1 ? 0 : mix64(affinity_key) % workers.size();
  const bool up = faults_ == nullptr || faults_->server_up(Tier::message_service, host);
  e->sent_from = sg::this_actor::get_host();
  e->affinity_key = affinity_key;
  post(workers[w], e->sent_from, platform_.host(Tier::message_service, host), up, e, 0);
}

void PostOffice::to_devices(std::uint32_t region, Envelope* e, double extra_delay_s, const sg::Host* from) {
  if (from == nullptr) from = sg::this_actor::get_host();
  e->sent_from = nullptr;  // phones' frames keep arrival order only: their inboxes restore stream order
  post(devices_[region], from, platform_.device_host(region), true, e, extra_delay_s);
}

void PostOffice::post(sg::Mailbox* mailbox, const sg::Host* from, const sg::Host* to, bool to_up, Envelope* e,
                      double extra_delay_s) {
  frames_sent_ += 1;
  double fault_delay_s = 0;
  bool lost = !to_up;
  if (!lost && faults_ != nullptr && faults_->network_faulty()) {
    const std::uint32_t a = platform_.region_of(from), b = platform_.region_of(to);
    lost = faults_->drops(a, b);
    fault_delay_s = faults_->extra_latency_s(a, b);
  }
  if (lost) {
    faults_->count_drop();
    delete e;
    return;
  }
  e->latency_s = platform_.latency_s(from, to) + extra_delay_s + fault_delay_s;
  e->posted_at = sg::Engine::get_clock();
  e->database_wait_s = extra_delay_s;
  mailbox->put_init(e, static_cast<std::uint64_t>(wire_bytes(*e)))->detach(discard_envelope);
}

}  // namespace whatsim
