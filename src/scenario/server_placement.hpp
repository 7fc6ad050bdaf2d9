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
// Lanes the phones' files move in (model/platform.hpp): one per simulation.users_per_file_lane
// simulated users, rounded up; at least one.
std::uint32_t file_lanes(const Scenario& s);

// Where a tier's simulated servers sit, and how big each is. In a full run: the modeled
// servers, apportioned over regions. In a slice (simulation.scale): the slice's share of
// the tier, simulated_cells x modeled / cells servers' worth, rounded up to whole servers,
// each carrying its part of that capacity, so that every simulated server sees the load per
// unit of the capacity it stands for that a modeled server sees (SimulatedServer: how a
// server is built, also below one core's worth). Chat servers are the cells themselves and
// sit only in the regions the simulated cells are apportioned to; every other tier keeps at
// least one server in every region, as the full deployment does, so frames cross the same
// links.
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
// Servers phones reach in their own region (CDN PoPs, the asset service), `modeled_per_region`
// of them in the full deployment. In a slice, a region's share of them follows the slice's
// users in that region (its share of the region's users), rounded up, each server carrying its
// part; a region without simulated users has none. Why not the slice's share of the tier in
// every region: a one-cell slice's users all live in one region, so that region's servers
// would carry the whole slice's phones on a quarter of its capacity (the baseline's 1/64-cell
// slice ran its PoP's NIC past saturation while the full deployment's PoPs are at 69 %).
TierPlacement place_near_phones(const Scenario& s, const std::vector<std::uint32_t>& modeled_per_region);
// CDN PoPs: deployment.cdn_pops_per_region (at least one) in every region.
std::vector<std::uint32_t> modeled_pops(const Scenario& s);
TierPlacement place_pops(const Scenario& s);
// Asset servers: deployment.asset_servers apportioned over regions by their users.
TierPlacement place_asset_servers(const Scenario& s);

// The part of a modeled server a simulated server stands for: share x its cores, RAM, NIC
// and disk. Utilization is measured against this, not against the hardware it runs on.
struct ModeledPart {
  double cores = 0;  // modeled cores' worth; below one for a small share of a server
  double ram_gb = 0;
  double nic_gbps = 0;
  double disk_read_mbps = 0;
  double disk_write_mbps = 0;
};

// What a simulated server is built as, and what it stands for. Used alike by the simulated
// layout (model/layout.cpp), what the run reports of it (model/tier_report.cpp) and the
// analytic model (analysis/tier_stations.cpp), so the three agree on one rule:
//
// - At least one core's worth (modeled cores x share >= 1): the modeled server cut down.
//   round(cores x share) cores, the clock cut so that cores x clock is share x the modeled
//   cycles per second, RAM, NIC and disk x share. It stands for all of its hardware.
// - Less than one core's worth: cutting the clock would stretch every frame's service time
//   by 1 / (cores x share), and cutting the NIC alike its transfer time (200 times for the
//   baseline's group-service shards in a 1/64-cell slice). Such a server is instead
//   one modeled core: one core at the modeled clock, with one core's part of the RAM, NIC and
//   disk (the profile's / cores), standing for cores x share of it. Its frames take their
//   modeled service and transfer times. It carries share of a modeled server's frames, so
//   its own core is busy cores x share times as much as the modeled server's cores are: it
//   queues like a lone modeled core at that lighter load, never worse than a modeled core
//   does (its waits are understated, not stretched).
struct SimulatedServer {
  HardwareProfile hardware;  // the host the simulation builds: frames run on its cores at its clock
  ModeledPart stands_for;    // share x the modeled server
  double share = 1;          // of a modeled server
  // Its own cores' worth, at hardware.clock_ghz, that it stands for: CPU utilization is
  // measured against capacity_cores x the clock. All of hardware.cores for a cut of at least
  // one core; stands_for.cores (< 1) of its one core below.
  double capacity_cores = 0;
  double capacity_cycles_per_s() const;
  bool below_one_core() const { return capacity_cores < hardware.cores; }
};
// A modeled server (`modeled`) as the simulated server carrying `share` of it.
SimulatedServer simulated_server(const HardwareProfile& modeled, double share);

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
