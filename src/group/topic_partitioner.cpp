#include "src/group/topic_partitioner.hpp"

#include <stdexcept>
#include <string>

#include "src/core/mix64.hpp"

namespace whatsim {

TopicPartitioner::TopicPartitioner(std::uint32_t partitions, std::uint32_t brokers,
                                   std::uint32_t replication_factor)
    : partitions_(partitions), brokers_(brokers), replication_factor_(replication_factor) {
  if (partitions == 0 || brokers == 0 || replication_factor == 0)
    throw std::invalid_argument("the group log needs partitions, brokers and replication_factor of at least 1 (got " +
                                std::to_string(partitions) + ", " + std::to_string(brokers) + ", " +
                                std::to_string(replication_factor) + ")");
  if (replication_factor > brokers)
    throw std::invalid_argument("replication factor " + std::to_string(replication_factor) +
                                " needs as many brokers, but there are " + std::to_string(brokers));
}

// Group ids are sequential; mixing them first spreads neighbours over all partitions.
PartitionId TopicPartitioner::partition_of(GroupId group) const {
  return static_cast<PartitionId>(mix64(group) % partitions_);
}

BrokerId TopicPartitioner::leader_of(PartitionId partition) const {
  if (partition >= partitions_)
    throw std::out_of_range("no partition " + std::to_string(partition) + " (there are " +
                            std::to_string(partitions_) + ")");
  return partition % brokers_;
}

std::vector<BrokerId> TopicPartitioner::replicas_of(PartitionId partition) const {
  const BrokerId leader = leader_of(partition);
  std::vector<BrokerId> replicas;
  replicas.reserve(replication_factor_);
  for (std::uint32_t k = 0; k < replication_factor_; ++k) replicas.push_back((leader + k) % brokers_);
  return replicas;
}

}  // namespace whatsim
