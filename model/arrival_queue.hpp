#pragma once
// Frames that have left the wire but whose route latency has not yet elapsed.
//
// Why the model applies latency itself: SimGrid 3.32 matches a mailbox's receive to the
// oldest *started* send, not the first to *arrive*, so a frame on a long route blocks a
// later frame on a short one (head-of-line blocking a real server does not have); and it
// keeps every detached comm in one global list that is scanned linearly at each
// completion, so per-hop cost grows with the frames in flight. SimGrid links therefore
// carry bandwidth only (contention still simulated); each frame's route latency is added
// here, and frames are handed over in arrival order.
#include <cstdint>
#include <memory>
#include <queue>
#include <vector>

#include "model/envelope.hpp"

namespace whatsim {

class ArrivalQueue {
 public:
  void push(Envelope* e) { heap_.push({e->arrive_at, order_++, e}); }
  bool empty() const { return heap_.empty(); }
  double next_arrival() const { return heap_.top().arrive_at; }
  bool due(double now) const { return !heap_.empty() && heap_.top().arrive_at <= now; }
  std::unique_ptr<Envelope> pop() {
    Envelope* e = heap_.top().envelope;
    heap_.pop();
    return std::unique_ptr<Envelope>(e);
  }
  ~ArrivalQueue() {
    while (!heap_.empty()) pop();  // frames still in flight when the run ends
  }

 private:
  struct Entry {
    double arrive_at;
    std::uint64_t order;  // equal times: first sent, first handed over (deterministic)
    Envelope* envelope;
    bool operator>(const Entry& o) const { return arrive_at != o.arrive_at ? arrive_at > o.arrive_at : order > o.order; }
  };
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_;
  std::uint64_t order_ = 0;
};

}  // namespace whatsim
