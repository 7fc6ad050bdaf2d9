#include "src/workload/profile_assignment.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/random/discrete_distribution.hpp>

namespace whatsim {

std::vector<std::uint8_t> assign_profiles(std::uint32_t users, const std::vector<double>& shares, Rng& rng) {
  constexpr std::size_t kMostProfiles = 256;  // indices fit one byte
  if (shares.empty() || shares.size() > kMostProfiles)
    throw std::invalid_argument("device profiles: between 1 and 256 are needed, not " + std::to_string(shares.size()));
  if (std::all_of(shares.begin(), shares.end(), [](double s) { return s <= 0; }))
    throw std::invalid_argument("device profiles: the shares must not all be 0");
  boost::random::discrete_distribution<int, double> pick(shares.begin(), shares.end());
  std::vector<std::uint8_t> profile(users);
  for (auto& p : profile) p = static_cast<std::uint8_t>(pick(rng));
  return profile;
}

}  // namespace whatsim
