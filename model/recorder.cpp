#include "model/recorder.hpp"

namespace whatsim {

namespace {
// Every report lists these classes, with zero counts when nothing was measured.
constexpr const char* kLatencyClasses[] = {"server_ack", "delivered", "read", "offline_delivery"};
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

std::map<std::string, LatencySummary> Recorder::latency_summaries() const {
  std::map<std::string, LatencySummary> out;
  for (const auto& [name, hist] : latency_) out[name] = hist.summary();
  return out;
}

}  // namespace whatsim
