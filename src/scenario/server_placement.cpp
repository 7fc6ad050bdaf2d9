#include "src/scenario/server_placement.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace whatsim {

std::uint32_t TierPlacement::count() const { return std::accumulate(per_region.begin(), per_region.end(), 0u); }

std::uint32_t fewest_servers(const Scenario& s, const std::string& tier) {
  if (tier == "broker") return std::max<std::uint32_t>(s.groups.log.replication_factor, 1);
  if (tier == "message_service" && s.replication.mode != "none") return 2;
  return 1;
}

TierPlacement place_tier_servers(const Scenario& s, std::uint32_t modeled, bool cell_tier, std::uint32_t fewest) {
  TierPlacement p;
  if (!s.simulation.slice()) {
    p.per_region = servers_per_region(modeled, s.deployment.regions);
    return p;
  }
  constexpr double kRoundingSlack = 1e-9;  // 2.0000000001 servers' worth is two servers
  const double servers_worth = s.simulation.simulated_cells * modeled / s.simulation.cells;
  const auto whole = std::max(fewest, static_cast<std::uint32_t>(std::ceil(servers_worth - kRoundingSlack)));
  p.per_region = cell_tier ? apportion(whole, s.deployment.regions) : servers_per_region(whole, s.deployment.regions);
  p.server_share = servers_worth / p.count();
  return p;
}

TierPlacement place_near_phones(const Scenario& s, const std::vector<std::uint32_t>& modeled_per_region) {
  TierPlacement p;
  if (!s.simulation.slice()) {
    p.per_region = modeled_per_region;
    return p;
  }
  constexpr double kRoundingSlack = 1e-9;
  const std::vector<std::uint32_t> slice_users = users_per_region(s, simulated_users(s));
  const std::vector<std::uint32_t> full_users = apportion(s.population.users, s.deployment.regions);
  double worth = 0;
  p.per_region.assign(modeled_per_region.size(), 0);
  for (std::size_t r = 0; r < modeled_per_region.size(); ++r) {
    if (slice_users[r] == 0 || full_users[r] == 0) continue;
    const double region_worth = modeled_per_region[r] * static_cast<double>(slice_users[r]) / full_users[r];
    worth += region_worth;
    p.per_region[r] = std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::ceil(region_worth - kRoundingSlack)));
  }
  p.server_share = worth / p.count();
  return p;
}

std::vector<std::uint32_t> modeled_pops(const Scenario& s) {
  return std::vector<std::uint32_t>(s.deployment.regions.size(), std::max<std::uint32_t>(s.deployment.cdn_pops_per_region, 1));
}

TierPlacement place_pops(const Scenario& s) { return place_near_phones(s, modeled_pops(s)); }

TierPlacement place_asset_servers(const Scenario& s) {
  return place_near_phones(s, servers_per_region(s.deployment.asset_servers, s.deployment.regions));
}

namespace {

// `p` with its RAM, NIC and disk times `factor`, its cores and clock as they are.
HardwareProfile io_scaled(HardwareProfile p, double factor) {
  p.ram_gb *= factor;
  p.nic_gbps *= factor;
  p.disk_read_mbps *= factor;
  p.disk_write_mbps *= factor;
  return p;
}

}  // namespace

SimulatedServer simulated_server(const HardwareProfile& modeled, double share) {
  SimulatedServer out;
  out.share = share;
  const HardwareProfile part = io_scaled(modeled, share);
  out.stands_for = {modeled.cores * share, part.ram_gb, part.nic_gbps, part.disk_read_mbps, part.disk_write_mbps};
  if (out.stands_for.cores < 1) {
    // One modeled core, standing for part of itself (header).
    out.hardware = io_scaled(modeled, 1.0 / modeled.cores);
    out.hardware.cores = 1;
    out.capacity_cores = out.stands_for.cores;
  } else {
    out.hardware = part;
    out.hardware.cores = static_cast<std::uint32_t>(std::lround(out.stands_for.cores));
    out.hardware.clock_ghz = modeled.clock_ghz * out.stands_for.cores / out.hardware.cores;
    out.capacity_cores = out.hardware.cores;
  }
  return out;
}

double SimulatedServer::capacity_cycles_per_s() const {
  constexpr double kHzPerGhz = 1e9;
  return capacity_cores * hardware.clock_ghz * kHzPerGhz;
}

std::vector<std::uint32_t> users_per_region(const Scenario& s, std::uint64_t users) {
  if (!s.simulation.slice()) return apportion(users, s.deployment.regions);
  const TierPlacement cells = place_tier_servers(s, s.deployment.chat_servers, true);
  std::vector<RegionSpec> cell_regions = s.deployment.regions;
  for (std::size_t r = 0; r < cell_regions.size(); ++r)
    cell_regions[r].user_share = static_cast<double>(cells.per_region[r]) / cells.count();
  return apportion(users, cell_regions);
}

std::uint64_t simulated_users(const Scenario& s) {
  constexpr std::uint64_t kFewest = 2;  // someone to write to
  const auto users = static_cast<std::uint64_t>(std::llround(static_cast<double>(s.population.users) * s.simulation.scale));
  return std::max(users, kFewest);
}

std::uint32_t file_lanes(const Scenario& s) {
  const std::uint64_t per_lane = s.simulation.users_per_file_lane;
  if (per_lane == 0) return 1;
  return static_cast<std::uint32_t>(std::max<std::uint64_t>(1, (simulated_users(s) + per_lane - 1) / per_lane));
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
