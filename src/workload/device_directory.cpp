#include "src/workload/device_directory.hpp"

#include <algorithm>

#include <boost/random/discrete_distribution.hpp>

namespace whatsim {

DeviceDirectory::DeviceDirectory(std::uint32_t users, const std::vector<double>& weights, Rng& rng) {
  boost::random::discrete_distribution<std::uint32_t, double> draw_extra(weights.begin(), weights.end());
  first_.reserve(static_cast<std::size_t>(users) + 1);
  first_.push_back(0);
  // Draw k (0-based) and give the user k+1 devices: every user has at least one.
  for (std::uint32_t u = 0; u < users; ++u) first_.push_back(first_.back() + draw_extra(rng) + 1);
}

UserId DeviceDirectory::owner(DeviceId d) const {
  // The owner is the last user whose first device is at or before d.
  const auto after = std::upper_bound(first_.begin(), first_.end(), d);
  return static_cast<UserId>(after - first_.begin() - 1);
}

}  // namespace whatsim
