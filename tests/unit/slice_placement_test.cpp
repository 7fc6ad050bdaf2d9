// Slice simulation's placement (src/scenario/server_placement) and what the report makes of
// a slice (analysis/full_deployment): shares of servers, users following their cells, the
// extrapolation factor, and a target verdict that fails when a check does.
#include <filesystem>

#include <catch2/catch.hpp>

#include "analysis/full_deployment.hpp"
#include "src/scenario/scenario_loader.hpp"
#include "src/scenario/server_placement.hpp"

using namespace whatsim;
namespace fs = std::filesystem;

namespace {

std::string scenario_file(const char* name) {
  return (fs::path(__FILE__).parent_path().parent_path().parent_path() / "scenarios" / name).string();
}

Scenario baseline_slice(const char* cells) {
  return load_scenario(scenario_file("baseline.json"), {std::string("simulation.scale.simulated_cells=") + cells});
}

}  // namespace

TEST_CASE("slice: one cell of 200 is one whole chat server in one region", "[unit][slice]") {
  const Scenario s = baseline_slice("1");
  const TierPlacement chat = place_tier_servers(s, s.deployment.chat_servers, true);
  CHECK(chat.count() == 1);
  CHECK(chat.server_share == 1);
  // The cell sits in the region with the largest user share (europe-africa, 0.30), and its users with it.
  CHECK(chat.per_region == std::vector<std::uint32_t>{0, 1, 0, 0});
  CHECK(users_per_region(s, 10000000) == std::vector<std::uint32_t>{0, 10000000, 0, 0});
  CHECK(simulated_users(s) == 10000000);
}

TEST_CASE("slice: other tiers keep a server in every region, each with its part of the share", "[unit][slice]") {
  const Scenario s = baseline_slice("1");
  // 100 manager shards over 200 cells: half a server's worth, spread over 4 regions.
  const TierPlacement managers = place_tier_servers(s, s.deployment.manager_shards, false);
  CHECK(managers.count() == 4);
  CHECK(managers.server_share == Approx(0.5 / 4));
  // 400 message shards: two servers' worth.
  const TierPlacement shards = place_tier_servers(s, s.deployment.message_shards, false);
  CHECK(shards.count() * shards.server_share == Approx(2));
}

namespace {

HardwareProfile sixteen_cores() {
  HardwareProfile p;
  p.cores = 16;
  p.clock_ghz = 2.5;
  p.ram_gb = 128;
  p.nic_gbps = 10;
  p.disk_read_mbps = 2000;
  p.disk_write_mbps = 1000;
  return p;
}

}  // namespace

TEST_CASE("slice: a share of at least one core is the server cut down, its capacity kept in cycles", "[unit][slice]") {
  const HardwareProfile p = sixteen_cores();
  const SimulatedServer eighth = simulated_server(p, 0.125);
  CHECK(eighth.hardware.cores == 2);
  CHECK(eighth.hardware.clock_ghz == Approx(2.5));
  CHECK(eighth.hardware.ram_gb == Approx(16));
  CHECK(eighth.hardware.nic_gbps == Approx(1.25));
  CHECK(eighth.hardware.disk_write_mbps == Approx(125));
  CHECK_FALSE(eighth.below_one_core());
  // It stands for all of its hardware.
  CHECK(eighth.capacity_cores == 2);
  CHECK(eighth.stands_for.cores == Approx(2));
  CHECK(eighth.stands_for.ram_gb == Approx(eighth.hardware.ram_gb));
  // 16 x 0.1 = 1.6 cores' worth: two cores at 0.8 of the clock.
  const SimulatedServer tenth = simulated_server(p, 0.1);
  CHECK(tenth.hardware.cores == 2);
  CHECK(tenth.hardware.clock_ghz == Approx(2.5 * 0.8));
  CHECK(tenth.capacity_cores == 2);
  CHECK(tenth.capacity_cycles_per_s() == Approx(16 * 2.5e9 * 0.1));
  // Exactly one core's worth is one core at the modeled clock, all of it.
  const SimulatedServer sixteenth = simulated_server(p, 1.0 / 16);
  CHECK(sixteenth.hardware.cores == 1);
  CHECK(sixteenth.hardware.clock_ghz == Approx(2.5));
  CHECK(sixteenth.capacity_cores == 1);
  const SimulatedServer whole = simulated_server(p, 1);
  CHECK(whole.hardware.cores == 16);
  CHECK(whole.hardware.clock_ghz == 2.5);
  CHECK(whole.hardware.ram_gb == 128);
  CHECK(whole.capacity_cores == 16);
}

TEST_CASE("slice: a share below one core is one core at the modeled clock standing for part of it", "[unit][slice]") {
  const HardwareProfile p = sixteen_cores();
  // 16 x 0.01 = 0.16 of a core. Cutting the clock would make every frame take 1 / 0.16 times
  // as long; the server is one modeled core instead.
  const SimulatedServer small = simulated_server(p, 0.01);
  CHECK(small.below_one_core());
  CHECK(small.hardware.cores == 1);
  CHECK(small.hardware.clock_ghz == p.clock_ghz);
  // One core's part of the RAM, NIC and disk: a frame's transfer takes a core's part of the
  // NIC, not 0.16 of that.
  CHECK(small.hardware.ram_gb == Approx(128.0 / 16));
  CHECK(small.hardware.nic_gbps == Approx(10.0 / 16));
  CHECK(small.hardware.disk_read_mbps == Approx(2000.0 / 16));
  CHECK(small.hardware.disk_write_mbps == Approx(1000.0 / 16));
  // What it stands for, and so what utilization and memory are measured against: the share.
  CHECK(small.capacity_cores == Approx(0.16));
  CHECK(small.capacity_cycles_per_s() == Approx(16 * 2.5e9 * 0.01));
  CHECK(small.stands_for.cores == Approx(0.16));
  CHECK(small.stands_for.ram_gb == Approx(1.28));
  CHECK(small.stands_for.nic_gbps == Approx(0.1));
  CHECK(small.stands_for.disk_write_mbps == Approx(10));
  // Just below a core's worth: still the modeled clock, not a clock cut by 0.9.
  const SimulatedServer most = simulated_server(p, 0.9 / 16);
  CHECK(most.hardware.cores == 1);
  CHECK(most.hardware.clock_ghz == p.clock_ghz);
  CHECK(most.capacity_cores == Approx(0.9));
}

TEST_CASE("slice: the baseline's group-service shards in a 1/64-cell slice run at the modeled clock", "[unit][slice]") {
  const Scenario s = baseline_slice("0.015625");
  const TierPlacement shards = place_tier_servers(s, s.deployment.group_service_shards, false, fewest_servers(s, "group_service"));
  const HardwareProfile& modeled = s.profile(s.deployment.group_service_profile);
  const SimulatedServer server = simulated_server(modeled, shards.server_share);
  REQUIRE(modeled.cores * shards.server_share < 1);
  CHECK(server.hardware.cores == 1);
  CHECK(server.hardware.clock_ghz == modeled.clock_ghz);
  // All the shards together stand for the slice's share of the tier's cores.
  CHECK(server.capacity_cores * shards.count() ==
        Approx(modeled.cores * s.deployment.group_service_shards * s.simulation.simulated_cells / s.simulation.cells));
}

TEST_CASE("slice: a full run places the modeled servers", "[unit][slice]") {
  const Scenario s = load_scenario(scenario_file("small.json"));
  CHECK_FALSE(s.simulation.slice());
  const TierPlacement chat = place_tier_servers(s, s.deployment.chat_servers, true);
  CHECK(chat.count() == s.deployment.chat_servers);
  CHECK(chat.server_share == 1);
}

namespace {

RunReport slice_report(double busiest_chat_utilization) {
  RunReport r;
  r.scale.users_simulated = 10000000;
  r.scale.chat_servers_simulated = 1;
  r.sim.simulated_seconds = 100;
  r.messages.sent = 1000;
  TierReport chat;
  chat.name = "chat_server";
  chat.servers = 1;
  chat.cores_per_server = 32;
  chat.cpu_utilization_mean = chat.cpu_utilization_max = busiest_chat_utilization;
  chat.peak_connections = 9000000;
  r.tiers.push_back(chat);
  LatencySummary online;
  online.count = 100;
  online.p50_ms = 200;
  online.p99_ms = 400;
  r.latency_ms["delivery_online"] = online;
  return r;
}

const TargetCheck* find_check(const FullDeployment& d, const std::string& name) {
  for (const TargetCheck& c : d.checks)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("full deployment: totals scale by cells over simulated cells, per-cell figures do not", "[unit][slice]") {
  const Scenario s = baseline_slice("1");
  const FullDeployment d = extrapolate_to_full(s, slice_report(0.5));
  CHECK(d.factor == 200);
  CHECK(d.messages_per_day == Approx(100e9));
  for (const DeploymentFigure& f : d.figures) {
    INFO(f.name);
    CHECK(f.full == Approx(f.basis == "scaled" ? f.simulated * 200 : f.simulated));
  }
  CHECK(d.met);
  CHECK(find_check(d, "delivery_online p99 (ms)")->met);
}

TEST_CASE("full deployment: one check over its limit fails the target", "[unit][slice]") {
  const Scenario s = baseline_slice("1");
  const FullDeployment d = extrapolate_to_full(s, slice_report(0.9));  // targets.max_utilization is 0.7
  const TargetCheck* chat = find_check(d, "chat_server CPU utilization (busiest server)");
  REQUIRE(chat != nullptr);
  CHECK_FALSE(chat->met);
  CHECK_FALSE(d.met);
  CHECK(full_deployment_markdown(d).find("target NOT met") != std::string::npos);
}

TEST_CASE("slice: PoPs and asset servers follow the slice's users to their region", "[unit][slice]") {
  const Scenario s = baseline_slice("1");
  // The cell's users all live in europe-africa (30 % of the 2B users, 60 cells' worth): its
  // PoPs there carry a 60th of the region's 235, not a 200th of every region's.
  const TierPlacement pops = place_pops(s);
  CHECK(pops.per_region == std::vector<std::uint32_t>{0, 4, 0, 0});
  const double region_users = 0.30 * static_cast<double>(s.population.users);
  CHECK(pops.count() * pops.server_share == Approx(s.deployment.cdn_pops_per_region * 1e7 / region_users));
  // Asset servers are apportioned by users in the full deployment: the slice's share of them,
  // all in the users' region.
  const TierPlacement assets = place_asset_servers(s);
  CHECK(assets.per_region[0] == 0);
  CHECK(assets.per_region[2] == 0);
  CHECK(assets.per_region[3] == 0);
  CHECK(assets.count() * assets.server_share == Approx(s.deployment.asset_servers / 200.0).epsilon(0.01));
}

TEST_CASE("placement near phones: a full run keeps the modeled servers in every region", "[unit][slice]") {
  const Scenario s = load_scenario(scenario_file("media-small.json"));
  REQUIRE_FALSE(s.simulation.slice());
  CHECK(place_pops(s).per_region == modeled_pops(s));
  CHECK(place_pops(s).server_share == 1);
  CHECK(place_asset_servers(s).per_region == servers_per_region(s.deployment.asset_servers, s.deployment.regions));
}

TEST_CASE("file lanes: one per users_per_file_lane simulated users, rounded up, at least one", "[unit][slice]") {
  Scenario s = baseline_slice("0.03125");  // 312,500 users
  REQUIRE(simulated_users(s) == 312500);
  s.simulation.users_per_file_lane = 0;
  CHECK(file_lanes(s) == 1);
  s.simulation.users_per_file_lane = 78125;
  CHECK(file_lanes(s) == 4);
  s.simulation.users_per_file_lane = 78124;
  CHECK(file_lanes(s) == 5);
  s.simulation.users_per_file_lane = 1000000;
  CHECK(file_lanes(s) == 1);
}
