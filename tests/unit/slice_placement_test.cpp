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

TEST_CASE("slice: a share of a server keeps its capacity in cycles", "[unit][slice]") {
  HardwareProfile p;
  p.cores = 16;
  p.clock_ghz = 2.5;
  p.ram_gb = 128;
  p.nic_gbps = 10;
  const HardwareProfile eighth = share_of(p, 0.125);
  CHECK(eighth.cores == 2);
  CHECK(eighth.clock_ghz == Approx(2.5));
  CHECK(eighth.ram_gb == Approx(16));
  CHECK(eighth.nic_gbps == Approx(1.25));
  // 16 x 0.1 = 1.6 cores' worth: two cores at 0.8 of the clock.
  const HardwareProfile tenth = share_of(p, 0.1);
  CHECK(tenth.cores == 2);
  CHECK(tenth.cores * tenth.clock_ghz == Approx(16 * 2.5 * 0.1));
  CHECK(share_of(p, 1).cores == 16);
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
