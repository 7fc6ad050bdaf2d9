#include "model/layout.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "src/core/mix64.hpp"
#include "src/scenario/server_placement.hpp"

namespace whatsim {

const char* to_string(Tier t) {
  switch (t) {
    case Tier::chat_server: return "chat_server";
    case Tier::websocket_manager: return "websocket_manager";
    case Tier::message_service: return "message_service";
    case Tier::group_service: return "group_service";
    case Tier::broker: return "broker";
    case Tier::group_handler: return "group_handler";
    case Tier::asset_service: return "asset_service";
    case Tier::blob_storage: return "blob_storage";
    case Tier::cdn_pop: return "cdn_pop";
    case Tier::user_service: return "user_service";
  }
  return "?";
}

bool tier_from_name(const std::string& name, Tier& out) {
  for (int t = 0; t < kTierCount; ++t) {
    if (name == to_string(static_cast<Tier>(t))) {
      out = static_cast<Tier>(t);
      return true;
    }
  }
  return false;
}

const HardwareProfile& profile_of(const Scenario& s, Tier t) {
  const DeploymentSpec& d = s.deployment;
  switch (t) {
    case Tier::chat_server: return s.profile(d.chat_server_profile);
    case Tier::websocket_manager: return s.profile(d.manager_profile);
    case Tier::message_service: return s.profile(d.message_profile);
    case Tier::group_service: return s.profile(d.group_service_profile);
    case Tier::broker: return s.profile(d.broker_profile);
    case Tier::group_handler: return s.profile(d.group_handler_profile);
    case Tier::asset_service: return s.profile(d.asset_profile);
    case Tier::blob_storage: return s.profile(d.storage_profile);
    case Tier::cdn_pop: return s.profile(d.cdn_pop_profile);
    case Tier::user_service: break;
  }
  return s.profile(d.user_service_profile);
}

std::uint32_t Layout::region_of(UserId u) const {
  auto it = std::upper_bound(region_first_user.begin(), region_first_user.end(), u);
  return static_cast<std::uint32_t>(it - region_first_user.begin() - 1);
}

std::uint32_t Layout::manager_of(UserId u) const {
  return static_cast<std::uint32_t>(mix64(u) % count(Tier::websocket_manager));
}

std::uint32_t Layout::message_shard_of(UserId u) const {
  return static_cast<std::uint32_t>(mix64(u ^ 0x9e3779b97f4a7c15ull) % count(Tier::message_service));
}

std::uint32_t Layout::message_shard_of_group(GroupId g) const {
  return static_cast<std::uint32_t>(mix64(g ^ 0x6a09e667f3bcc909ull) % count(Tier::message_service));
}

std::uint32_t Layout::group_service_of(GroupId g) const {
  return static_cast<std::uint32_t>(mix64(g ^ 0xbb67ae8584caa73bull) % count(Tier::group_service));
}

std::uint32_t Layout::asset_server_of(std::uint32_t region, std::uint64_t key) const {
  const auto& servers = asset_servers_of_region[region];
  return servers[mix64(key ^ 0x3c6ef372fe94f82bull) % servers.size()];
}

std::uint32_t Layout::pop_of(std::uint32_t region, DeviceId d) const {
  const auto& pops = pops_of_region[region];
  return pops[mix64(d ^ 0xa54ff53a5f1d36f1ull) % pops.size()];
}

std::uint32_t Layout::user_service_of(UserId u) const {
  return static_cast<std::uint32_t>(mix64(u ^ 0x1f83d9abfb41bd6bull) % count(Tier::user_service));
}

std::optional<std::uint32_t> Layout::stand_in_cell(UserId a, UserId b) const {
  if (same_cell_share >= 1) return std::nullopt;
  constexpr double kTwoTo64 = 18446744073709551616.0;
  const std::uint64_t pair = (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
  if (static_cast<double>(mix64(pair ^ 0x9b05688c2b3e6c1full)) / kTwoTo64 < same_cell_share) return std::nullopt;
  if (stand_in_cells <= 1) return 0;
  return 1 + static_cast<std::uint32_t>(mix64(pair ^ 0x1f83d9abfb41bd6bull) % (stand_in_cells - 1));
}

std::uint32_t Layout::storage_of(ContentHash content) const {
  return static_cast<std::uint32_t>(mix64(content ^ 0x510e527fade682d1ull) % count(Tier::blob_storage));
}

namespace {

void place_tier(Layout& layout, Tier tier, const TierPlacement& placement, const Scenario& s, const char* prefix) {
  auto& slots = layout.servers[static_cast<int>(tier)];
  layout.tier_server[static_cast<int>(tier)] = simulated_server(profile_of(s, tier), placement.server_share);
  for (std::uint32_t r = 0; r < placement.per_region.size(); ++r) {
    for (std::uint32_t j = 0; j < placement.per_region[r]; ++j) {
      const auto index = static_cast<std::uint32_t>(slots.size());
      slots.push_back({tier, index, r, s.deployment.regions[r].name + "-" + prefix + std::to_string(j)});
      if (tier == Tier::chat_server) layout.chat_servers_of_region[r].push_back(index);
      if (tier == Tier::asset_service) layout.asset_servers_of_region[r].push_back(index);
      if (tier == Tier::cdn_pop) layout.pops_of_region[r].push_back(index);
    }
  }
}

void place_tier(Layout& layout, Tier tier, std::uint32_t modeled, const Scenario& s, const char* prefix) {
  place_tier(layout, tier, place_tier_servers(s, modeled, tier == Tier::chat_server, fewest_servers(s, to_string(tier))), s,
             prefix);
}

// "4 WebSocket manager shards" and, in a slice, "(each 0.125 of a modeled server)", or for
// a server below one core's worth "(each 0.00016 of a modeled server: one modeled core
// standing for 0.005 of it)".
void describe_tier(std::ostringstream& out, const Layout& layout, Tier t, const char* what) {
  out << layout.count(t) << " " << what;
  const SimulatedServer& server = layout.server_of(t);
  if (server.share >= 1) return;
  out << " (each " << server.share << " of a modeled server";
  if (server.below_one_core()) out << ": one modeled core standing for " << server.capacity_cores << " of it";
  out << ")";
}

std::string describe_simulated(const Layout& layout) {
  static const std::pair<Tier, const char*> kTiers[] = {
      {Tier::chat_server, "chat servers"},        {Tier::websocket_manager, "WebSocket manager shards"},
      {Tier::message_service, "message-service shards"}, {Tier::group_service, "group-service shards"},
      {Tier::broker, "log brokers"},              {Tier::group_handler, "group handlers"},
      {Tier::user_service, "user-service shards"}, {Tier::asset_service, "asset servers"},
      {Tier::blob_storage, "storage hosts"},      {Tier::cdn_pop, "CDN PoPs"}};
  std::ostringstream sim;
  sim << layout.users << " users on ";
  const char* separator = "";
  for (const auto& [tier, what] : kTiers) {
    if (layout.count(tier) == 0 && tier != Tier::group_service && tier != Tier::broker && tier != Tier::group_handler)
      continue;  // tiers a run does not build (the group tiers are always listed)
    sim << separator;
    describe_tier(sim, layout, tier, what);
    separator = ", ";
  }
  sim << ", message by message";
  return sim.str();
}

ScaleStatement describe_scale(const Scenario& s, const Layout& layout) {
  ScaleStatement st;
  st.users_modeled = s.population.users;
  st.users_simulated = layout.users;
  st.chat_servers_modeled = s.deployment.chat_servers;
  st.chat_servers_simulated = layout.count(Tier::chat_server);
  st.cells = s.simulation.cells;
  st.simulated_cells = s.simulation.simulated_cells;
  st.file_lanes = file_lanes(s);
  st.full_scale = !s.simulation.slice();
  st.simulated = describe_simulated(layout);
  if (st.full_scale) {
    st.extrapolated = "nothing: the whole modeled deployment was simulated";
  } else {
    std::ostringstream ex;
    ex << "a slice of " << s.simulation.simulated_cells << " of " << s.simulation.cells
       << " cells. Measured on the slice and taken to hold for every cell: per-server utilization, queue depths, "
          "memory and connections, and latency percentiles. Scaled by cells / simulated cells = "
       << s.simulation.cells / s.simulation.simulated_cells
       << ": totals (messages, storage, bandwidth, servers). Assumptions: cells are alike (users are sharded "
          "by a hash, so every cell gets the same mix); a simulated user's contacts are simulated users, so "
          "traffic that would leave the slice is folded back into it and what enters it balances what "
          "leaves, as symmetry says, and frames cross only the regions of the simulated cells";
    st.extrapolated = ex.str();
  }
  return st;
}

}  // namespace

Layout plan_layout(const Scenario& s) {
  Layout layout;
  const DeploymentSpec& d = s.deployment;
  layout.users = static_cast<std::uint32_t>(simulated_users(s));
  layout.region_first_user.push_back(0);
  for (auto n : users_per_region(s, layout.users)) layout.region_first_user.push_back(layout.region_first_user.back() + n);
  const auto regions = d.regions.size();
  layout.chat_servers_of_region.resize(regions);
  layout.asset_servers_of_region.resize(regions);
  layout.pops_of_region.resize(regions);
  place_tier(layout, Tier::chat_server, d.chat_servers, s, "chat");
  place_tier(layout, Tier::websocket_manager, d.manager_shards, s, "manager");
  place_tier(layout, Tier::message_service, d.message_shards, s, "message");
  place_tier(layout, Tier::group_service, d.group_service_shards, s, "groups");
  place_tier(layout, Tier::broker, d.brokers, s, "broker");
  place_tier(layout, Tier::group_handler, d.group_handlers, s, "handler");
  if (s.crypto.end_to_end) place_tier(layout, Tier::user_service, d.user_service_shards, s, "users");
  if (s.media.message_share > 0) {
    place_tier(layout, Tier::asset_service, place_asset_servers(s), s, "asset");
    place_tier(layout, Tier::blob_storage, d.storage_hosts, s, "storage");
    place_tier(layout, Tier::cdn_pop, place_pops(s), s, "pop");
  }
  if (s.simulation.slice()) {
    layout.same_cell_share = static_cast<double>(layout.count(Tier::chat_server)) / d.chat_servers;
    layout.stand_in_cells = std::min<std::uint32_t>(
        kMostStandInCells, static_cast<std::uint32_t>(std::lround(1 / layout.same_cell_share)));
  }
  layout.scale = describe_scale(s, layout);
  return layout;
}

}  // namespace whatsim
