#pragma once
// Measures availability from the lifecycle events: the share of sends acknowledged within a
// threshold, per window of simulated time, during and outside the run's faults, and for each
// healed fault how long the windows took to return to their pre-fault level. The seeds
// choose consistency over availability, so this is the price a fault makes the design pay.
//
// Fed online like the consistency checker. Memory: one entry per send until its first
// acknowledgement, and a few counters per window; the faults are added before the events
// they cover (the model knows its whole fault plan at the start).
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analysis/history.hpp"
#include "analysis/run_report.hpp"

namespace whatsim {

class AvailabilityMeter {
 public:
  // The scenario's availability settings (ack_within_s, window_s, recovery_tolerance) and its
  // warm-up, as plain numbers so analysis/ does not depend on the scenario.
  AvailabilityMeter(double ack_within_s, double window_s, double recovery_tolerance, double warmup_s);

  void add_fault(FaultWindow fault);
  void on_event(const LifecycleEvent& e);
  // A sample of the frames waiting for a core, summed over all servers, taken at the end of a
  // window (`window_end_s` a multiple of window_s); the window reports it as its queue depth.
  void on_queued_frames(double window_end_s, std::uint64_t frames);
  // Call once, after the last event; end_s = the simulated time the run ended.
  AvailabilityReport finish(double end_s) const;

 private:
  // One window's counters; shares and means are worked out in finish().
  struct WindowTally {
    std::uint64_t sends = 0;
    std::uint64_t acked_in_time = 0;
    std::uint64_t acked = 0;  // in time or late
    double ack_ms_sum = 0;
    std::uint64_t delivered = 0;
    std::uint64_t sends_during_faults = 0;
    std::uint64_t acked_in_time_during_faults = 0;
    std::uint64_t queued_frames = 0;  // sampled at the window's end
  };
  struct Unacked {
    double sent_s = 0;
    bool during_fault = false;
  };
  struct WindowRange {  // the reported windows: indices [first, last)
    std::size_t first = 0;
    std::size_t last = 0;
  };
  struct Baseline {  // the pre-fault level the recoveries are measured against
    double share = 1;
    double ack_ms = 0;
    std::size_t share_windows = 0;  // windows it was measured over (0: no level to return to)
    std::size_t ack_windows = 0;
  };

  void on_sent(const LifecycleEvent& e);
  void on_first_ack(const Unacked& send, double acked_s);
  WindowTally& window_at(double time_s);
  WindowTally& window(std::size_t index);
  WindowTally tally(std::size_t window) const;
  bool fault_active_at(double time_s) const;
  bool reported(std::size_t window, double end_s) const;
  WindowRange reported_windows(double end_s) const;
  AvailabilityWindow window_report(std::size_t window) const;
  Baseline baseline(const WindowRange& range, double first_fault_s) const;
  FaultRecovery recovery(const FaultWindow& fault, const Baseline& before, const WindowRange& range) const;

  double ack_within_s_;
  double window_s_;
  double recovery_tolerance_;
  double warmup_s_;
  std::vector<FaultWindow> faults_;
  std::vector<WindowTally> windows_;                    // window i covers [i * window_s, (i + 1) * window_s)
  std::unordered_map<std::uint64_t, Unacked> unacked_;  // message -> its send, until its first ack
};

}  // namespace whatsim
