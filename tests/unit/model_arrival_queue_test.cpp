// The arrival queue hands frames over by arrival time, except that one connection keeps the
// order its frames were posted in (model/arrival_queue.hpp).
#include <catch2/catch.hpp>

#include "model/arrival_queue.hpp"

using namespace whatsim;

namespace {

// The queue only compares host addresses, so any two distinct objects stand for two hosts.
const int kHostA = 1, kHostB = 2;
const auto* host_a = reinterpret_cast<const simgrid::s4u::Host*>(&kHostA);
const auto* host_b = reinterpret_cast<const simgrid::s4u::Host*>(&kHostB);

Envelope* frame(Offset tag, double arrive_at, const simgrid::s4u::Host* from, std::uint64_t key,
                double database_wait_s = 0) {
  auto* e = new Envelope{};
  e->offset = tag;
  e->arrive_at = arrive_at;
  e->sent_from = from;
  e->affinity_key = key;
  e->database_wait_s = database_wait_s;
  return e;
}

std::vector<Offset> drain(ArrivalQueue& q) {
  std::vector<Offset> tags;
  while (!q.empty()) tags.push_back(q.pop()->offset);
  return tags;
}

}  // namespace

TEST_CASE("a frame that comes off the wire before an earlier one of its connection waits for it", "[arrival]") {
  ArrivalQueue q;
  CHECK(q.push(frame(1, 5.0, host_a, 42)) == 0);
  Envelope* overtaking = frame(2, 3.0, host_a, 42);  // a smaller batch, posted later, finished first
  CHECK(q.push(overtaking) == Approx(2.0));
  CHECK(overtaking->arrive_at == 5.0);
  CHECK(drain(q) == std::vector<Offset>{1, 2});
}

TEST_CASE("other connections are not held back", "[arrival]") {
  ArrivalQueue q;
  q.push(frame(1, 5.0, host_a, 42));
  CHECK(q.push(frame(2, 3.0, host_a, 43)) == 0);  // same host, another key
  CHECK(q.push(frame(3, 4.0, host_b, 42)) == 0);  // same key, another host
  CHECK(drain(q) == std::vector<Offset>{2, 3, 1});
}

TEST_CASE("a frame that waited on a database neither waits nor is waited for", "[arrival]") {
  ArrivalQueue q;
  q.push(frame(1, 9.0, host_a, 7, 0.004));        // written after its database answered
  CHECK(q.push(frame(2, 3.0, host_a, 7)) == 0);   // not held behind it
  CHECK(q.push(frame(3, 2.0, host_a, 7, 0.001)) == 0);
  CHECK(drain(q) == std::vector<Offset>{3, 2, 1});
}

TEST_CASE("frames for phones keep arrival order only", "[arrival]") {
  ArrivalQueue q;
  q.push(frame(1, 5.0, nullptr, 0));
  CHECK(q.push(frame(2, 3.0, nullptr, 0)) == 0);
  CHECK(drain(q) == std::vector<Offset>{2, 1});
}

TEST_CASE("a connection is forgotten once its queued frames are handed over", "[arrival]") {
  ArrivalQueue q;
  q.push(frame(1, 5.0, host_a, 42));
  CHECK(q.pop()->offset == 1);
  // Taken in after frame 1 was handed over, so it comes after it whatever its arrive_at.
  CHECK(q.push(frame(2, 3.0, host_a, 42)) == 0);
  q.push(frame(3, 4.0, host_a, 42));
  CHECK(q.push(frame(4, 3.5, host_a, 42)) > 0);  // but frames queued together still keep order
  CHECK(drain(q) == std::vector<Offset>{2, 3, 4});
}

TEST_CASE("equal arrival times keep posting order", "[arrival]") {
  ArrivalQueue q;
  for (Offset o = 1; o <= 4; ++o) q.push(frame(o, 1.0, host_a, 1));
  CHECK(drain(q) == std::vector<Offset>{1, 2, 3, 4});
}
