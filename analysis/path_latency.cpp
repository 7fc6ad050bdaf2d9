#include "analysis/path_latency.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/queueing.hpp"
#include "analysis/region_paths.hpp"
#include "analysis/tier_stations.hpp"
#include "src/crypto/phone_crypto.hpp"
#include "src/scenario/server_placement.hpp"

namespace whatsim {

namespace {

constexpr double kMsPerS = 1000;
constexpr double kBytesPerMbit = 1e6 / 8;
constexpr double kBytesPerGbit = 1e9 / 8;
constexpr double kTailShare = 0.01;  // the 99th percentile

// Where a stretch of a path spends its time; `tail_s` is its waits at their 99th percentile.
struct Leg {
  double network_s = 0, queueing_s = 0, cpu_s = 0, crypto_s = 0, tail_s = 0;
  Leg& operator+=(const Leg& o) {
    network_s += o.network_s, queueing_s += o.queueing_s, cpu_s += o.cpu_s, crypto_s += o.crypto_s, tail_s += o.tail_s;
    return *this;
  }
  Leg times(double w) const { return {network_s * w, queueing_s * w, cpu_s * w, crypto_s * w, tail_s * w}; }
};

// The 99th percentile of a core's wait, taken as M/M/1's: P(W > t) = ρ · exp(−(μ − λ)·t),
// each core a queue of its own (tier_stations.cpp). An approximation for M/G/1.
double wait_p99_s(const StationLoad& st) {
  if (st.frames_per_s <= 0 || st.service_s <= 0 || !std::isfinite(st.wait_s)) return st.wait_s;
  const double background = st.background_cycles_per_s / (st.cores * st.clock_hz);
  const double service_s = st.service_s / (1 - background);
  const double per_core = st.frames_per_s / st.cores;
  const double waits = per_core * service_s;
  if (waits <= kTailShare) return 0;
  return std::log(waits / kTailShare) / (1 / service_s - per_core);
}

class PathModel {
 public:
  PathModel(const Scenario& s, const std::vector<StationLoad>& stations, const std::vector<FrameStation>& frames)
      : s_(s), stations_(stations), frames_(frames), latency_s_(region_latency_s(s.deployment)) {
    for (const RegionSpec& r : s.deployment.regions) user_regions_.push_back(r.user_share);
    for (const StationLoad& st : stations) {
      const auto per_region = servers_per_region(st.servers, s.deployment.regions);
      std::vector<double>& w = server_regions_[st.tier];
      for (auto n : per_region) w.push_back(static_cast<double>(n) / st.servers);
    }
  }

  Leg up(double bytes) const { return phone_hop(bytes, s_.phone.uplink_mbps); }
  Leg down(double bytes) const { return phone_hop(bytes, s_.phone.downlink_mbps); }

  // Between servers of two tiers; "user" is the chat server of a user (in the user's region).
  Leg hop(const std::string& from, const std::string& to, double bytes) const {
    const std::vector<double>& a = regions_of(from);
    const std::vector<double>& b = regions_of(to);
    double route_s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
      for (std::size_t j = 0; j < b.size(); ++j) route_s += a[i] * b[j] * latency_s_[i][j];
    Leg l;
    l.network_s = 2 * datacenter_s() + route_s + bytes / (s_.deployment.datacenter.bandwidth_gbps * kBytesPerGbit);
    return l;
  }

  // A frame's wait and service at its tier.
  Leg at(const std::string& tier, const std::string& op) const {
    const StationLoad* st = station(tier);
    const FrameStation* f = find_frame(frames_, tier, op);
    Leg l;
    if (st == nullptr || f == nullptr) return l;
    l.queueing_s = st->wait_s;
    l.cpu_s = frame_response_s(*st, f->cycles) - st->wait_s;
    l.tail_s = wait_p99_s(*st);
    return l;
  }

  Leg crypto(double seconds) const {
    Leg l;
    l.crypto_s = seconds;
    return l;
  }

 private:
  Leg phone_hop(double bytes, double radio_mbps) const {
    Leg l;
    const double rate = std::min(radio_mbps * kBytesPerMbit, s_.deployment.datacenter.bandwidth_gbps * kBytesPerGbit);
    l.network_s = s_.deployment.access.latency_ms / kMsPerS + datacenter_s() + bytes / rate;
    return l;
  }
  double datacenter_s() const { return s_.deployment.datacenter.latency_ms / kMsPerS; }
  const std::vector<double>& regions_of(const std::string& tier) const {
    if (tier == "user") return user_regions_;
    return server_regions_.at(tier);
  }
  const StationLoad* station(const std::string& tier) const {
    for (const StationLoad& st : stations_)
      if (st.tier == tier) return &st;
    return nullptr;
  }

  const Scenario& s_;
  const std::vector<StationLoad>& stations_;
  const std::vector<FrameStation>& frames_;
  std::vector<std::vector<double>> latency_s_;
  std::vector<double> user_regions_;
  std::map<std::string, std::vector<double>> server_regions_;
};

// Phone seconds for one-to-one crypto, averaged over device profiles by their shares. The
// sender encrypts a copy per recipient device and per own companion device, and steps the
// ratchet for each recipient device (a conversation that alternates: every send follows a
// reply); the receiver decrypts its copy.
struct PhoneSeconds {
  double send_s = 0, receive_s = 0;
};
PhoneSeconds phone_seconds(const Scenario& s, const FlowShares& f) {
  PhoneSeconds out;
  for (const DeviceProfile& p : s.phone.profiles) {
    const PhoneCrypto c(p, s.crypto);
    const double copies = 2 * f.devices_per_user - 1;
    const double ratchets = s.crypto.end_to_end ? f.devices_per_user * c.ratchet_cycles() : 0;
    out.send_s += p.share * c.seconds(copies * c.encrypt_cycles(f.body_bytes) + ratchets);
    out.receive_s += p.share * c.seconds(c.decrypt_cycles(f.body_bytes));
  }
  return out;
}

// `offline_s`: the mean wait for devices to come back online, added to the mean only (the
// 99th percentile is that of a path whose devices stay online).
ClassLatency to_class(const char* name, const Leg& l, double offline_s) {
  ClassLatency c;
  c.name = name;
  c.network_ms = l.network_s * kMsPerS;
  c.queueing_ms = l.queueing_s * kMsPerS;
  c.server_cpu_ms = l.cpu_s * kMsPerS;
  c.device_crypto_ms = l.crypto_s * kMsPerS;
  c.other_ms = offline_s * kMsPerS;
  c.mean_ms = c.network_ms + c.queueing_ms + c.server_cpu_ms + c.device_crypto_ms + c.other_ms;
  c.p99_ms = c.network_ms + c.server_cpu_ms + c.device_crypto_ms + l.tail_s * kMsPerS;
  return c;
}

double total_s(const Leg& l) { return l.network_s + l.queueing_s + l.cpu_s + l.crypto_s; }

// From the user's chat server to the user's other chat server that holds the device: a
// lookup unless every device is local or the routes are cached, a forward unless this one is.
Leg route_to_device(const PathModel& p, const FlowShares& f, const char* lookup, const char* reply, const char* forward,
                    double bytes, double control_bytes) {
  Leg asked = p.hop("user", "websocket_manager", control_bytes);
  asked += p.at("websocket_manager", lookup);
  asked += p.hop("websocket_manager", "user", control_bytes);
  asked += p.at("chat_server", reply);
  Leg forwarded = p.hop("user", "user", bytes);
  forwarded += p.at("chat_server", forward);
  Leg l = asked.times((1 - f.all_devices_local) * (1 - f.route_cache_hit));
  l += forwarded.times(1 - f.same_server);
  return l;
}

}  // namespace

std::vector<ClassLatency> class_latencies(const Scenario& s, const std::vector<StationLoad>& stations,
                                          const std::vector<FrameStation>& frames, const FlowShares& f) {
  const PathModel p(s, stations, frames);
  const double message = s.costs.frame_overhead_bytes + f.body_bytes;
  const double receipt = s.costs.frame_overhead_bytes + s.costs.receipt_bytes;
  const double control = s.costs.frame_overhead_bytes;
  const PhoneSeconds phone = phone_seconds(s, f);

  Leg stored = p.crypto(phone.send_s);
  stored += p.up(message);
  stored += p.at("chat_server", "send");
  stored += p.hop("user", "message_service", message);
  stored += p.at("message_service", "store");
  if (s.replication.mode == "sync") {  // acknowledged once the secondary applied it
    stored += p.hop("message_service", "message_service", message);
    stored += p.at("message_service", "replicate");
    stored += p.hop("message_service", "message_service", control);
  }
  stored += p.hop("message_service", "user", message);
  stored += p.at("chat_server", "store_ack");

  Leg acked = stored;
  acked += p.down(message);

  Leg delivered = stored;
  delivered += route_to_device(p, f, "lookup", "route_reply", "forward", message, control);
  delivered += p.down(message);
  delivered += p.crypto(phone.receive_s);
  delivered += p.up(receipt);
  delivered += p.at("chat_server", "receipt");
  delivered += route_to_device(p, f, "receipt_lookup", "receipt_route_reply", "receipt_forward", receipt, control);
  delivered += p.down(receipt);
  // Devices leave and come back (exponential sessions, memoryless): a sender whose session
  // ends before its acknowledgement arrives gets it when it is back (its outbox resends); a
  // recipient device offline when the message comes gets it when it is back, and a sender
  // offline when the receipt comes sees the checks when it is back.
  const SessionModel& m = s.population.session;
  const double ack_lost = total_s(acked) / (m.mean_online_s + total_s(acked));
  const double recipient_offline = m.mean_offline_s / (m.mean_online_s + m.mean_offline_s);
  const double receipt_waits = recipient_offline * m.mean_offline_s / (m.mean_online_s + m.mean_offline_s);
  return {to_class("server_ack", acked, ack_lost * m.mean_offline_s),
          to_class("delivered", delivered, (recipient_offline + receipt_waits) * m.mean_offline_s)};
}

}  // namespace whatsim
