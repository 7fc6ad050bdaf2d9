#include "model/layout.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "src/core/random_streams.hpp"
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

std::uint32_t Layout::storage_of(ContentHash content) const {
  return static_cast<std::uint32_t>(mix64(content ^ 0x510e527fade682d1ull) % count(Tier::blob_storage));
}

namespace {

void place_tier(Layout& layout, Tier tier, std::uint32_t total, const Scenario& s, const char* prefix) {
  const auto per_region = servers_per_region(total, s.deployment.regions);
  auto& slots = layout.servers[static_cast<int>(tier)];
  for (std::uint32_t r = 0; r < per_region.size(); ++r) {
    for (std::uint32_t j = 0; j < per_region[r]; ++j) {
      const auto index = static_cast<std::uint32_t>(slots.size());
      slots.push_back({tier, index, r, s.deployment.regions[r].name + "-" + prefix + std::to_string(j)});
      if (tier == Tier::chat_server) layout.chat_servers_of_region[r].push_back(index);
      if (tier == Tier::asset_service) layout.asset_servers_of_region[r].push_back(index);
    }
  }
}

// PoPs sit near phones: the same number in every region, whatever the scale.
void place_pops(Layout& layout, const Scenario& s) {
  auto& slots = layout.servers[static_cast<int>(Tier::cdn_pop)];
  for (std::uint32_t r = 0; r < s.deployment.regions.size(); ++r) {
    for (std::uint32_t j = 0; j < std::max<std::uint32_t>(s.deployment.cdn_pops_per_region, 1); ++j) {
      const auto index = static_cast<std::uint32_t>(slots.size());
      slots.push_back({Tier::cdn_pop, index, r, s.deployment.regions[r].name + "-pop" + std::to_string(j)});
      layout.pops_of_region[r].push_back(index);
    }
  }
}

ScaleStatement describe_scale(const Scenario& s, const Layout& layout) {
  ScaleStatement st;
  st.users_modeled = s.population.users;
  st.users_simulated = layout.users;
  st.chat_servers_modeled = s.deployment.chat_servers;
  st.chat_servers_simulated = layout.count(Tier::chat_server);
  st.full_scale = layout.users == s.population.users;
  std::ostringstream sim;
  sim << layout.users << " users on " << layout.count(Tier::chat_server) << " chat servers, "
      << layout.count(Tier::websocket_manager) << " WebSocket manager shards and "
      << layout.count(Tier::message_service) << " message-service shards, " << layout.count(Tier::group_service)
      << " group-service shards, " << layout.count(Tier::broker) << " log brokers and "
      << layout.count(Tier::group_handler) << " group handlers";
  if (layout.count(Tier::user_service) > 0) sim << ", " << layout.count(Tier::user_service) << " user-service shards";
  if (layout.count(Tier::asset_service) > 0)
    sim << ", " << layout.count(Tier::asset_service) << " asset servers, " << layout.count(Tier::blob_storage)
        << " storage hosts and " << layout.count(Tier::cdn_pop) << " CDN PoPs";
  sim << ", message by message";
  st.simulated = sim.str();
  if (st.full_scale) {
    st.extrapolated = "nothing: the whole modeled deployment was simulated";
  } else {
    std::ostringstream ex;
    ex << "nothing is extrapolated yet: this is a reduced run (simulation.scale = " << s.simulation.scale
       << ") of " << layout.users << " of " << s.population.users
       << " users, with server counts scaled down and rounded up to whole servers; per-server load, "
          "utilization and queueing differ from the full design's and are not its figures";
    st.extrapolated = ex.str();
  }
  return st;
}

}  // namespace

Layout plan_layout(const Scenario& s) {
  Layout layout;
  const double scale = s.simulation.scale;
  layout.users = static_cast<std::uint32_t>(simulated_users(s));
  const auto per_region = apportion(layout.users, s.deployment.regions);
  layout.region_first_user.push_back(0);
  for (auto n : per_region) layout.region_first_user.push_back(layout.region_first_user.back() + n);
  layout.chat_servers_of_region.resize(s.deployment.regions.size());
  const auto regions = s.deployment.regions.size();
  place_tier(layout, Tier::chat_server, simulated_servers(s.deployment.chat_servers, scale, regions), s, "chat");
  place_tier(layout, Tier::websocket_manager, simulated_servers(s.deployment.manager_shards, scale, regions), s, "manager");
  place_tier(layout, Tier::message_service, simulated_servers(s.deployment.message_shards, scale, regions), s, "message");
  place_tier(layout, Tier::group_service, simulated_servers(s.deployment.group_service_shards, scale, regions), s, "groups");
  place_tier(layout, Tier::broker, simulated_servers(s.deployment.brokers, scale, regions), s, "broker");
  place_tier(layout, Tier::group_handler, simulated_servers(s.deployment.group_handlers, scale, regions), s, "handler");
  if (s.crypto.end_to_end) {
    place_tier(layout, Tier::user_service, simulated_servers(s.deployment.user_service_shards, scale, regions), s, "users");
  }
  layout.asset_servers_of_region.resize(regions);
  layout.pops_of_region.resize(regions);
  if (s.media.message_share > 0) {
    place_tier(layout, Tier::asset_service, simulated_servers(s.deployment.asset_servers, scale, regions), s, "asset");
    place_tier(layout, Tier::blob_storage, simulated_servers(s.deployment.storage_hosts, scale, regions), s, "storage");
    place_pops(layout, s);
  }
  layout.scale = describe_scale(s, layout);
  return layout;
}

}  // namespace whatsim
