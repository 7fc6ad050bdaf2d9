#include "analysis/availability_meter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace whatsim {

namespace {

// Nothing sent is nothing refused: a share over no sends is 1, as the report declares.
double share_or_one(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

AvailabilityMeter::AvailabilityMeter(double ack_within_s, double window_s, double recovery_tolerance,
                                     double warmup_s)
    : ack_within_s_(ack_within_s),
      window_s_(window_s),
      recovery_tolerance_(recovery_tolerance),
      warmup_s_(warmup_s) {
  // Windows are found by dividing by their length: a zero length would put every send nowhere.
  if (!(window_s > 0)) throw std::invalid_argument("availability window_s must be positive");
}

void AvailabilityMeter::add_fault(FaultWindow fault) { faults_.push_back(std::move(fault)); }

void AvailabilityMeter::on_event(const LifecycleEvent& e) {
  switch (e.kind) {
    case EventKind::sent:
      on_sent(e);
      break;
    case EventKind::acked: {
      // Retries are acknowledged again; only the first acknowledgement is the send's latency.
      const auto found = unacked_.find(e.id.packed());
      if (found == unacked_.end()) break;
      on_first_ack(found->second, e.time);
      unacked_.erase(found);
      break;
    }
    case EventKind::delivered:
      ++window_at(e.time).delivered;
      break;
    default:
      break;
  }
}

void AvailabilityMeter::on_queued_frames(double window_end_s, std::uint64_t frames) {
  // Rounded, not floored: a time the engine reached by adding window lengths may fall a hair short.
  const auto windows_ended = std::llround(window_end_s / window_s_);
  if (windows_ended <= 0) return;
  window(static_cast<std::size_t>(windows_ended - 1)).queued_frames = frames;
}

// A send is classed as during a fault by its send time: what the user saw was a send made
// while something was broken.
void AvailabilityMeter::on_sent(const LifecycleEvent& e) {
  const Unacked send{e.time, fault_active_at(e.time)};
  if (!unacked_.try_emplace(e.id.packed(), send).second) return;  // one message is one send
  WindowTally& tally = window_at(e.time);
  ++tally.sends;
  if (send.during_fault) ++tally.sends_during_faults;
}

void AvailabilityMeter::on_first_ack(const Unacked& send, double acked_s) {
  const double latency_s = acked_s - send.sent_s;
  WindowTally& tally = window_at(send.sent_s);  // a send counts in the window it was made in
  ++tally.acked;
  tally.ack_ms_sum += latency_s * 1e3;
  if (latency_s > ack_within_s_) return;
  ++tally.acked_in_time;
  if (send.during_fault) ++tally.acked_in_time_during_faults;
}

AvailabilityMeter::WindowTally& AvailabilityMeter::window_at(double time_s) {
  return window(static_cast<std::size_t>(std::max(0.0, std::floor(time_s / window_s_))));
}

AvailabilityMeter::WindowTally& AvailabilityMeter::window(std::size_t index) {
  if (index >= windows_.size()) windows_.resize(index + 1);
  return windows_[index];
}

bool AvailabilityMeter::fault_active_at(double time_s) const {
  return std::any_of(faults_.begin(), faults_.end(),
                     [time_s](const FaultWindow& f) { return f.start_s <= time_s && time_s < f.end_s; });
}

AvailabilityMeter::WindowTally AvailabilityMeter::tally(std::size_t window) const {
  return window < windows_.size() ? windows_[window] : WindowTally{};
}

// A window is reported when it reaches past the warm-up and every send in it has had
// ack_within_s to be acknowledged before the run ended.
bool AvailabilityMeter::reported(std::size_t window, double end_s) const {
  const double window_end_s = static_cast<double>(window + 1) * window_s_;
  return window_end_s > warmup_s_ && window_end_s + ack_within_s_ <= end_s;
}

AvailabilityWindow AvailabilityMeter::window_report(std::size_t window) const {
  const WindowTally t = tally(window);
  AvailabilityWindow w;
  w.start_s = static_cast<double>(window) * window_s_;
  w.sends = t.sends;
  w.acked_in_time = t.acked_in_time;
  w.share = share_or_one(t.acked_in_time, t.sends);
  w.mean_ack_ms = t.acked == 0 ? 0 : t.ack_ms_sum / static_cast<double>(t.acked);
  w.delivered = t.delivered;
  w.queued_frames = t.queued_frames;
  return w;
}

AvailabilityReport AvailabilityMeter::finish(double end_s) const {
  AvailabilityReport report;
  report.ack_within_s = ack_within_s_;
  report.window_s = window_s_;
  report.faults = faults_;
  // Stable: faults starting together keep the order they were added in.
  std::stable_sort(report.faults.begin(), report.faults.end(),
                   [](const FaultWindow& a, const FaultWindow& b) { return a.start_s < b.start_s; });

  const WindowRange range = reported_windows(end_s);
  WindowTally sums;
  for (std::size_t i = range.first; i < range.last; ++i) {
    const WindowTally t = tally(i);
    sums.sends += t.sends;
    sums.acked_in_time += t.acked_in_time;
    sums.sends_during_faults += t.sends_during_faults;
    sums.acked_in_time_during_faults += t.acked_in_time_during_faults;
    report.windows.push_back(window_report(i));
  }
  report.overall = share_or_one(sums.acked_in_time, sums.sends);
  report.during_faults = share_or_one(sums.acked_in_time_during_faults, sums.sends_during_faults);
  report.outside_faults = share_or_one(sums.acked_in_time - sums.acked_in_time_during_faults,
                                       sums.sends - sums.sends_during_faults);

  if (report.faults.empty()) return report;
  const Baseline before = baseline(range, report.faults.front().start_s);
  for (const FaultWindow& fault : report.faults) report.recoveries.push_back(recovery(fault, before, range));
  return report;
}

// Reported windows are contiguous: from the first past the warm-up to the last whose sends
// had their full ack_within_s before the end.
AvailabilityMeter::WindowRange AvailabilityMeter::reported_windows(double end_s) const {
  WindowRange range;
  while (static_cast<double>(range.first + 1) * window_s_ <= warmup_s_) ++range.first;
  range.last = range.first;
  while (reported(range.last, end_s)) ++range.last;
  return range;
}

// The level to return to: the mean share of the reported windows that end before the first
// fault starts, and their mean ack latency. Windows without sends (or without acks, for the
// latency) say nothing about the level and are left out.
AvailabilityMeter::Baseline AvailabilityMeter::baseline(const WindowRange& range, double first_fault_s) const {
  Baseline before;
  double share_sum = 0;
  double ack_ms_sum = 0;
  for (std::size_t i = range.first; i < range.last; ++i) {
    const AvailabilityWindow w = window_report(i);
    if (w.start_s + window_s_ > first_fault_s) break;
    if (w.sends > 0) {
      share_sum += w.share;
      ++before.share_windows;
    }
    if (tally(i).acked > 0) {
      ack_ms_sum += w.mean_ack_ms;
      ++before.ack_windows;
    }
  }
  if (before.share_windows > 0) before.share = share_sum / static_cast<double>(before.share_windows);
  if (before.ack_windows > 0) before.ack_ms = ack_ms_sum / static_cast<double>(before.ack_windows);
  return before;
}

// The first window starting at or after the heal that is back within tolerance of the
// pre-fault level; recovered after the end of that window. Without a pre-fault level there
// is nothing to return to: -1, as for never.
FaultRecovery AvailabilityMeter::recovery(const FaultWindow& fault, const Baseline& before,
                                          const WindowRange& range) const {
  FaultRecovery r;
  r.label = fault.label;
  r.healed_at_s = fault.end_s;
  r.pre_fault_share = before.share;
  r.pre_fault_ack_ms = before.ack_ms;
  for (std::size_t i = range.first; i < range.last; ++i) {
    const AvailabilityWindow w = window_report(i);
    if (w.start_s < fault.end_s) continue;
    const double after_s = w.start_s + window_s_ - fault.end_s;
    const bool share_back = before.share_windows > 0 && w.sends > 0 &&
                            w.share >= before.share - recovery_tolerance_;
    const bool latency_back = before.ack_windows > 0 && tally(i).acked > 0 &&
                              w.mean_ack_ms <= before.ack_ms * (1 + recovery_tolerance_);
    if (share_back && r.availability_recovered_after_s < 0) r.availability_recovered_after_s = after_s;
    if (latency_back && r.latency_recovered_after_s < 0) r.latency_recovered_after_s = after_s;
  }
  return r;
}

}  // namespace whatsim
