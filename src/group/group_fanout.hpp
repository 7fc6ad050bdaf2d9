#pragma once
// The logic of a group message handler for the partitions it consumes. For each record it
// asks the group service for the members as of the record's place in the log, and hands the
// record on for fan-out together with them. Answers come back in any order (a cache hit is
// faster than a miss), but records are handed on in log order per partition, so every
// member's copies are written in the group's one order. A record is done when the caller
// has stored all its copies; the partition's committed offset is the end of the contiguous
// done prefix, so a restart from it never skips a record that was not fully fanned out.
//
// Input -> effects only: the caller sends the queries, writes the copies and commits.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

#include "src/core/ids.hpp"
#include "src/group/log_ids.hpp"
#include "src/group/partition_log.hpp"

namespace whatsim {

// The membership version whose members a record goes to: the version it is read at, except
// that a "left" notice also goes to the one who left (the version before), so the leaver's
// phones learn it left.
std::uint32_t audience_version(const LogRecord& record);

// What to ask the group service for one record.
struct MemberQuery {
  GroupId group = kNoGroup;
  std::uint32_t version = 0;
  PartitionId partition = 0;
  Offset offset = 0;
};

// A record ready for fan-out: its copies go to every device of every member, except the
// device that sent it (frame.id.device; a notice's is the group service, which no member has).
struct FanoutRecord {
  LogRecord record;
  std::vector<UserId> members;
};

class GroupFanout {
 public:
  // A record read from `partition` (below its high watermark). Records of one partition
  // must come in increasing offset order; throws std::invalid_argument otherwise.
  MemberQuery consume(PartitionId partition, const LogRecord& record);
  // The group service's answer to the query for (partition, offset). Returns the records now
  // ready, in log order (none while an earlier record still waits for its answer). A repeated
  // answer is ignored; an answer for a record never consumed throws std::invalid_argument.
  std::vector<FanoutRecord> answer(PartitionId partition, Offset offset, std::vector<UserId> members);
  // Every copy of the record at (partition, offset) is stored: call once per record, after
  // answer() handed it on. Returns the partition's new committed offset (the next record to
  // read after a restart) when it moved. A repeated call is ignored. A done record is
  // dropped as soon as no earlier record waits; until then it keeps its slot.
  std::optional<Offset> done(PartitionId partition, Offset offset);

  std::size_t in_flight() const { return in_flight_; }  // consumed, not done
  // Records consumed but not done, by partition then offset (still pending when a run ends).
  std::vector<LogRecord> unfinished() const;

 private:
  enum class Stage : std::uint8_t { asked, answered, handed_on, done };
  struct Slot {
    LogRecord record;
    std::vector<UserId> members;  // from the answer until handed on
    Stage stage = Stage::asked;
  };
  struct PartitionState {
    std::deque<Slot> slots;        // consumed and not yet in the done prefix, by offset
    std::size_t handed_on = 0;     // slots[0, handed_on) have been handed on
    Offset next_offset = 0;        // every offset below it was consumed
  };
  // The slot of `offset`, or nullptr if it is not held (done already, or never consumed).
  static Slot* find(PartitionState& state, Offset offset);
  static void check_consumed(PartitionId partition, const PartitionState& state, Offset offset);

  std::map<PartitionId, PartitionState> partitions_;  // ordered: unfinished() is deterministic
  std::size_t in_flight_ = 0;
};

}  // namespace whatsim
