#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/consistency_checker.hpp"
#include "tests/checker_horizon.hpp"

using namespace whatsim;

// The checker's settled horizon: a settled message is forgotten once nothing has happened to
// it for the horizon, so memory follows the messages in flight, not the length of the run;
// what is judged inside the horizon does not change.

namespace {

// One-to-one: sender device 10 writes to user 2's devices 20 and 21, a message a second.
constexpr DeviceId kSender = 10;
constexpr DeviceId kPhone = 20;
constexpr DeviceId kLaptop = 21;
const StreamId kStream = stream_of(1, 2);
constexpr double kHorizonS = 10;

MessageId msg(std::uint32_t counter) { return MessageId{kSender, counter}; }

LifecycleEvent ev(double t, EventKind kind, MessageId id, DeviceId device, Seq seq, std::uint32_t count = 0) {
  return {t, kind, id, kStream, seq, device, count};
}

// Message n at time n: stored for both devices, acknowledged, delivered, delivered and read
// receipts back.
void add_message(std::vector<LifecycleEvent>& events, std::uint32_t n) {
  const double t = n;
  const MessageId id = msg(n);
  events.push_back(ev(t, EventKind::sent, id, kSender, n));
  events.push_back(ev(t + 0.01, EventKind::stored, id, kPhone, n));
  events.push_back(ev(t + 0.01, EventKind::stored, id, kLaptop, n));
  events.push_back(ev(t + 0.02, EventKind::acked, id, kSender, n, 2));
  events.push_back(ev(t + 0.05, EventKind::delivered, id, kPhone, n));
  events.push_back(ev(t + 0.06, EventKind::delivered, id, kLaptop, n));
  events.push_back(ev(t + 0.08, EventKind::receipt, id, kPhone, n, 2));
  events.push_back(ev(t + 0.50, EventKind::receipt, id, kPhone, n, 3));
}

std::vector<LifecycleEvent> clean_messages(std::uint32_t count) {
  std::vector<LifecycleEvent> events;
  for (std::uint32_t n = 1; n <= count; ++n) add_message(events, n);
  return events;
}

void sort_by_time(std::vector<LifecycleEvent>& events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const LifecycleEvent& a, const LifecycleEvent& b) { return a.time < b.time; });
}

using checker_horizon::Checked;

Checked check(const std::vector<LifecycleEvent>& events, double horizon_s) {
  return checker_horizon::check(events, horizon_s, false);
}

std::vector<std::string> kinds(const ConsistencyCounts& c) { return checker_horizon::examples(c); }

// Group 7: devices 10 (the sender), 20 and 21 are members from the start.
constexpr GroupId kGroup = 7;
const StreamId kGroupStream = group_stream(kGroup);

LifecycleEvent gev(double t, EventKind kind, MessageId id, DeviceId device, Seq seq) {
  return {t, kind, id, kGroupStream, seq, device, 0};
}

std::vector<LifecycleEvent> group_history(std::uint32_t records) {
  std::vector<LifecycleEvent> events;
  for (DeviceId d : {kSender, kPhone, kLaptop}) events.push_back(gev(0, EventKind::member_from, {}, d, 1));
  for (std::uint32_t n = 1; n <= records; ++n) {
    const MessageId id = msg(n);
    events.push_back(gev(n, EventKind::sent, id, kSender, 0));
    events.push_back(gev(n + 0.01, EventKind::sequenced, id, kSender, n));
    for (DeviceId d : {kPhone, kLaptop}) events.push_back(gev(n + 0.02, EventKind::stored, id, d, n));
    for (DeviceId d : {kPhone, kLaptop}) events.push_back(gev(n + 0.03, EventKind::delivered, id, d, n));
  }
  return events;
}

}  // namespace

TEST_CASE("with a horizon, settled messages are forgotten and memory follows the messages in flight",
          "[analysis][consistency][horizon]") {
  const auto events = clean_messages(1000);
  const Checked exact = check(events, 0);
  const Checked bounded = check(events, kHorizonS);
  CHECK(exact.counts.total() == 0);
  CHECK(bounded.counts.total() == 0);
  CHECK(exact.most_held == 1000);
  CHECK(exact.forgotten == 0);
  // A message a second, each seen for half a second: about a horizon's worth are held.
  CHECK(bounded.most_held <= kHorizonS + 3);
  CHECK(bounded.forgotten >= 1000 - kHorizonS - 3);
}

TEST_CASE("a horizon changes nothing the checker finds inside it", "[analysis][consistency][horizon]") {
  auto events = clean_messages(200);
  // A copy never delivered (lost), a duplicate a second after the first delivery, a receipt
  // that goes backwards, a copy delivered after the next seq's, and a message acknowledged
  // for a device it was never stored for: spread over the run, each judged long after
  // others were forgotten.
  const auto laptop_delivery_of = [](std::uint32_t n) {
    return [n](const LifecycleEvent& e) {
      return e.id == msg(n) && e.kind == EventKind::delivered && e.device == kLaptop;
    };
  };
  events.erase(std::remove_if(events.begin(), events.end(), laptop_delivery_of(30)), events.end());
  events.erase(std::remove_if(events.begin(), events.end(), laptop_delivery_of(150)), events.end());
  events.push_back(ev(81.05, EventKind::delivered, msg(80), kPhone, 80));
  events.push_back(ev(121.9, EventKind::receipt, msg(120), kPhone, 120, 2));
  events.push_back(ev(151.5, EventKind::delivered, msg(150), kLaptop, 150));  // after 151's
  events.push_back(ev(170.02, EventKind::acked, msg(170), kSender, 170, 3));
  sort_by_time(events);
  const Checked exact = check(events, 0);
  const Checked bounded = check(events, kHorizonS);
  CHECK(exact.counts.lost == 1);
  CHECK(exact.counts.duplicated == 1);
  CHECK(exact.counts.order_violations == 1);
  CHECK(exact.counts.receipt_regressions == 1);
  CHECK(exact.counts.missing_copies == 1);
  CHECK(bounded.counts.total() == exact.counts.total());
  CHECK(bounded.counts.lost == exact.counts.lost);
  CHECK(bounded.counts.duplicated == exact.counts.duplicated);
  CHECK(bounded.counts.order_violations == exact.counts.order_violations);
  CHECK(bounded.counts.receipt_regressions == exact.counts.receipt_regressions);
  CHECK(bounded.counts.missing_copies == exact.counts.missing_copies);
  CHECK(kinds(bounded.counts) == kinds(exact.counts));
  CHECK(bounded.forgotten > 150);  // the run did forget: the comparison means something
}

TEST_CASE("a message that never settles is never forgotten", "[analysis][consistency][horizon]") {
  auto events = clean_messages(100);
  // Message 5's laptop copy stays stored: at the end, 95 horizons later, it is still lost.
  events.erase(std::remove_if(events.begin(), events.end(),
                              [](const LifecycleEvent& e) {
                                return e.id == msg(5) && e.kind == EventKind::delivered && e.device == kLaptop;
                              }),
               events.end());
  const Checked bounded = check(events, kHorizonS);
  CHECK(bounded.counts.lost == 1);
  CHECK(bounded.counts.total() == 1);
  REQUIRE(!bounded.counts.examples.empty());
  CHECK(bounded.counts.examples[0].id == msg(5));
}

TEST_CASE("a duplicate after the horizon is still flagged, as an order violation", "[analysis][consistency][horizon]") {
  auto events = clean_messages(100);
  events.push_back(ev(60.5, EventKind::delivered, msg(20), kPhone, 20));  // 40 s after its first
  sort_by_time(events);
  const Checked exact = check(events, 0);
  const Checked bounded = check(events, kHorizonS);
  CHECK(exact.counts.duplicated == 1);
  CHECK(exact.counts.total() == 1);
  CHECK(bounded.counts.duplicated == 0);
  CHECK(bounded.counts.order_violations == 1);
  CHECK(bounded.counts.total() == 1);
}

TEST_CASE("with a horizon, fully delivered group records are forgotten; one short of a member is not",
          "[analysis][consistency][horizon][group]") {
  auto events = group_history(300);
  const Checked clean = check(events, kHorizonS);
  CHECK(clean.counts.total() == 0);
  CHECK(clean.most_held <= kHorizonS + 3);
  CHECK(clean.forgotten >= 300 - kHorizonS - 3);

  // Record 40 never reaches the laptop: kept, and lost at the end, with or without a horizon.
  events.erase(std::remove_if(events.begin(), events.end(),
                              [](const LifecycleEvent& e) {
                                return e.id == msg(40) && e.kind == EventKind::delivered && e.device == kLaptop;
                              }),
               events.end());
  const Checked bounded = check(events, kHorizonS);
  const Checked exact = check(events, 0);
  CHECK(exact.counts.group_lost == 1);
  CHECK(bounded.counts.group_lost == 1);
  CHECK(bounded.counts.total() == 1);
  CHECK(kinds(bounded.counts) == kinds(exact.counts));
}
