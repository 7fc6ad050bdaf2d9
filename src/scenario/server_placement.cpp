#include "src/scenario/server_placement.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace whatsim {

std::uint32_t simulated_servers(std::uint32_t modeled, double scale, std::size_t regions) {
  const auto scaled = static_cast<std::uint32_t>(std::ceil(modeled * scale - 1e-9));
  return std::max<std::uint32_t>(scaled, static_cast<std::uint32_t>(regions));
}

std::uint64_t simulated_users(const Scenario& s) {
  constexpr std::uint64_t kFewest = 2;  // someone to write to
  const auto users = static_cast<std::uint64_t>(std::llround(static_cast<double>(s.population.users) * s.simulation.scale));
  return std::max(users, kFewest);
}

std::vector<std::uint32_t> apportion(std::uint64_t total, const std::vector<RegionSpec>& regions) {
  std::vector<std::uint32_t> out(regions.size(), 0);
  std::vector<std::pair<double, std::size_t>> remainders;
  std::uint64_t given = 0;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const double exact = static_cast<double>(total) * regions[r].user_share;
    out[r] = static_cast<std::uint32_t>(std::floor(exact));
    given += out[r];
    remainders.emplace_back(-(exact - out[r]), r);
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::size_t i = 0; given < total && i < remainders.size(); ++i, ++given) out[remainders[i].second] += 1;
  return out;
}

std::vector<std::uint32_t> servers_per_region(std::uint32_t total, const std::vector<RegionSpec>& regions) {
  std::vector<std::uint32_t> out = apportion(total, regions);
  for (auto& n : out) n = std::max<std::uint32_t>(n, 1);
  return out;
}

}  // namespace whatsim
