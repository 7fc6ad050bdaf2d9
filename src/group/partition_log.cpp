#include "src/group/partition_log.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace whatsim {

namespace {

void check_notice_version(const ChatFrame& frame, std::uint32_t notice_version) {
  if (frame.group == kNoGroup) throw std::invalid_argument("the group log holds group records only (group 0)");
  const bool notice = frame.notice != GroupNotice::none;
  if (notice && notice_version == 0)
    throw std::invalid_argument("a membership notice of group " + std::to_string(frame.group) +
                                " needs the version its change made");
  if (!notice && notice_version != 0)
    throw std::invalid_argument("a message of group " + std::to_string(frame.group) +
                                " takes no membership version (it is read at the group's current one)");
}

}  // namespace

PartitionLog::PartitionLog(std::uint32_t followers, AckMode ack_mode)
    : ack_mode_(ack_mode), follower_end_(followers, 0) {}

PartitionLog::Appended PartitionLog::append(ChatFrame frame, std::uint32_t notice_version) {
  check_notice_version(frame, notice_version);
  GroupPosition& position = groups_[frame.group];
  if (notice_version != 0) {
    // A version that does not move on would put a message after the notice at a membership
    // older than one already in the log. (Version 1 is the creation, which has no notice.)
    if (notice_version <= position.version)
      throw std::invalid_argument("notice of group " + std::to_string(frame.group) + " at version " +
                                  std::to_string(notice_version) + " after version " +
                                  std::to_string(position.version) + ": append changes in commit order");
    position.version = notice_version;
  }
  const Offset offset = end_offset();
  const GroupId group = frame.group;
  const Seq group_seq = ++position.last_seq;
  frame.seq = group_seq;  // the group stream's position, what members' inboxes order by
  records_.push_back(LogRecord{offset, group, group_seq, std::move(frame), position.version});
  // With no follower to wait for, the leader's copy is every copy.
  if (follower_end_.empty()) high_watermark_ = end_offset();
  const bool ack_now = ack_mode_ == AckMode::leader || follower_end_.empty();
  return Appended{offset, group_seq, position.version, ack_now};
}

PartitionLog::Committed PartitionLog::replicated(std::uint32_t follower, Offset up_to_exclusive) {
  if (follower >= follower_end_.size())
    throw std::out_of_range("partition has " + std::to_string(follower_end_.size()) + " followers, not follower " +
                            std::to_string(follower));
  if (up_to_exclusive > end_offset())
    throw std::invalid_argument("follower " + std::to_string(follower) + " cannot have copied up to offset " +
                                std::to_string(up_to_exclusive) + ": the log ends at " +
                                std::to_string(end_offset()));
  // A late report (an older fetch) must not move a follower back.
  follower_end_[follower] = std::max(follower_end_[follower], up_to_exclusive);
  const Offset before = high_watermark_;
  high_watermark_ = std::max(high_watermark_, slowest_replica_end());
  return Committed{before, high_watermark_, ack_mode_ == AckMode::all_in_sync};
}

const LogRecord& PartitionLog::at(Offset offset) const {
  if (offset < start_)
    throw std::out_of_range("offset " + std::to_string(offset) + " was trimmed (the log starts at " +
                            std::to_string(start_) + ")");
  if (offset >= end_offset())
    throw std::out_of_range("offset " + std::to_string(offset) + " is past the end of the log (" +
                            std::to_string(end_offset()) + ")");
  return records_[offset - start_];
}

const LogRecord& PartitionLog::committed_at(Offset offset) const {
  if (offset >= high_watermark_)
    throw std::out_of_range("offset " + std::to_string(offset) + " is not committed (the high watermark is " +
                            std::to_string(high_watermark_) + ")");
  return at(offset);
}

Offset PartitionLog::replicated_end(std::uint32_t follower) const { return follower_end_.at(follower); }

void PartitionLog::trim(Offset up_to_exclusive) {
  if (up_to_exclusive > high_watermark_)
    throw std::invalid_argument("cannot trim to offset " + std::to_string(up_to_exclusive) +
                                ": records from the high watermark " + std::to_string(high_watermark_) +
                                " on are not committed");
  while (start_ < up_to_exclusive) {
    records_.pop_front();
    ++start_;
  }
}

// The leader's own copy counts as a replica: its end is the log's end.
Offset PartitionLog::slowest_replica_end() const {
  Offset slowest = end_offset();
  for (const Offset end : follower_end_) slowest = std::min(slowest, end);
  return slowest;
}

}  // namespace whatsim
