#include "model/recorder.hpp"

#include "model/units.hpp"

namespace whatsim {

namespace {
// Every report lists these classes, with zero counts when nothing was measured.
// delivery_online: sent to shown on a device that was connected (the copy did not wait in
// the offline store), one way; the delivery latency the design's p99 target is about.
constexpr const char* kLatencyClasses[] = {"server_ack",      "delivered",    "read",
                                           "offline_delivery", "delivery_online", "group_delivered", "group_read",
                                           "group_first_delivery", "group_fanout"};
constexpr const char* kMediaLatencyClasses[] = {"media_upload", "media_download", "media_download_cdn_hit",
                                                "media_download_cdn_miss"};
}  // namespace

namespace {
constexpr std::size_t kExamplesPerKind = 5;
}  // namespace

Recorder::Recorder(const Scenario& s, std::ostream* history, bool media)
    : warmup_s_(s.simulation.warmup_s),
      history_(history),
      checker_(kExamplesPerKind, s.replication.mode == "sync", s.simulation.checker_horizon_s),
      availability_(s.availability.ack_within_s, s.availability.window_s, s.availability.recovery_tolerance,
                    s.simulation.warmup_s) {
  for (const char* c : kLatencyClasses) latency_[c];
  if (media) {
    for (const char* c : kMediaLatencyClasses) latency_[c];
  }
  if (history_ != nullptr) write_history_header(*history_);
}

void Recorder::record(const LifecycleEvent& e) {
  checker_.on_event(e);
  availability_.on_event(e);
  if (history_ != nullptr) write_event(*history_, e);
}

void Recorder::latency(const char* latency_class, double sent_at, double now, const PathTime& path) {
  if (sent_at < warmup_s_) return;
  const double total_ms = (now - sent_at) * kMsPerS;
  latency_[latency_class].add(total_ms);
  LatencyBreakdown& b = breakdown_sums_[latency_class];
  b.samples += 1;
  b.total_ms += total_ms;
  b.network_ms += path.network_s * kMsPerS;
  b.queueing_ms += path.queueing_s * kMsPerS;
  b.server_cpu_ms += path.server_cpu_s * kMsPerS;
  b.device_crypto_ms += path.device_crypto_s * kMsPerS;
}

// Means per sample; what the path does not account for is the rest.
std::map<std::string, LatencyBreakdown> Recorder::latency_breakdowns() const {
  std::map<std::string, LatencyBreakdown> out;
  for (const auto& [name, sum] : breakdown_sums_) {
    const auto n = static_cast<double>(sum.samples);
    LatencyBreakdown& b = out[name];
    b.samples = sum.samples;
    b.total_ms = sum.total_ms / n;
    b.network_ms = sum.network_ms / n;
    b.queueing_ms = sum.queueing_ms / n;
    b.server_cpu_ms = sum.server_cpu_ms / n;
    b.device_crypto_ms = sum.device_crypto_ms / n;
    b.other_ms = b.total_ms - b.network_ms - b.queueing_ms - b.server_cpu_ms - b.device_crypto_ms;
  }
  return out;
}

void Recorder::group_planned(const ChatFrame& f, std::uint32_t copies) {
  if (copies > 0) fanouts_[f.id] = Fanout{f.sent_at, copies, false};
}

void Recorder::group_delivered(const ChatFrame& f, double now) {
  groups_.deliveries += 1;
  auto it = fanouts_.find(f.id);
  if (it == fanouts_.end()) return;  // fan-out already complete (copies of a retried send)
  Fanout& fan = it->second;
  if (!fan.first_seen) latency("group_first_delivery", fan.sent_at, now, f.path);
  fan.first_seen = true;
  if (--fan.remaining > 0) return;
  latency("group_fanout", fan.sent_at, now, f.path);
  fanouts_.erase(it);
}

std::uint64_t Recorder::fanouts_incomplete() const {
  std::uint64_t n = 0;
  for (const auto& [id, fan] : fanouts_) n += fan.sent_at >= warmup_s_ ? 1 : 0;
  return n;
}

void Recorder::crypto_work(Tier tier, double cycles, double now) {
  if (now >= warmup_s_) crypto_cycles_[static_cast<int>(tier)] += cycles;
}

void Recorder::media_egress(MediaTier tier, double bytes, double now) {
  egress_total_[static_cast<int>(tier)] += bytes;
  if (now >= warmup_s_) egress_measured_[static_cast<int>(tier)] += bytes;
}

void Recorder::viral_request(double now, bool cdn_hit) {
  ViralReport& v = media_.viral;
  v.requests += 1;
  v.cdn_hits += cdn_hit ? 1 : 0;
  if (v.promoted_at_s < 0 || now < v.promoted_at_s) return;
  v.requests_after_promotion += 1;
  v.cdn_hits_after_promotion += cdn_hit ? 1 : 0;
}

void Recorder::viral_blob_read(double now) {
  ViralReport& v = media_.viral;
  v.blob_reads += 1;
  if (v.promoted_at_s >= 0 && now >= v.promoted_at_s) v.blob_reads_after_promotion += 1;
}

void Recorder::viral_promoted(double now) {
  media_.viral.promoted_at_s = now;
}

void Recorder::media_sample(double now) {
  const ViralReport& v = media_.viral;
  media_.timeline.push_back({now, egress_total_[static_cast<int>(MediaTier::cdn)],
                             egress_total_[static_cast<int>(MediaTier::blob)], v.requests, v.cdn_hits, v.blob_reads});
}

std::map<std::string, LatencySummary> Recorder::latency_summaries() const {
  std::map<std::string, LatencySummary> out;
  for (const auto& [name, hist] : latency_) out[name] = hist.summary();
  return out;
}

}  // namespace whatsim
