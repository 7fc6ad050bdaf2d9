#pragma once
// Where a group's records live in the group log: the group id is the record key, hashed onto
// a partition, so all records of one group are in one partition and have its one order.
// Each partition is replicated on `replication_factor` brokers, leaders spread round-robin
// as Kafka assigns them. The hash is fixed (no seed): a group keeps its partition across
// runs and instances.
#include <cstdint>
#include <vector>

#include "src/core/ids.hpp"
#include "src/group/log_ids.hpp"

namespace whatsim {

class TopicPartitioner {
 public:
  // Throws std::invalid_argument if any count is 0 or replication_factor > brokers.
  TopicPartitioner(std::uint32_t partitions, std::uint32_t brokers, std::uint32_t replication_factor);

  PartitionId partition_of(GroupId group) const;
  // The partition's leader (the broker producers append to); throws std::out_of_range for
  // a partition that does not exist.
  BrokerId leader_of(PartitionId partition) const;
  // The leader first, then the next brokers cyclically: replication_factor distinct brokers.
  std::vector<BrokerId> replicas_of(PartitionId partition) const;

  std::uint32_t partitions() const { return partitions_; }
  std::uint32_t brokers() const { return brokers_; }
  std::uint32_t replication_factor() const { return replication_factor_; }

 private:
  std::uint32_t partitions_;
  std::uint32_t brokers_;
  std::uint32_t replication_factor_;
};

}  // namespace whatsim
