#include "model/recorder.hpp"

namespace whatsim {

namespace {
// Every report lists these classes, with zero counts when nothing was measured.
constexpr const char* kLatencyClasses[] = {"server_ack",      "delivered",    "read",
                                           "offline_delivery", "group_delivered", "group_read",
                                           "group_first_delivery", "group_fanout"};
}  // namespace

Recorder::Recorder(double warmup_s, std::ostream* history) : warmup_s_(warmup_s), history_(history) {
  for (const char* c : kLatencyClasses) latency_[c];
  if (history_ != nullptr) write_history_header(*history_);
}

void Recorder::record(const LifecycleEvent& e) {
  checker_.on_event(e);
  if (history_ != nullptr) write_event(*history_, e);
}

void Recorder::latency(const char* latency_class, double sent_at, double now) {
  if (sent_at < warmup_s_) return;
  latency_[latency_class].add((now - sent_at) * 1000.0);
}

void Recorder::group_planned(const ChatFrame& f, std::uint32_t copies) {
  if (copies > 0) fanouts_[f.id] = Fanout{f.sent_at, copies, false};
}

void Recorder::group_delivered(const ChatFrame& f, double now) {
  groups_.deliveries += 1;
  auto it = fanouts_.find(f.id);
  if (it == fanouts_.end()) return;  // fan-out already complete (copies of a retried send)
  Fanout& fan = it->second;
  if (!fan.first_seen) latency("group_first_delivery", fan.sent_at, now);
  fan.first_seen = true;
  if (--fan.remaining > 0) return;
  latency("group_fanout", fan.sent_at, now);
  fanouts_.erase(it);
}

std::uint64_t Recorder::fanouts_incomplete() const {
  std::uint64_t n = 0;
  for (const auto& [id, fan] : fanouts_) n += fan.sent_at >= warmup_s_ ? 1 : 0;
  return n;
}

std::map<std::string, LatencySummary> Recorder::latency_summaries() const {
  std::map<std::string, LatencySummary> out;
  for (const auto& [name, hist] : latency_) out[name] = hist.summary();
  return out;
}

}  // namespace whatsim
