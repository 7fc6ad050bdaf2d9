#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/consistency_checker.hpp"

using namespace whatsim;

// The anomalies faults cause: devices of one user that disagree about a conversation (an
// asynchronous failover hands out a seq again), and acknowledgements before the secondary
// had the message under synchronous replication.

namespace {

// Sender user 1 (device 10) writes to user 2, who has a phone (20) and a laptop (21).
constexpr DeviceId kSender = 10;
constexpr DeviceId kPhone = 20;
constexpr DeviceId kLaptop = 21;
const StreamId kStream = stream_of(1, 2);
const MessageId kFirst{kSender, 1};
const MessageId kSecond{kSender, 2};

LifecycleEvent ev(double t, EventKind kind, MessageId id, DeviceId device, Seq seq, std::uint32_t count = 0) {
  return {t, kind, id, kStream, seq, device, count};
}

// A message stored for both devices at `seq` and acknowledged for both; no delivery yet.
std::vector<LifecycleEvent> stored_for_both(double t, MessageId id, Seq seq) {
  return {ev(t, EventKind::sent, id, kSender, 0), ev(t + 0.01, EventKind::stored, id, kPhone, seq),
          ev(t + 0.01, EventKind::stored, id, kLaptop, seq), ev(t + 0.02, EventKind::acked, id, kSender, seq, 2)};
}

void append(std::vector<LifecycleEvent>& events, const std::vector<LifecycleEvent>& more) {
  events.insert(events.end(), more.begin(), more.end());
}

ConsistencyCounts check(const std::vector<LifecycleEvent>& events, bool acks_require_replication = false) {
  ConsistencyChecker checker(5, acks_require_replication);
  for (const auto& e : events) checker.on_event(e);
  return checker.finish();
}

// The first message reaches the phone at seq 1; the primary is lost and the promoted
// secondary, which never had it, gives seq 1 to the second message, which reaches the
// laptop. The copies the run did not deliver are pending at the end, so only the
// disagreement remains.
std::vector<LifecycleEvent> failover_reusing_seq_1() {
  std::vector<LifecycleEvent> events = stored_for_both(1, kFirst, 1);
  events.push_back(ev(1.05, EventKind::delivered, kFirst, kPhone, 1));
  append(events, stored_for_both(2, kSecond, 1));
  events.push_back(ev(2.05, EventKind::delivered, kSecond, kLaptop, 1));
  events.push_back(ev(9, EventKind::pending_at_end, kFirst, kLaptop, 1));
  events.push_back(ev(9, EventKind::pending_at_end, kSecond, kPhone, 1));
  return events;
}

// A message sent, replicated to the secondary, acknowledged, delivered to the phone.
std::vector<LifecycleEvent> durable_message(double t, MessageId id, Seq seq) {
  return {ev(t, EventKind::sent, id, kSender, 0), ev(t + 0.01, EventKind::stored, id, kPhone, seq),
          ev(t + 0.02, EventKind::replicated, id, kSender, seq, 1), ev(t + 0.03, EventKind::acked, id, kSender, seq, 1),
          ev(t + 0.05, EventKind::delivered, id, kPhone, seq)};
}

}  // namespace

TEST_CASE("two devices of one user holding different messages at one seq diverge", "[analysis][consistency][fault]") {
  const auto c = check(failover_reusing_seq_1());
  CHECK(c.divergences == 1);
  CHECK(c.total() == 1);
  REQUIRE(c.examples.size() == 1);
  CHECK(c.examples[0].kind == "divergence");
  CHECK(c.examples[0].id == kSecond);
  CHECK(c.examples[0].device == kLaptop);
  CHECK(c.examples[0].time == 2.05);
  CHECK(c.examples[0].detail ==
        "seq 1 in stream " + std::to_string(kStream) + " was message " + std::to_string(kFirst.packed()) +
            " on another device");
}

TEST_CASE("one device getting another message at a seq it had is an order violation, not a divergence",
          "[analysis][consistency][fault]") {
  std::vector<LifecycleEvent> events = stored_for_both(1, kFirst, 1);
  events.push_back(ev(1.05, EventKind::delivered, kFirst, kPhone, 1));
  append(events, stored_for_both(2, kSecond, 1));
  events.push_back(ev(2.05, EventKind::delivered, kSecond, kPhone, 1));
  events.push_back(ev(9, EventKind::pending_at_end, kFirst, kLaptop, 1));
  events.push_back(ev(9, EventKind::pending_at_end, kSecond, kLaptop, 1));
  const auto c = check(events);
  CHECK(c.order_violations == 1);
  CHECK(c.divergences == 0);
  CHECK(c.total() == 1);
}

TEST_CASE("a divergent copy delivered twice counts as duplicated, not as a second divergence",
          "[analysis][consistency][fault]") {
  auto events = failover_reusing_seq_1();
  events.push_back(ev(3, EventKind::delivered, kSecond, kLaptop, 1));
  const auto c = check(events);
  CHECK(c.divergences == 1);
  CHECK(c.duplicated == 1);
  CHECK(c.total() == 2);
}

TEST_CASE("a seq stays watched while its message has copies to deliver, even before its ack",
          "[analysis][consistency][fault]") {
  // The phone's copy arrives before the sender's ack: the checker cannot yet know how many
  // copies there are, so it must not forget seq 1.
  const std::vector<LifecycleEvent> events = {
      ev(1, EventKind::stored, kFirst, kPhone, 1),        ev(1, EventKind::stored, kFirst, kLaptop, 1),
      ev(1.01, EventKind::delivered, kFirst, kPhone, 1),  ev(1.02, EventKind::acked, kFirst, kSender, 1, 2),
      ev(2, EventKind::stored, kSecond, kLaptop, 1),      ev(2.01, EventKind::acked, kSecond, kSender, 1, 1),
      ev(2.02, EventKind::delivered, kSecond, kLaptop, 1), ev(9, EventKind::pending_at_end, kFirst, kLaptop, 1)};
  const auto c = check(events);
  CHECK(c.divergences == 1);
  CHECK(c.total() == 1);
}

TEST_CASE("a seq is forgotten once every copy its message was acknowledged for is delivered",
          "[analysis][consistency][fault]") {
  // Acknowledged for the phone alone (the laptop registered later) and delivered there: seq 1
  // is settled and forgotten, so a later message at seq 1 on the laptop is no longer compared.
  // This is the bound on the checker's memory; every device acknowledged for has the first
  // message, so on any of them the order check would catch a second one.
  const std::vector<LifecycleEvent> events = {
      ev(1, EventKind::stored, kFirst, kPhone, 1),       ev(1.01, EventKind::acked, kFirst, kSender, 1, 1),
      ev(1.02, EventKind::delivered, kFirst, kPhone, 1), ev(2, EventKind::stored, kSecond, kLaptop, 1),
      ev(2.01, EventKind::acked, kSecond, kSender, 1, 1), ev(2.02, EventKind::delivered, kSecond, kLaptop, 1)};
  CHECK(check(events).total() == 0);
}

TEST_CASE("under synchronous replication an ack before the secondary has the message is flagged",
          "[analysis][consistency][fault]") {
  const std::vector<LifecycleEvent> events = {
      ev(1, EventKind::sent, kFirst, kSender, 0),        ev(1.01, EventKind::stored, kFirst, kPhone, 4),
      ev(1.02, EventKind::acked, kFirst, kSender, 4, 1), ev(1.03, EventKind::replicated, kFirst, kSender, 4, 1),
      ev(1.05, EventKind::delivered, kFirst, kPhone, 4)};
  const auto c = check(events, true);
  CHECK(c.acked_before_durable == 1);
  CHECK(c.total() == 1);
  REQUIRE(c.examples.size() == 1);
  CHECK(c.examples[0].kind == "acked_before_durable");
  CHECK(c.examples[0].id == kFirst);
  CHECK(c.examples[0].device == kSender);
  CHECK(c.examples[0].time == 1.02);
  CHECK(c.examples[0].detail ==
        "acknowledged to device 10 before the secondary had seq 4 of stream " + std::to_string(kStream));

  CHECK(check(events, false).total() == 0);  // asynchronous replication may acknowledge first
}

TEST_CASE("under synchronous replication messages replicated before their ack are clean",
          "[analysis][consistency][fault]") {
  std::vector<LifecycleEvent> events = durable_message(1, kFirst, 1);
  append(events, durable_message(2, kSecond, 2));
  const auto c = check(events, true);
  CHECK(c.acked_before_durable == 0);
  CHECK(c.total() == 0);
}

TEST_CASE("only a message's first ack is judged against its replication", "[analysis][consistency][fault]") {
  // Acknowledged after replication, then again after a retry: clean.
  std::vector<LifecycleEvent> events = durable_message(1, kFirst, 1);
  events.push_back(ev(3, EventKind::acked, kFirst, kSender, 1, 1));
  // Acknowledged early, replicated, acknowledged again: one fault, not two, and the retry's
  // ack does not clear it.
  events.push_back(ev(4, EventKind::stored, kSecond, kPhone, 2));
  events.push_back(ev(4.01, EventKind::acked, kSecond, kSender, 2, 1));
  events.push_back(ev(4.02, EventKind::replicated, kSecond, kSender, 2, 1));
  events.push_back(ev(5, EventKind::acked, kSecond, kSender, 2, 1));
  events.push_back(ev(5.01, EventKind::delivered, kSecond, kPhone, 2));
  const auto c = check(events, true);
  CHECK(c.acked_before_durable == 1);
  REQUIRE(c.examples.size() == 1);
  CHECK(c.examples[0].id == kSecond);
  CHECK(c.examples[0].time == 4.01);
}
