#pragma once
// What one server's process measured: CPU cycles spent, frames handled, frames waiting for
// a core (time-averaged), connections held. Only time after the warm-up counts.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

namespace whatsim {

class ServerStats {
 public:
  explicit ServerStats(double warmup_s = 0) : warmup_s_(warmup_s) {}

  // A frame for this server is off the wire and arrives at `arrive_at` (after its route
  // latency); it waits for a core from then until a worker takes it.
  void in_flight(double arrive_at) { arriving_.push(arrive_at); }
  // A worker took an arrived frame (frames are only taken once arrived).
  void taken(double now) {
    settle_arrivals(now);
    change_waiting(now, -1);
  }
  void busy(double now, double cycles) {
    frames_ += 1;
    if (now >= warmup_s_) measured_frames_ += 1;
    background(now, cycles);
  }
  // CPU work that is not a frame (bulk heartbeat bookkeeping).
  void background(double now, double cycles) {
    if (now >= warmup_s_) measured_cycles_ += cycles;
  }
  void connected(std::int64_t delta) {
    connections_ += delta;
    peak_connections_ = std::max(peak_connections_, connections_);
  }
  // Close the time average at `now` (the end of the run).
  void close(double now) {
    settle_arrivals(now);
    change_waiting(now, 0);
  }

  // Frames arrived and waiting for a core at `now` (not before the last call's `now`): the
  // queue a sample of the whole system's depth reads.
  std::uint64_t waiting_at(double now) {
    settle_arrivals(now);
    return static_cast<std::uint64_t>(std::max<std::int64_t>(waiting_, 0));
  }

  std::uint64_t frames() const { return frames_; }
  std::uint64_t measured_frames() const { return measured_frames_; }  // after the warm-up
  double measured_cycles() const { return measured_cycles_; }
  double waiting_mean(double now) const { return now > warmup_s_ ? waiting_area_ / (now - warmup_s_) : 0; }
  std::uint64_t waiting_max() const { return static_cast<std::uint64_t>(std::max<std::int64_t>(waiting_max_, 0)); }
  std::int64_t connections() const { return connections_; }
  std::int64_t peak_connections() const { return peak_connections_; }

 private:
  void settle_arrivals(double now) {
    while (!arriving_.empty() && arriving_.top() <= now) {
      change_waiting(arriving_.top(), +1);
      arriving_.pop();
    }
  }
  void change_waiting(double now, int delta) {
    if (now > warmup_s_) waiting_area_ += static_cast<double>(waiting_) * (now - std::max(last_change_, warmup_s_));
    last_change_ = now;
    waiting_ += delta;
    if (now >= warmup_s_) waiting_max_ = std::max(waiting_max_, waiting_);
  }
  double warmup_s_;
  // Arrival times of frames on their way here: they count as waiting from then on.
  std::priority_queue<double, std::vector<double>, std::greater<double>> arriving_;
  std::uint64_t frames_ = 0;
  std::uint64_t measured_frames_ = 0;
  double measured_cycles_ = 0;
  std::int64_t waiting_ = 0;
  std::int64_t waiting_max_ = 0;
  double waiting_area_ = 0;
  double last_change_ = 0;
  std::int64_t connections_ = 0;
  std::int64_t peak_connections_ = 0;
};

}  // namespace whatsim
