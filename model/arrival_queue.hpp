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
//
// One connection keeps its order, as TCP does: SimGrid's fluid network can finish a small
// frame before a larger one posted earlier on the same route (a consumer's batch of log
// records overtaking the previous batch), which a real connection never shows. A frame of
// a connection (Envelope::sent_from, affinity_key) therefore arrives no earlier than the
// one posted before it. A frame that waited on a database (database_wait_s) is written to
// its connection after that wait, not when posted, so it neither waits nor is waited for.
// A connection is remembered only while a frame of it is queued here: frames are taken in
// in posting order, so once none is queued, every earlier one has been handed over.
#include <cstdint>
#include <map>
#include <memory>
#include <queue>
#include <utility>
#include <vector>

#include "model/envelope.hpp"

namespace whatsim {

class ArrivalQueue {
 public:
  // Queues `e` (taking ownership) at its arrive_at, or later if an earlier frame of its
  // connection arrives later; returns the seconds it was held back for that.
  double push(Envelope* e) {
    double held_s = 0;
    if (keeps_order(*e)) {
      Connection& c = connections_[{e->sent_from, e->affinity_key}];
      if (c.last_arrive_at > e->arrive_at) {
        held_s = c.last_arrive_at - e->arrive_at;
        e->arrive_at = c.last_arrive_at;
      }
      c.last_arrive_at = e->arrive_at;
      ++c.queued;
    }
    heap_.push({e->arrive_at, order_++, e});
    return held_s;
  }
  bool empty() const { return heap_.empty(); }
  double next_arrival() const { return heap_.top().arrive_at; }
  bool due(double now) const { return !heap_.empty() && heap_.top().arrive_at <= now; }
  std::unique_ptr<Envelope> pop() {
    Envelope* e = heap_.top().envelope;
    heap_.pop();
    if (keeps_order(*e)) {
      const auto c = connections_.find({e->sent_from, e->affinity_key});
      if (--c->second.queued == 0) connections_.erase(c);
    }
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

  static bool keeps_order(const Envelope& e) { return e.sent_from != nullptr && e.database_wait_s == 0; }
  struct Connection {
    double last_arrive_at = 0;  // of the last frame taken in
    std::uint32_t queued = 0;   // its frames still here
  };
  // Ordered map: a worker has few connections with frames queued at once, and lookups only.
  std::map<std::pair<const simgrid::s4u::Host*, std::uint64_t>, Connection> connections_;
};

}  // namespace whatsim
