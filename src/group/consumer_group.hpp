#pragma once
// The group message handlers as one Kafka consumer group: each partition is read by exactly
// one handler (so one group's records are fanned out in log order), and each partition has
// a committed offset, the next record to read after a restart. Commits only move forward:
// a late commit from before a newer one must not make records be fanned out twice.
#include <cstdint>
#include <vector>

#include "src/group/log_ids.hpp"

namespace whatsim {

class ConsumerGroup {
 public:
  // Throws std::invalid_argument if either count is 0. More handlers than partitions
  // leaves some idle, as in Kafka.
  ConsumerGroup(std::uint32_t partitions, std::uint32_t handlers);

  HandlerId handler_of(PartitionId partition) const;
  std::vector<PartitionId> partitions_of(HandlerId handler) const;  // increasing

  Offset committed(PartitionId partition) const;  // 0 before the first commit
  // Records below `next_to_read` are done. Returns false, changing nothing, for an offset
  // below the committed one; committing the same offset again is accepted.
  bool commit(PartitionId partition, Offset next_to_read);
  // Records of the partition not yet done, given where it ends (its high watermark for
  // what consumers may read). Throws std::invalid_argument if `end_offset` is below the
  // committed offset.
  Offset lag(PartitionId partition, Offset end_offset) const;

  std::uint32_t partitions() const { return static_cast<std::uint32_t>(committed_.size()); }
  std::uint32_t handlers() const { return handlers_; }

 private:
  void check(PartitionId partition) const;
  std::uint32_t handlers_;
  std::vector<Offset> committed_;  // per partition
};

}  // namespace whatsim
