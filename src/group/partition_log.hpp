#pragma once
// One partition of the group log as its leader broker keeps it (Kafka in the seeds). Group
// messages and the group service's membership notices are appended to their group's
// partition, so both have one total order per group: the order every member sees, and the
// order that decides exactly who is entitled to each message. Each record gets its group's
// next sequence number (the seq of the group's stream that phones' inboxes order by) and
// the membership version it is read at.
//
// Replication follows Kafka: followers report how far they have copied, the high watermark
// is the end every replica has, and consumers only ever see records below it. Producers are
// acknowledged at append (acks=1, `leader`) or once every follower has the record
// (acks=all, `all_in_sync`).
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "src/core/ids.hpp"
#include "src/group/log_ids.hpp"
#include "src/protocol/chat_frame.hpp"

namespace whatsim {

enum class AckMode : std::uint8_t { leader, all_in_sync };

struct LogRecord {
  Offset offset = 0;
  GroupId group = kNoGroup;
  Seq group_seq = 0;  // 1, 2, 3... per group, messages and notices alike; also frame.seq
  ChatFrame frame;    // a message, or a notice (frame.notice != none, frame.subject)
  // The group's membership version this record is read at: for a message, the version made
  // by the group's last notice before it in the log (1 if none); for a notice, the version
  // its change made.
  std::uint32_t version = 0;
};

class PartitionLog {
 public:
  PartitionLog(std::uint32_t followers, AckMode ack_mode);

  struct Appended {
    Offset offset = 0;
    Seq group_seq = 0;
    std::uint32_t version = 0;
    bool ack_now = false;  // acknowledge the producer now (leader mode, or no followers to wait for)
  };
  // Appends a group message (`notice_version` 0) or a membership notice (`notice_version`:
  // the version the group service committed). Throws std::invalid_argument for a frame of
  // no group, a notice without a version or a message with one, or a notice whose version
  // does not move the group on (the service must append changes in commit order).
  Appended append(ChatFrame frame, std::uint32_t notice_version);

  // Offsets [begin, end) that became committed (the high watermark moved over them).
  struct Committed {
    Offset begin = 0;
    Offset end = 0;
    bool acks_due = false;  // all_in_sync: acknowledge these records' producers now
    bool empty() const { return begin == end; }
  };
  // Follower `follower` (0-based) has copied every record below `up_to_exclusive`. Reports
  // that go back are ignored. Throws std::out_of_range for an unknown follower and
  // std::invalid_argument for copying past the end.
  Committed replicated(std::uint32_t follower, Offset up_to_exclusive);

  // Any retained record, committed or not (what followers copy). Throws std::out_of_range
  // for a trimmed offset or one past the end.
  const LogRecord& at(Offset offset) const;
  // A record as a consumer may read it: committed only, so what a handler fans out can never
  // be lost with the leader. Throws std::out_of_range at or above the high watermark.
  const LogRecord& committed_at(Offset offset) const;
  Offset start_offset() const { return start_; }  // first retained offset
  Offset end_offset() const { return start_ + records_.size(); }
  Offset high_watermark() const { return high_watermark_; }
  Offset replicated_end(std::uint32_t follower) const;
  // Drops records below `up_to_exclusive` (consumed and committed) to bound memory.
  // Throws std::invalid_argument above the high watermark.
  void trim(Offset up_to_exclusive);
  std::size_t retained() const { return records_.size(); }

  std::uint32_t followers() const { return static_cast<std::uint32_t>(follower_end_.size()); }
  AckMode ack_mode() const { return ack_mode_; }

 private:
  // Where a group stands in this partition.
  struct GroupPosition {
    Seq last_seq = 0;
    std::uint32_t version = 1;  // a group never seen before is at its creation version
  };
  Offset slowest_replica_end() const;

  AckMode ack_mode_;
  std::vector<Offset> follower_end_;
  std::deque<LogRecord> records_;
  Offset start_ = 0;
  Offset high_watermark_ = 0;
  std::unordered_map<GroupId, GroupPosition> groups_;
};

}  // namespace whatsim
