#pragma once
// How many servers a tier gets and in which regions: shared by the simulated layout
// (model/layout.cpp) and the analytic model (analysis/capacity_model.cpp), so the two
// describe the same deployment.
#include <cstdint>
#include <vector>

#include "src/scenario/scenario.hpp"

namespace whatsim {

// A tier of `modeled` servers in a run simulating a share `scale` of the users: scaled down,
// rounded up to whole servers, and at least one per region (every region serves its users).
std::uint32_t simulated_servers(std::uint32_t modeled, double scale, std::size_t regions);

// Users a run simulates: the population times simulation.scale, rounded, and at least two.
std::uint64_t simulated_users(const Scenario& s);

// Split `total` whole things over regions in proportion to their shares (largest remainders
// first). A region may get 0 here.
std::vector<std::uint32_t> apportion(std::uint64_t total, const std::vector<RegionSpec>& regions);

// Servers of a tier of `total` per region: apportioned, and at least one in every region
// (every region needs every tier to serve its users), so the sum may exceed `total`.
std::vector<std::uint32_t> servers_per_region(std::uint32_t total, const std::vector<RegionSpec>& regions);

}  // namespace whatsim
