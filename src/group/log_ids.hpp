#pragma once
// Identifiers of the group log (Kafka in the seeds): every group is a topic key, hashed onto
// one partition; a partition lives on brokers and is read by one group message handler.
// Plain integers like src/core/ids.hpp, named so the reader can keep them apart.
#include <cstdint>

namespace whatsim {

using PartitionId = std::uint32_t;  // a partition of the group log, from 0
using BrokerId = std::uint32_t;     // a broker of the group log, from 0
using HandlerId = std::uint32_t;    // a group message handler (a consumer of the log), from 0
using Offset = std::uint64_t;       // position of a record in its partition, from 0

}  // namespace whatsim
