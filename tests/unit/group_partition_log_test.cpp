#include <catch2/catch.hpp>

#include <stdexcept>

#include "src/group/membership_notice.hpp"
#include "src/group/partition_log.hpp"

using namespace whatsim;

namespace {

ChatFrame group_message(GroupId group, DeviceId device, std::uint32_t counter) {
  ChatFrame frame;
  frame.id = MessageId{device, counter};
  frame.group = group;
  frame.body_bytes = 100;
  return frame;
}

ChatFrame notice(GroupId group, GroupNotice kind, UserId subject, std::uint32_t counter) {
  return membership_notice(group, kind, subject, MessageId{kGroupServiceDevice, counter}, 40, 0);
}

}  // namespace

TEST_CASE("PartitionLog gives offsets 0, 1, 2... and each group consecutive sequence numbers",
          "[group][log]") {
  PartitionLog log(0, AckMode::leader);
  const auto a1 = log.append(group_message(7, 1, 1), 0);
  const auto b1 = log.append(group_message(9, 2, 1), 0);
  const auto a2 = log.append(notice(7, GroupNotice::member_joined, 5, 1), 2);
  const auto a3 = log.append(group_message(7, 1, 2), 0);
  CHECK(a1.offset == 0);
  CHECK(b1.offset == 1);
  CHECK(a2.offset == 2);
  CHECK(a3.offset == 3);
  CHECK(a1.group_seq == 1);
  CHECK(a2.group_seq == 2);  // notices take a place in the group's order like messages
  CHECK(a3.group_seq == 3);
  CHECK(b1.group_seq == 1);  // each group counts on its own
  CHECK(log.at(3).frame.seq == 3);  // the stored frame carries its group stream position
  CHECK(log.at(3).frame.stream() == group_stream(7));
  CHECK(log.end_offset() == 4);
}

TEST_CASE("PartitionLog reads a message at the version of its group's last notice before it",
          "[group][log]") {
  PartitionLog log(0, AckMode::leader);
  CHECK(log.append(group_message(7, 1, 1), 0).version == 1);  // never seen: the creation version
  CHECK(log.append(notice(7, GroupNotice::member_left, 5, 1), 2).version == 2);
  CHECK(log.append(group_message(7, 1, 2), 0).version == 2);
  CHECK(log.append(group_message(8, 3, 1), 0).version == 1);  // another group is unaffected
  CHECK(log.at(2).version == 2);
}

TEST_CASE("PartitionLog refuses records that would break the version order", "[group][log]") {
  PartitionLog log(0, AckMode::leader);
  log.append(notice(7, GroupNotice::member_joined, 5, 1), 3);
  CHECK_THROWS_AS(log.append(notice(7, GroupNotice::member_left, 5, 2), 3), std::invalid_argument);
  CHECK_THROWS_AS(log.append(notice(7, GroupNotice::member_left, 5, 2), 0), std::invalid_argument);
  CHECK_THROWS_AS(log.append(group_message(7, 1, 1), 4), std::invalid_argument);
  CHECK_THROWS_AS(log.append(group_message(kNoGroup, 1, 1), 0), std::invalid_argument);
  CHECK(log.end_offset() == 1);  // nothing refused was appended
}

TEST_CASE("PartitionLog's high watermark is what every replica has and never decreases", "[group][log]") {
  PartitionLog log(2, AckMode::leader);
  for (std::uint32_t i = 1; i <= 5; ++i) log.append(group_message(7, 1, i), 0);
  CHECK(log.high_watermark() == 0);  // nothing is on a follower yet
  CHECK_THROWS_AS(log.committed_at(0), std::out_of_range);  // consumers see committed records only

  auto committed = log.replicated(0, 4);
  CHECK(committed.empty());  // follower 1 has nothing
  committed = log.replicated(1, 2);
  CHECK(committed.begin == 0);
  CHECK(committed.end == 2);
  CHECK(log.high_watermark() == 2);

  committed = log.replicated(1, 1);  // a stale report
  CHECK(committed.empty());
  CHECK(log.high_watermark() == 2);
  CHECK(log.replicated_end(1) == 2);

  committed = log.replicated(1, 5);
  CHECK(committed.begin == 2);
  CHECK(committed.end == 4);  // follower 0 has only 4
  CHECK(log.high_watermark() == 4);
  CHECK(log.committed_at(3).frame.id == MessageId{1, 4});
  CHECK_THROWS_AS(log.committed_at(4), std::out_of_range);
  CHECK(log.at(4).frame.id == MessageId{1, 5});  // still there for follower 0 to copy

  CHECK_THROWS_AS(log.replicated(0, 6), std::invalid_argument);  // past the end
  CHECK_THROWS_AS(log.replicated(2, 1), std::out_of_range);      // no such follower
}

TEST_CASE("Without followers every record is committed at append", "[group][log]") {
  PartitionLog log(0, AckMode::all_in_sync);
  const auto appended = log.append(group_message(7, 1, 1), 0);
  CHECK(appended.ack_now);
  CHECK(log.high_watermark() == 1);
}

TEST_CASE("Leader mode acknowledges at append, all_in_sync once every follower has the record",
          "[group][log][acks]") {
  SECTION("leader") {
    PartitionLog log(2, AckMode::leader);
    CHECK(log.append(group_message(7, 1, 1), 0).ack_now);
    const auto committed = log.replicated(0, 1);
    CHECK_FALSE(committed.acks_due);
    CHECK(log.replicated(1, 1).acks_due == false);  // committed now, but acknowledged long ago
    CHECK(log.high_watermark() == 1);
  }
  SECTION("all_in_sync") {
    PartitionLog log(2, AckMode::all_in_sync);
    CHECK_FALSE(log.append(group_message(7, 1, 1), 0).ack_now);
    CHECK_FALSE(log.append(group_message(7, 1, 2), 0).ack_now);
    const auto one_follower = log.replicated(0, 2);
    CHECK(one_follower.empty());  // follower 1 still lacks both: no ack yet
    const auto both = log.replicated(1, 2);
    CHECK(both.acks_due);
    CHECK(both.begin == 0);
    CHECK(both.end == 2);
    CHECK(log.at(both.begin).frame.id == MessageId{1, 1});  // the producers to acknowledge
  }
}

TEST_CASE("PartitionLog trims committed records and refuses to read them again", "[group][log]") {
  PartitionLog log(1, AckMode::leader);
  for (std::uint32_t i = 1; i <= 4; ++i) log.append(group_message(7, 1, i), 0);
  log.replicated(0, 3);
  CHECK_THROWS_AS(log.trim(4), std::invalid_argument);  // offset 3 is not committed
  log.trim(2);
  CHECK(log.retained() == 2);
  CHECK(log.start_offset() == 2);
  CHECK_THROWS_AS(log.at(1), std::out_of_range);
  CHECK(log.at(2).frame.id == MessageId{1, 3});
  CHECK_THROWS_AS(log.at(4), std::out_of_range);
  log.trim(1);  // already gone: nothing changes
  CHECK(log.retained() == 2);
  CHECK(log.append(group_message(7, 1, 5), 0).offset == 4);  // offsets go on after a trim
}
