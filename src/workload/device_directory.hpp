#pragma once
// Which devices belong to which user. Devices of one user are numbered contiguously, so the
// whole directory is one offset per user (4 bytes), not a table of device records.
#include <cstdint>
#include <vector>

#include "src/core/ids.hpp"
#include "src/core/random_streams.hpp"

namespace whatsim {

class DeviceDirectory {
 public:
  // `weights[k]` is the probability that a user has k+1 devices.
  DeviceDirectory(std::uint32_t users, const std::vector<double>& weights, Rng& rng);
  std::uint32_t users() const { return static_cast<std::uint32_t>(first_.size() - 1); }
  std::uint32_t devices() const { return first_.back(); }
  DeviceId first_device(UserId u) const { return first_[u]; }
  std::uint32_t device_count(UserId u) const { return first_[u + 1] - first_[u]; }
  UserId owner(DeviceId d) const;  // users() for a device past the last

 private:
  std::vector<DeviceId> first_;  // users + 1 offsets
};

}  // namespace whatsim
