#pragma once
// How many servers a tier gets and in which regions: shared by the simulated layout
// (model/layout.cpp) and the analytic model (analysis/capacity_model.cpp), so the two
// describe the same deployment.
#include <cstdint>
#include <string>
#include <vector>

#include "src/scenario/scenario.hpp"

namespace whatsim {

// Users a run simulates: the population times simulated_cells / cells, rounded, and at least two.
std::uint64_t simulated_users(const Scenario& s);

// Where a tier's simulated servers sit, and how big each is. In a full run: the modeled
// servers, apportioned over regions. In a slice (simulation.scale): the slice's share of
// the tier, simulated_cells x modeled / cells servers' worth, rounded up to whole servers,
// each carrying its part of that capacity, so that every simulated server sees the load per
// unit of capacity a modeled server sees. Chat servers are the cells themselves and sit only
// in the regions the simulated cells are apportioned to; every other tier keeps at least one
// server in every region, as the full deployment does, so frames cross the same links.
struct TierPlacement {
  std::vector<std::uint32_t> per_region;  // simulated servers in each region
  double server_share = 1;                // each one's capacity, as a share of a modeled server
  std::uint32_t count() const;
};
// A slice keeps at least `fewest` servers (the log's replication factor needs as many brokers).
TierPlacement place_tier_servers(const Scenario& s, std::uint32_t modeled, bool cell_tier, std::uint32_t fewest = 1);
// The fewest servers a tier (named as in reports: "broker") can run on: as many brokers as
// the log's replication factor, two message-service hosts when shards are replicated.
std::uint32_t fewest_servers(const Scenario& s, const std::string& tier);
// CDN PoPs sit near phones: deployment.cdn_pops_per_region (at least one) in every region,
// a slice's share of them rounded up, each carrying its part.
TierPlacement place_pops(const Scenario& s);

// A modeled server's hardware cut to `share` of its capacity: cores (at least one) and the
// clock together give share x the cycles per second; RAM, NIC and disk scale alike.
HardwareProfile share_of(const HardwareProfile& p, double share);

// Simulated users per region: the regions' shares in a full run; in a slice, the users
// follow the simulated cells (a cell is one chat server's users).
std::vector<std::uint32_t> users_per_region(const Scenario& s, std::uint64_t users);

// Split `total` whole things over regions in proportion to their shares (largest remainders
// first). A region may get 0 here.
std::vector<std::uint32_t> apportion(std::uint64_t total, const std::vector<RegionSpec>& regions);

// Servers of a tier of `total` per region: apportioned, and at least one in every region
// (every region needs every tier to serve its users), so the sum may exceed `total`.
std::vector<std::uint32_t> servers_per_region(std::uint32_t total, const std::vector<RegionSpec>& regions);

}  // namespace whatsim
