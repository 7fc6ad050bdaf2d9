#include <catch2/catch.hpp>

#include "analysis/consistency_checker.hpp"

using namespace whatsim;

namespace {

// Sender user 1 (device 10) writes to user 2, who has devices 20 and 21.
constexpr DeviceId kSender = 10;
constexpr DeviceId kPhone = 20;
constexpr DeviceId kLaptop = 21;
const StreamId kStream = stream_of(1, 2);

MessageId msg(std::uint32_t counter) { return MessageId{kSender, counter}; }

LifecycleEvent ev(double t, EventKind kind, MessageId id, DeviceId device, Seq seq = 1, std::uint32_t count = 0) {
  return {t, kind, id, kStream, seq, device, count};
}

// The whole life of one message to both devices, everything as designed.
std::vector<LifecycleEvent> clean_message(double t, std::uint32_t counter, Seq seq) {
  const MessageId id = msg(counter);
  return {ev(t, EventKind::sent, id, kSender, seq),
          ev(t + 0.01, EventKind::stored, id, kPhone, seq),
          ev(t + 0.01, EventKind::stored, id, kLaptop, seq),
          ev(t + 0.02, EventKind::acked, id, kSender, seq, 2),
          ev(t + 0.05, EventKind::delivered, id, kPhone, seq),
          ev(t + 0.06, EventKind::delivered, id, kLaptop, seq),
          ev(t + 0.08, EventKind::receipt, id, kPhone, seq, 2),
          ev(t + 0.09, EventKind::receipt, id, kLaptop, seq, 2),
          ev(t + 1.00, EventKind::receipt, id, kPhone, seq, 3)};
}

ConsistencyCounts check(const std::vector<LifecycleEvent>& events) {
  ConsistencyChecker checker;
  for (const auto& e : events) checker.on_event(e);
  return checker.finish();
}

std::vector<LifecycleEvent> clean_history() {
  std::vector<LifecycleEvent> events;
  for (std::uint32_t i = 1; i <= 3; ++i) {
    const auto m = clean_message(i, i, i);
    events.insert(events.end(), m.begin(), m.end());
  }
  return events;
}

// Exactly one anomaly of `kind`, about message `id`, and nothing else.
void require_single(const ConsistencyCounts& c, const std::string& kind, MessageId id) {
  CHECK(c.total() == 1);
  REQUIRE(c.examples.size() == 1);
  CHECK(c.examples[0].kind == kind);
  CHECK(c.examples[0].id == id);
}

}  // namespace

TEST_CASE("a clean history has no anomalies", "[analysis][consistency]") {
  auto events = clean_history();
  events.push_back(ev(9, EventKind::receipt, msg(1), kPhone, 1, 3));  // a repeated read receipt is harmless
  events.push_back(ev(9, EventKind::stored, msg(2), kPhone, 2));       // so is a repeated store
  const auto c = check(events);
  CHECK(c.total() == 0);
  CHECK(c.lost == 0);
  CHECK(c.duplicated == 0);
  CHECK(c.order_violations == 0);
  CHECK(c.receipt_regressions == 0);
  CHECK(c.missing_copies == 0);
  CHECK(c.divergences == 0);
  CHECK(c.acked_before_durable == 0);
  CHECK(c.examples.empty());
}

TEST_CASE("a clean history replicated before each ack stays clean under synchronous replication",
          "[analysis][consistency]") {
  std::vector<LifecycleEvent> events;
  for (const LifecycleEvent& e : clean_history()) {
    if (e.kind == EventKind::acked) events.push_back(ev(e.time - 0.005, EventKind::replicated, e.id, kSender, e.seq, 2));
    events.push_back(e);
  }
  ConsistencyChecker checker(5, true);
  for (const auto& e : events) checker.on_event(e);
  const auto c = checker.finish();
  CHECK(c.acked_before_durable == 0);
  CHECK(c.total() == 0);

  ConsistencyChecker unreplicated(5, true);  // the same history without its replicated events fails
  for (const auto& e : clean_history()) unreplicated.on_event(e);
  CHECK(unreplicated.finish().acked_before_durable == 3);
}

TEST_CASE("a stored copy never delivered, pending nor expired is lost", "[analysis][consistency]") {
  auto events = clean_history();
  const MessageId id = msg(4);
  events.push_back(ev(5, EventKind::stored, id, kPhone, 4));
  events.push_back(ev(5.1, EventKind::acked, id, kSender, 4, 1));
  const auto c = check(events);
  CHECK(c.lost == 1);
  require_single(c, "lost", id);
  CHECK(c.examples[0].device == kPhone);
  CHECK(c.examples[0].time == 5.1);  // found at the end of the history
}

TEST_CASE("a copy delivered twice to one device is duplicated", "[analysis][consistency]") {
  auto events = clean_history();
  events.push_back(ev(7, EventKind::delivered, msg(2), kLaptop, 2));
  const auto c = check(events);
  CHECK(c.duplicated == 1);
  CHECK(c.order_violations == 0);  // its old seq is the same fault, not a second one
  require_single(c, "duplicated", msg(2));
  CHECK(c.examples[0].device == kLaptop);
  CHECK(c.examples[0].time == 7);
}

TEST_CASE("seq 2 delivered before seq 1 on one device is an order violation", "[analysis][consistency]") {
  const MessageId first = msg(1);
  const MessageId second = msg(2);
  const std::vector<LifecycleEvent> events = {
      ev(1, EventKind::stored, first, kPhone, 1),         ev(1.1, EventKind::acked, first, kSender, 1, 1),
      ev(2, EventKind::stored, second, kPhone, 2),        ev(2.1, EventKind::acked, second, kSender, 2, 1),
      ev(3, EventKind::delivered, second, kPhone, 2),     ev(4, EventKind::delivered, first, kPhone, 1)};
  const auto c = check(events);
  CHECK(c.order_violations == 1);
  require_single(c, "order_violation", first);
  CHECK(c.examples[0].detail == "seq 1 after 2 in stream " + std::to_string(kStream));
}

TEST_CASE("order is per device: another device's progress does not count", "[analysis][consistency]") {
  const MessageId first = msg(1);
  const MessageId second = msg(2);
  const std::vector<LifecycleEvent> events = {
      ev(1, EventKind::delivered, first, kPhone, 1), ev(2, EventKind::delivered, second, kPhone, 2),
      ev(3, EventKind::delivered, first, kLaptop, 1), ev(4, EventKind::delivered, second, kLaptop, 2)};
  CHECK(check(events).total() == 0);  // delivered without a stored event: still a delivery
}

TEST_CASE("a delivered receipt after a read receipt is a regression", "[analysis][consistency]") {
  auto events = clean_history();
  events.push_back(ev(8, EventKind::receipt, msg(3), kPhone, 3, 2));  // msg 3 on the phone was already read
  const auto c = check(events);
  CHECK(c.receipt_regressions == 1);
  require_single(c, "receipt_regression", msg(3));
  CHECK(c.examples[0].device == kPhone);
}

TEST_CASE("an acked message with fewer stored copies than devices misses copies", "[analysis][consistency]") {
  auto events = clean_history();
  const MessageId id = msg(4);
  events.push_back(ev(5, EventKind::stored, id, kPhone, 4));
  events.push_back(ev(5.1, EventKind::acked, id, kSender, 4, 2));
  events.push_back(ev(5.2, EventKind::delivered, id, kPhone, 4));
  const auto c = check(events);
  CHECK(c.missing_copies == 1);
  require_single(c, "missing_copy", id);
  CHECK(c.examples[0].detail == "1 of 2 device copies stored");
}

TEST_CASE("expired and pending copies are not lost", "[analysis][consistency]") {
  auto events = clean_history();
  events.push_back(ev(5, EventKind::stored, msg(4), kPhone, 4));
  events.push_back(ev(5.1, EventKind::acked, msg(4), kSender, 4, 1));
  events.push_back(ev(6, EventKind::stored, msg(5), kLaptop, 5));
  events.push_back(ev(6.1, EventKind::acked, msg(5), kSender, 5, 1));
  events.push_back(ev(100, EventKind::expired, msg(4), kPhone, 4));
  events.push_back(ev(200, EventKind::pending_at_end, msg(5), kLaptop, 5));
  const auto c = check(events);
  CHECK(c.total() == 0);
  CHECK(c.examples.empty());
}

TEST_CASE("examples are capped per kind and ordered by message", "[analysis][consistency]") {
  ConsistencyChecker checker(2);
  for (std::uint32_t counter : {9u, 3u, 7u, 1u, 5u}) {  // fed out of order: finish() must sort
    checker.on_event(ev(counter, EventKind::stored, msg(counter), kPhone, counter));
  }
  const auto c = checker.finish();
  CHECK(c.lost == 5);
  REQUIRE(c.examples.size() == 2);
  CHECK(c.examples[0].id == msg(1));
  CHECK(c.examples[1].id == msg(3));
}
