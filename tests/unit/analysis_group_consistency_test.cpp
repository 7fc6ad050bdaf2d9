#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/consistency_checker.hpp"

using namespace whatsim;

namespace {

// Group 7. Ann (devices 10 and 11), Bob (20) and Cat (30) are members from the start; Dan
// (40) joins at seq 3 and Cat leaves at seq 5. The log holds:
//   seq 1 Ann's first message, 2 Bob's, 3 "Dan joined", 4 Cat's, 5 "Cat left",
//   6 Ann's second, 7 Dan's first (its handler had not fanned it out when the run ended).
constexpr GroupId kGroup = 7;
const StreamId kStream = group_stream(kGroup);
constexpr DeviceId kAnnPhone = 10;
constexpr DeviceId kAnnLaptop = 11;
constexpr DeviceId kBob = 20;
constexpr DeviceId kCat = 30;
constexpr DeviceId kDan = 40;

const MessageId kAnn1{kAnnPhone, 1};
const MessageId kBob1{kBob, 1};
const MessageId kDanJoined{kGroupServiceDevice, 1};
const MessageId kCat1{kCat, 1};
const MessageId kCatLeft{kGroupServiceDevice, 2};
const MessageId kAnn2{kAnnPhone, 2};
const MessageId kDan1{kDan, 1};

LifecycleEvent ev(double t, EventKind kind, MessageId id, DeviceId device, Seq seq, std::uint32_t count = 0) {
  return {t, kind, id, kStream, seq, device, count};
}

LifecycleEvent delivered(double t, MessageId id, DeviceId device, Seq seq) {
  return ev(t, EventKind::delivered, id, device, seq);
}

// A record the log placed, stored for and delivered to `devices` in that order.
void add_record(std::vector<LifecycleEvent>& events, double t, MessageId id, Seq seq,
                const std::vector<DeviceId>& devices) {
  events.push_back(ev(t, EventKind::sequenced, id, id.device, seq));
  for (DeviceId d : devices) events.push_back(ev(t + 0.01, EventKind::stored, id, d, seq));
  for (DeviceId d : devices) events.push_back(delivered(t + 0.02, id, d, seq));
}

// Everything as designed: every entitled device has every record, in the log's order, or
// its copy is pending at the end.
std::vector<LifecycleEvent> clean_group_history() {
  std::vector<LifecycleEvent> events;
  for (DeviceId d : {kAnnPhone, kAnnLaptop, kBob, kCat}) events.push_back(ev(0, EventKind::member_from, {}, d, 1));
  events.push_back(ev(1, EventKind::sent, kAnn1, kAnnPhone, 0));
  add_record(events, 1, kAnn1, 1, {kAnnLaptop, kBob, kCat});
  events.push_back(ev(1.03, EventKind::acked, kAnn1, kAnnPhone, 1, 0));  // no device count for a group
  events.push_back(ev(1.05, EventKind::receipt, kAnn1, kBob, 1, 2));
  add_record(events, 2, kBob1, 2, {kAnnPhone, kAnnLaptop, kCat});
  events.push_back(ev(3, EventKind::member_from, kDanJoined, kDan, 3));
  add_record(events, 3, kDanJoined, 3, {kAnnPhone, kAnnLaptop, kBob, kCat, kDan});
  add_record(events, 4, kCat1, 4, {kAnnPhone, kBob, kDan});
  events.push_back(ev(4.01, EventKind::stored, kCat1, kAnnLaptop, 4));  // the laptop went offline
  events.push_back(ev(5, EventKind::member_until, kCatLeft, kCat, 5));
  add_record(events, 5, kCatLeft, 5, {kAnnPhone, kBob, kCat, kDan});  // the leaver gets its notice
  events.push_back(ev(5.01, EventKind::stored, kCatLeft, kAnnLaptop, 5));
  add_record(events, 6, kAnn2, 6, {kBob, kDan});
  events.push_back(ev(6.01, EventKind::stored, kAnn2, kAnnLaptop, 6));
  events.push_back(ev(7, EventKind::sequenced, kDan1, kDan, 7));
  events.push_back(ev(9, EventKind::expired, kCat1, kAnnLaptop, 4));
  events.push_back(ev(10, EventKind::pending_at_end, kCatLeft, kAnnLaptop, 5));
  events.push_back(ev(10, EventKind::pending_at_end, kAnn2, kAnnLaptop, 6));
  events.push_back(ev(10, EventKind::pending_at_end, kDan1, kAllDevices, 7));
  return events;
}

ConsistencyCounts check(const std::vector<LifecycleEvent>& events) {
  ConsistencyChecker checker;
  for (const auto& e : events) checker.on_event(e);
  return checker.finish();
}

// Exactly one anomaly of `kind`, about message `id` on `device`, and nothing else.
void require_single(const ConsistencyCounts& c, const std::string& kind, MessageId id, DeviceId device) {
  CHECK(c.total() == 1);
  REQUIRE(c.examples.size() == 1);
  CHECK(c.examples[0].kind == kind);
  CHECK(c.examples[0].id == id);
  CHECK(c.examples[0].device == device);
}

std::vector<LifecycleEvent> without(std::vector<LifecycleEvent> events, EventKind kind, MessageId id,
                                    DeviceId device) {
  const auto matches = [&](const LifecycleEvent& e) { return e.kind == kind && e.id == id && e.device == device; };
  const auto before = events.size();
  events.erase(std::remove_if(events.begin(), events.end(), matches), events.end());
  REQUIRE(events.size() == before - 1);
  return events;
}

std::string csv_line(double t, const char* kind, MessageId id, Seq seq, DeviceId device) {
  return std::to_string(t) + "," + kind + "," + std::to_string(id.packed()) + "," + std::to_string(kStream) + "," +
         std::to_string(seq) + "," + std::to_string(device) + ",0\n";
}

}  // namespace

TEST_CASE("a clean group history with a join, a leave, a notice and an unfinished fan-out has no anomalies",
          "[analysis][consistency][group]") {
  const auto c = check(clean_group_history());
  CHECK(c.group_lost == 0);
  CHECK(c.group_duplicated == 0);
  CHECK(c.group_order_disagreements == 0);
  CHECK(c.group_non_member_deliveries == 0);
  CHECK(c.missing_copies == 0);  // acked with count 0: group copies are not held against it
  CHECK(c.lost == 0);            // stored group copies are judged by membership, not by the one-to-one rule
  CHECK(c.total() == 0);
  CHECK(c.examples.empty());
}

TEST_CASE("devices that disagree on the order of a group's records are flagged", "[analysis][consistency][group]") {
  // Read from a hand-written history file: Ann's phone gets seq 1 then 2, Bob gets 2 then 1.
  const MessageId first{kCat, 1};
  const MessageId second{kCat, 2};
  std::string text = "time,kind,message,stream,seq,device,count\n";
  for (DeviceId d : {kAnnPhone, kBob, kCat}) text += csv_line(0, "member_from", {}, 1, d);
  text += csv_line(1, "sequenced", first, 1, kCat) + csv_line(2, "sequenced", second, 2, kCat);
  text += csv_line(3, "delivered", first, 1, kAnnPhone) + csv_line(4, "delivered", second, 2, kAnnPhone);
  text += csv_line(3, "delivered", second, 2, kBob) + csv_line(4, "delivered", first, 1, kBob);
  std::istringstream in(text);
  const auto c = check(read_history(in));
  CHECK(c.group_order_disagreements == 1);
  require_single(c, "group_order_disagreement", first, kBob);
  CHECK(c.examples[0].detail == "group 7 seq 1 after seq 2 on device 20");
}

TEST_CASE("a delivery numbered differently from the log's placement is an order disagreement",
          "[analysis][consistency][group]") {
  auto events = without(clean_group_history(), EventKind::delivered, kAnn2, kDan);
  events.push_back(delivered(6.5, kAnn2, kDan, 7));  // the log placed it at 6
  const auto c = check(events);
  CHECK(c.group_order_disagreements == 1);
  require_single(c, "group_order_disagreement", kAnn2, kDan);
  CHECK(c.examples[0].detail == "delivered as group 7 seq 7, logged as group 7 seq 6 on device 40");
}

TEST_CASE("group order is judged by the log's seq, not by the seq a delivery carries",
          "[analysis][consistency][group]") {
  auto events = without(clean_group_history(), EventKind::delivered, kAnn1, kBob);
  events.push_back(delivered(8, kAnn1, kBob, 9));  // logged at 1, after Bob had 6; its own seq looks in order
  const auto c = check(events);
  CHECK(c.group_order_disagreements == 1);  // one faulty delivery, counted once
  require_single(c, "group_order_disagreement", kAnn1, kBob);
  CHECK(c.examples[0].detail == "group 7 seq 1 after seq 6 on device 20");
}

TEST_CASE("an entitled device that never got a group record, with nothing pending, lost it",
          "[analysis][consistency][group]") {
  auto events = without(clean_group_history(), EventKind::delivered, kBob1, kCat);
  events = without(events, EventKind::stored, kBob1, kCat);  // not even stored: still lost
  events = without(events, EventKind::delivered, kAnn2, kBob);  // stored, then nothing
  const auto c = check(events);
  CHECK(c.group_lost == 2);
  CHECK(c.total() == 2);
  REQUIRE(c.examples.size() == 2);  // in the log's order
  CHECK(c.examples[0].kind == "group_lost");
  CHECK(c.examples[0].id == kBob1);
  CHECK(c.examples[0].device == kCat);
  CHECK(c.examples[0].detail == "group 7 seq 2: device 30 entitled, never delivered, not pending, not expired");
  CHECK(c.examples[0].time == 10);  // found at the end of the history
  CHECK(c.examples[1].id == kAnn2);
  CHECK(c.examples[1].device == kBob);
}

TEST_CASE("a group record delivered after the device's user left is a non-member delivery",
          "[analysis][consistency][group]") {
  auto events = clean_group_history();
  events.push_back(delivered(6.5, kAnn2, kCat, 6));  // Cat left at seq 5
  const auto c = check(events);
  CHECK(c.group_non_member_deliveries == 1);
  require_single(c, "group_non_member_delivery", kAnn2, kCat);
  CHECK(c.examples[0].detail == "group 7 seq 6 delivered to device 30, not a member at that seq");
}

TEST_CASE("a group record from before the device's join is a non-member delivery", "[analysis][consistency][group]") {
  auto events = clean_group_history();
  events.push_back(delivered(3.5, kBob1, kDan, 2));  // Dan joined at seq 3
  const auto c = check(events);
  CHECK(c.group_non_member_deliveries == 1);
  CHECK(c.group_order_disagreements == 0);  // one fault, counted once
  require_single(c, "group_non_member_delivery", kBob1, kDan);
}

TEST_CASE("a group record delivered to a device never in the group is a non-member delivery",
          "[analysis][consistency][group]") {
  auto events = clean_group_history();
  const DeviceId stranger = 99;
  events.push_back(delivered(2.5, kBob1, stranger, 2));
  const auto c = check(events);
  CHECK(c.group_non_member_deliveries == 1);
  require_single(c, "group_non_member_delivery", kBob1, stranger);
}

TEST_CASE("a group message delivered back to its sending device is a non-member delivery",
          "[analysis][consistency][group]") {
  auto events = clean_group_history();
  events.push_back(delivered(2.5, kBob1, kBob, 2));
  const auto c = check(events);
  CHECK(c.group_non_member_deliveries == 1);
  require_single(c, "group_non_member_delivery", kBob1, kBob);
  CHECK(c.examples[0].detail == "group 7 seq 2 delivered to its sending device 20");
}

TEST_CASE("a group record delivered twice to one device is duplicated", "[analysis][consistency][group]") {
  auto events = clean_group_history();
  events.push_back(delivered(8, kCat1, kBob, 4));
  const auto c = check(events);
  CHECK(c.group_duplicated == 1);
  CHECK(c.group_order_disagreements == 0);  // its old seq is the same fault, not a second one
  require_single(c, "group_duplicated", kCat1, kBob);
  CHECK(c.examples[0].detail == "group 7 seq 4 delivered twice to device 20");
}

TEST_CASE("a member who left and joined again is entitled only while a member", "[analysis][consistency][group]") {
  auto events = clean_group_history();  // Cat left at seq 5 and did not get seq 6
  const MessageId cat_joined{kGroupServiceDevice, 3};
  const MessageId bob2{kBob, 2};
  events.push_back(ev(11, EventKind::member_from, cat_joined, kCat, 8));
  add_record(events, 11, cat_joined, 8, {kAnnPhone, kBob, kCat, kDan});
  events.push_back(ev(11.5, EventKind::pending_at_end, cat_joined, kAnnLaptop, 8));
  add_record(events, 12, bob2, 9, {kAnnPhone, kDan});  // Cat is entitled again, and misses it
  events.push_back(ev(12.5, EventKind::pending_at_end, bob2, kAnnLaptop, 9));
  const auto c = check(events);
  CHECK(c.group_lost == 1);
  require_single(c, "group_lost", bob2, kCat);
  CHECK(c.examples[0].detail == "group 7 seq 9: device 30 entitled, never delivered, not pending, not expired");
}

TEST_CASE("group deliveries the log never sequenced are flagged without failing", "[analysis][consistency][group]") {
  auto events = clean_group_history();
  events.push_back(delivered(8, MessageId{kBob, 99}, kDan, 8));
  events.push_back(ev(8, EventKind::member_until, {}, 55, 8));  // ends a membership that never began
  const auto c = check(events);
  CHECK(c.group_non_member_deliveries == 1);
  require_single(c, "group_non_member_delivery", MessageId{kBob, 99}, kDan);
  CHECK(c.examples[0].detail == "group 7: record never sequenced by the log, delivered to device 40");
}

TEST_CASE("group rules leave one-to-one streams alone and the other way round", "[analysis][consistency][group]") {
  auto events = clean_group_history();
  // A one-to-one message from Bob to user 4 (device 40), delivered: fine, whatever the group does.
  LifecycleEvent one_to_one = ev(8, EventKind::stored, MessageId{kBob, 50}, kDan, 1);
  one_to_one.stream = stream_of(2, 4);
  events.push_back(one_to_one);
  one_to_one.kind = EventKind::acked;
  one_to_one.device = kBob;
  one_to_one.count = 1;
  events.push_back(one_to_one);
  one_to_one.kind = EventKind::delivered;
  one_to_one.device = kDan;
  events.push_back(one_to_one);
  // A group acknowledgement with a device count (the model writes 0) still holds no copies to account.
  events.push_back(ev(8, EventKind::acked, kDan1, kDan, 7, 5));
  CHECK(check(events).total() == 0);
}

TEST_CASE("group records are acknowledged by the log, so synchronous replication does not judge them",
          "[analysis][consistency][group][fault]") {
  // The clean history acknowledges Ann's first message with no replicated event: the message
  // shard's replication does not cover group records (the log has its own acks).
  ConsistencyChecker checker(5, true);
  for (const auto& e : clean_group_history()) checker.on_event(e);
  checker.on_event(ev(11, EventKind::replicated, kAnn2, kAnnPhone, 6, 1));  // and means nothing on a group stream
  const auto c = checker.finish();
  CHECK(c.acked_before_durable == 0);
  CHECK(c.total() == 0);
}

TEST_CASE("members getting different records at one group seq disagree on order, not diverge",
          "[analysis][consistency][group][fault]") {
  // Bob's copy of Cat's message carries seq 2 (the log placed it at 4): the group check's
  // business, which judges by the log's placement; the one-to-one divergence check stays out.
  auto events = without(clean_group_history(), EventKind::delivered, kCat1, kBob);
  events.push_back(delivered(4.5, kCat1, kBob, 2));
  const auto c = check(events);
  CHECK(c.divergences == 0);
  CHECK(c.group_order_disagreements == 1);
  CHECK(c.total() == 1);
}
