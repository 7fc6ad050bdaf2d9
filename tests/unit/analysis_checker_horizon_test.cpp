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

namespace {

// Group 9: the sender (device 10) and 20 other devices, one of them (device 99) offline for
// the whole run: it gets every record at the end, at time 500.
constexpr DeviceId kOffline = 99;
const StreamId kBigGroup = group_stream(9);

std::vector<DeviceId> big_group_readers() {
  std::vector<DeviceId> out;
  for (DeviceId d = 100; d < 119; ++d) out.push_back(d);
  return out;
}

std::vector<LifecycleEvent> offline_member_history(std::uint32_t records) {
  auto at = [](double t, EventKind kind, MessageId id, DeviceId device, Seq seq, std::uint32_t count = 0) {
    return LifecycleEvent{t, kind, id, kBigGroup, seq, device, count};
  };
  std::vector<LifecycleEvent> events;
  events.push_back(at(0, EventKind::member_from, {}, kSender, 1));
  events.push_back(at(0, EventKind::member_from, {}, kOffline, 1));
  for (DeviceId d : big_group_readers()) events.push_back(at(0, EventKind::member_from, {}, d, 1));
  for (std::uint32_t n = 1; n <= records; ++n) {
    const MessageId id = msg(n);
    events.push_back(at(n, EventKind::sequenced, id, kSender, n));
    events.push_back(at(n + 0.01, EventKind::stored, id, kOffline, n));
    for (DeviceId d : big_group_readers()) {
      events.push_back(at(n + 0.01, EventKind::stored, id, d, n));
      events.push_back(at(n + 0.02, EventKind::delivered, id, d, n));
      events.push_back(at(n + 0.03, EventKind::receipt, id, d, n, 2));
    }
    events.push_back(at(500 + n * 0.001, EventKind::delivered, id, kOffline, n));
  }
  events.push_back(at(600, EventKind::sent, msg(records + 1), kSender, 0));  // the run goes on
  sort_by_time(events);
  return events;
}

}  // namespace

TEST_CASE("a group record still owed to an offline device keeps only what it owes", "[analysis][consistency][horizon][group]") {
  const auto events = offline_member_history(200);
  const Checked exact = check(events, 0);
  const Checked bounded = check(events, kHorizonS);
  CHECK(exact.counts.total() == 0);
  CHECK(bounded.counts.total() == 0);
  // Without a horizon every copy and receipt of every record is held until the end: 200
  // records, 20 copies and 19 receipts each. With it, each record keeps its offline copy.
  CHECK(exact.most_device_states == 200 * (20 + 19));
  CHECK(bounded.most_device_states < 200 + (kHorizonS + 2) * (20 + 19));
  CHECK(bounded.forgotten == 200);  // after the offline device caught up
}

TEST_CASE("a compacted group record still finds a copy never delivered and one delivered twice",
          "[analysis][consistency][horizon][group]") {
  auto events = offline_member_history(100);
  // The offline device never gets record 40; device 105 gets record 30 again 50 s later.
  events.erase(std::remove_if(events.begin(), events.end(),
                              [](const LifecycleEvent& e) {
                                return e.id == msg(40) && e.kind == EventKind::delivered && e.device == kOffline;
                              }),
               events.end());
  events.push_back(LifecycleEvent{80, EventKind::delivered, msg(30), kBigGroup, 30, 105, 0});
  sort_by_time(events);
  const Checked exact = check(events, 0);
  const Checked bounded = check(events, kHorizonS);
  CHECK(exact.counts.group_lost == 1);
  CHECK(exact.counts.group_duplicated == 1);
  CHECK(exact.counts.total() == 2);
  CHECK(bounded.counts.group_lost == 1);
  CHECK(bounded.counts.group_order_disagreements == 1);  // the duplicate, named by its old seq
  CHECK(bounded.counts.total() == 2);
}

TEST_CASE("a receipt regression more than a horizon after the message's last event is not seen",
          "[analysis][consistency][horizon]") {
  auto events = clean_messages(100);
  // A delivered receipt from the phone after its read receipt: for message 20 30 s later
  // (the message was forgotten 10 s after its read receipt), for message 21 2 s later.
  events.push_back(ev(50.5, EventKind::receipt, msg(20), kPhone, 20, 2));
  events.push_back(ev(22.5, EventKind::receipt, msg(21), kPhone, 21, 2));
  sort_by_time(events);
  const Checked exact = check(events, 0);
  const Checked bounded = check(events, kHorizonS);
  CHECK(exact.counts.receipt_regressions == 2);
  CHECK(bounded.counts.receipt_regressions == 1);  // message 21's, inside the horizon
}

TEST_CASE("a group record compacted twice forgets a copy only once it is no longer owed",
          "[analysis][consistency][horizon][group]") {
  // A second offline device, 98, catches up at 300, before 99 (at 500): each record is
  // compacted owing both, then again owing only 99.
  constexpr DeviceId kAlsoOffline = 98;
  auto events = offline_member_history(50);
  events.push_back(LifecycleEvent{0, EventKind::member_from, {}, kBigGroup, 1, kAlsoOffline, 0});
  for (std::uint32_t n = 1; n <= 50; ++n) {
    events.push_back(LifecycleEvent{n + 0.01, EventKind::stored, msg(n), kBigGroup, n, kAlsoOffline, 0});
    events.push_back(LifecycleEvent{300 + n * 0.001, EventKind::delivered, msg(n), kBigGroup, n, kAlsoOffline, 0});
  }
  sort_by_time(events);
  const Checked exact = check(events, 0);
  const Checked bounded = check(events, kHorizonS);
  CHECK(exact.counts.total() == 0);
  CHECK(bounded.counts.total() == 0);
  CHECK(bounded.forgotten == 50);
}
