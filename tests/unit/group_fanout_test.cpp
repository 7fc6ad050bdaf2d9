#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "src/group/group_directory.hpp"
#include "src/group/group_fanout.hpp"
#include "src/group/membership_notice.hpp"
#include "src/group/partition_log.hpp"

using namespace whatsim;

namespace {

// A group service, one partition and its handler, wired as the model wires them.
struct GroupPipeline {
  GroupDirectory directory{200};
  PartitionLog log{0, AckMode::leader};
  GroupFanout fanout;
  Offset next_to_read = 0;

  void send(GroupId group, DeviceId device, std::uint32_t counter) {
    ChatFrame frame;
    frame.id = MessageId{device, counter};
    frame.group = group;
    log.append(frame, 0);
  }
  void change(GroupId group, GroupNotice kind, UserId user) {
    const MembershipChange c = kind == GroupNotice::member_joined ? directory.join(group, user)
                                                                   : directory.leave(group, user);
    REQUIRE(c.ok);
    log.append(membership_notice(group, kind, user, directory.next_notice_id(), 0, 0), c.version);
  }
  // Reads every committed record and answers each from the directory at once.
  std::vector<FanoutRecord> fan_out() {
    std::vector<FanoutRecord> handed_on;
    for (; next_to_read < log.high_watermark(); ++next_to_read) {
      const MemberQuery q = fanout.consume(0, log.committed_at(next_to_read));
      for (FanoutRecord& r : fanout.answer(q.partition, q.offset, directory.members_at(q.group, q.version)))
        handed_on.push_back(std::move(r));
    }
    return handed_on;
  }
};

bool has(const std::vector<UserId>& members, UserId user) {
  return std::find(members.begin(), members.end(), user) != members.end();
}

LogRecord record_at(Offset offset, GroupId group = 1) {
  LogRecord r;
  r.offset = offset;
  r.group = group;
  r.group_seq = static_cast<Seq>(offset + 1);
  r.frame.group = group;
  r.frame.id = MessageId{1, static_cast<std::uint32_t>(offset + 1)};
  r.version = 1;
  return r;
}

}  // namespace

TEST_CASE("A member who leaves between two messages gets the first and the notice, not the second",
          "[group][fanout][membership]") {
  GroupPipeline p;
  const GroupId g = p.directory.create(1, {2, 3}, 0);
  p.send(g, 10, 1);                          // m1
  p.change(g, GroupNotice::member_left, 3);  // leave(3)
  p.send(g, 10, 2);                          // m2
  const std::vector<FanoutRecord> out = p.fan_out();
  REQUIRE(out.size() == 3);
  CHECK(out[0].record.frame.id == MessageId{10, 1});
  CHECK(out[1].record.frame.notice == GroupNotice::member_left);
  CHECK(out[2].record.frame.id == MessageId{10, 2});
  CHECK(has(out[0].members, 3));
  CHECK(has(out[1].members, 3));  // the leaver learns it left
  CHECK_FALSE(has(out[2].members, 3));
  CHECK(out[2].members == std::vector<UserId>{1, 2});
  CHECK(out[2].record.group_seq == 3);
}

TEST_CASE("A member who joins between two messages gets the notice and the second, not the first",
          "[group][fanout][membership]") {
  GroupPipeline p;
  const GroupId g = p.directory.create(1, {2}, 0);
  p.send(g, 10, 1);
  p.change(g, GroupNotice::member_joined, 4);
  p.send(g, 10, 2);
  const std::vector<FanoutRecord> out = p.fan_out();
  REQUIRE(out.size() == 3);
  CHECK_FALSE(has(out[0].members, 4));
  CHECK(has(out[1].members, 4));  // the joiner's history starts at its own join
  CHECK(has(out[2].members, 4));
  CHECK(out[0].members == std::vector<UserId>{1, 2});
}

TEST_CASE("The audience of a record follows its kind", "[group][fanout][membership]") {
  LogRecord r = record_at(0);
  r.version = 4;
  CHECK(audience_version(r) == 4);
  r.frame.notice = GroupNotice::member_joined;
  CHECK(audience_version(r) == 4);
  r.frame.notice = GroupNotice::member_left;
  CHECK(audience_version(r) == 3);
}

TEST_CASE("Answers that come back out of order are handed on in log order", "[group][fanout][order]") {
  GroupFanout fanout;
  for (Offset o = 0; o < 4; ++o) fanout.consume(5, record_at(o));
  CHECK(fanout.answer(5, 2, {2}).empty());  // offsets 0 and 1 still wait
  CHECK(fanout.answer(5, 1, {1}).empty());
  const auto first = fanout.answer(5, 0, {0});
  REQUIRE(first.size() == 3);
  CHECK(first[0].record.offset == 0);
  CHECK(first[1].record.offset == 1);
  CHECK(first[2].record.offset == 2);
  CHECK(first[2].members == std::vector<UserId>{2});  // each with its own answer
  CHECK(fanout.answer(5, 1, {9}).empty());  // a repeated answer changes nothing
  const auto last = fanout.answer(5, 3, {3});
  REQUIRE(last.size() == 1);
  CHECK(last[0].record.offset == 3);
}

TEST_CASE("Partitions are ordered independently of each other", "[group][fanout][order]") {
  GroupFanout fanout;
  fanout.consume(0, record_at(0));
  fanout.consume(1, record_at(0, 2));
  CHECK(fanout.answer(1, 0, {1}).size() == 1);  // partition 0's unanswered record does not hold it
  CHECK(fanout.answer(0, 0, {1}).size() == 1);
}

TEST_CASE("The committed offset advances only over a contiguous done prefix", "[group][fanout][commit]") {
  GroupFanout fanout;
  for (Offset o = 0; o < 4; ++o) fanout.consume(0, record_at(o));
  for (Offset o = 0; o < 4; ++o) fanout.answer(0, o, {1});
  CHECK(fanout.in_flight() == 4);
  CHECK_FALSE(fanout.done(0, 1).has_value());  // offset 0 is not done yet
  CHECK_FALSE(fanout.done(0, 2).has_value());
  CHECK(fanout.done(0, 0) == Offset{3});  // 0, 1, 2 are done: read on from 3
  CHECK_FALSE(fanout.done(0, 1).has_value());  // a repeated call
  CHECK(fanout.in_flight() == 1);
  CHECK(fanout.done(0, 3) == Offset{4});
  CHECK(fanout.in_flight() == 0);
  CHECK(fanout.unfinished().empty());
}

TEST_CASE("Records consumed but not done are listed as unfinished", "[group][fanout]") {
  GroupFanout fanout;
  fanout.consume(3, record_at(7));
  fanout.consume(1, record_at(0));
  fanout.consume(1, record_at(1));
  fanout.answer(1, 0, {1});
  fanout.done(1, 0);
  const std::vector<LogRecord> pending = fanout.unfinished();
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].offset == 1);  // partition 1 first, then partition 3
  CHECK(pending[1].offset == 7);
  CHECK(fanout.in_flight() == 2);
}

TEST_CASE("GroupFanout refuses records out of order and a done before the hand-on", "[group][fanout]") {
  GroupFanout fanout;
  fanout.consume(0, record_at(3));
  CHECK_THROWS_AS(fanout.consume(0, record_at(2)), std::invalid_argument);
  CHECK_THROWS_AS(fanout.consume(0, record_at(3)), std::invalid_argument);
  CHECK_THROWS_AS(fanout.done(0, 3), std::invalid_argument);  // not answered yet
  CHECK_THROWS_AS(fanout.answer(0, 4, {1}), std::invalid_argument);  // never consumed
  CHECK_THROWS_AS(fanout.answer(9, 0, {1}), std::invalid_argument);
  CHECK(fanout.in_flight() == 1);
}
