#include "src/group/consumer_group.hpp"

#include <stdexcept>
#include <string>

namespace whatsim {

ConsumerGroup::ConsumerGroup(std::uint32_t partitions, std::uint32_t handlers)
    : handlers_(handlers), committed_(partitions, 0) {
  if (partitions == 0 || handlers == 0)
    throw std::invalid_argument("a consumer group needs partitions and handlers of at least 1 (got " +
                                std::to_string(partitions) + ", " + std::to_string(handlers) + ")");
}

HandlerId ConsumerGroup::handler_of(PartitionId partition) const {
  check(partition);
  return partition % handlers_;
}

std::vector<PartitionId> ConsumerGroup::partitions_of(HandlerId handler) const {
  std::vector<PartitionId> mine;
  for (PartitionId p = handler; p < partitions(); p += handlers_) mine.push_back(p);
  return mine;
}

Offset ConsumerGroup::committed(PartitionId partition) const {
  check(partition);
  return committed_[partition];
}

bool ConsumerGroup::commit(PartitionId partition, Offset next_to_read) {
  check(partition);
  if (next_to_read < committed_[partition]) return false;
  committed_[partition] = next_to_read;
  return true;
}

Offset ConsumerGroup::lag(PartitionId partition, Offset end_offset) const {
  const Offset done = committed(partition);
  if (end_offset < done)
    throw std::invalid_argument("partition " + std::to_string(partition) + " cannot end at " +
                                std::to_string(end_offset) + ", before its committed offset " + std::to_string(done));
  return end_offset - done;
}

void ConsumerGroup::check(PartitionId partition) const {
  if (partition >= committed_.size())
    throw std::out_of_range("no partition " + std::to_string(partition) + " (there are " +
                            std::to_string(committed_.size()) + ")");
}

}  // namespace whatsim
