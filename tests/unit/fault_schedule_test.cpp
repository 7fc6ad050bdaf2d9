// resolve_faults: a scenario's scheduled faults and campaign, resolved against the
// deployment and the servers the run builds, in the order they start.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "src/fault/fault_campaign.hpp"
#include "src/fault/fault_schedule.hpp"
#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {
// Regions west, central, east on a line; faults out of start order, two starting together.
json scenario_doc() {
  return json::parse(R"({
    "name": "faulty", "population": {"users": 10},
    "deployment": {"regions": [{"name": "west", "user_share": 0.5}, {"name": "central", "user_share": 0.25},
                               {"name": "east", "user_share": 0.25}],
                   "chat_servers": 6, "manager_shards": 3, "message_shards": 3,
                   "links": [{"from": "west", "to": "central", "latency_ms": 10},
                             {"from": "central", "to": "east", "latency_ms": 10}]},
    "faults": {"scheduled": [
      {"kind": "latency_spike", "start_s": 200, "duration_s": 5, "from": "east", "to": "central",
       "extra_latency_ms": 250, "tier": "broker", "slow_factor": 9},
      {"kind": "partition", "start_s": 100, "duration_s": 20, "shape": "bridge", "region": "central"},
      {"kind": "slow", "start_s": 100, "duration_s": 30, "tier": "message_service", "index": 2, "slow_factor": 3,
       "from": "west", "to": "central"},
      {"kind": "link_loss", "start_s": 50, "duration_s": 1, "from": "west", "to": "central", "loss_share": 0.5}]}})");
}

const std::map<std::string, std::uint32_t> kServers = {
    {"chat_server", 6}, {"websocket_manager", 3}, {"message_service", 3}, {"broker", 3}};

std::string resolve_error(const Scenario& s, const std::map<std::string, std::uint32_t>& servers) {
  try {
    resolve_faults(s, servers);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("resolve_faults sorts by start, keeping the scenario's order for equal starts", "[fault][schedule]") {
  const auto faults = resolve_faults(scenario_from_json(scenario_doc(), "faulty.json"), kServers);
  REQUIRE(faults.size() == 4);
  CHECK(faults[0].kind == FaultKind::link_loss);
  CHECK(faults[1].kind == FaultKind::partition);  // starts at 100, listed before the slow fault
  CHECK(faults[2].kind == FaultKind::slow);
  CHECK(faults[3].kind == FaultKind::latency_spike);
}

TEST_CASE("resolve_faults maps region names to indices and computes heal times", "[fault][schedule]") {
  const auto faults = resolve_faults(scenario_from_json(scenario_doc(), "faulty.json"), kServers);
  REQUIRE(faults.size() == 4);
  const Fault& loss = faults[0];
  CHECK(loss.start_s == 50);
  CHECK(loss.end_s == 51);
  CHECK(loss.region_a == 0);
  CHECK(loss.region_b == 1);
  CHECK(loss.loss_share == 0.5);
  const Fault& bridge = faults[1];
  CHECK(bridge.shape == PartitionShape::bridge);
  CHECK(bridge.region == 1);
  CHECK(bridge.end_s == 120);
  const Fault& slow = faults[2];
  CHECK(slow.tier == "message_service");
  CHECK(slow.index == 2);
  CHECK(slow.slow_factor == 3);
  CHECK(slow.end_s == 130);
  const Fault& spike = faults[3];
  CHECK(spike.region_a == 2);  // as written: from east to central
  CHECK(spike.region_b == 1);
  CHECK(spike.extra_latency_s == Approx(0.25));
  CHECK(spike.end_s == 205);
}

TEST_CASE("resolve_faults copies only the fields a fault's kind uses", "[fault][schedule]") {
  const auto faults = resolve_faults(scenario_from_json(scenario_doc(), "faulty.json"), kServers);
  REQUIRE(faults.size() == 4);
  const Fault& spike = faults[3];  // its tier and slow_factor are set in the scenario, and ignored
  CHECK(spike.tier.empty());
  CHECK(spike.slow_factor == 1);
  CHECK(spike.loss_share == 0);
  const Fault& slow = faults[2];  // its from and to likewise
  CHECK(slow.region_a == 0);
  CHECK(slow.region_b == 0);
  CHECK(slow.extra_latency_s == 0);
  CHECK(faults[0].extra_latency_s == 0);  // link_loss: no extra latency
}

TEST_CASE("resolve_faults refuses a server the run does not build", "[fault][schedule][edge]") {
  const Scenario s = scenario_from_json(scenario_doc(), "faulty.json");
  auto fewer = kServers;
  fewer["message_service"] = 2;  // a reduced run rounds the tier down to 2
  CHECK_THAT(resolve_error(s, fewer),
             Contains("faults.scheduled[2].index: must be < 2, the message_service servers this run builds"));
  fewer.erase("message_service");
  CHECK_THAT(resolve_error(s, fewer), Contains("faults.scheduled[2].tier: this run builds no message_service servers"));
  CHECK(resolve_error(s, kServers).empty());
}

TEST_CASE("resolve_faults adds the campaign after the scheduled faults and sorts them together", "[fault][schedule]") {
  json doc = scenario_doc();
  doc["faults"]["random"] = {{"enabled", true}, {"seed", 11}, {"count", 6}, {"from_s", 0}, {"until_s", 300}};
  const Scenario s = scenario_from_json(doc, "faulty.json");
  const auto faults = resolve_faults(s, kServers);
  REQUIRE(faults.size() == 4 + 6);
  for (std::size_t i = 1; i < faults.size(); ++i) CHECK(faults[i - 1].start_s <= faults[i].start_s);

  CampaignTargets targets;
  targets.servers_per_tier = kServers;
  targets.region_count = 3;
  targets.links = {{0, 1}, {1, 2}};
  const auto campaign = draw_campaign(s.faults.random, targets);
  for (const Fault& drawn : campaign) {
    INFO(drawn.label(region_names(s.deployment)));
    const auto same_start = [&](const Fault& f) { return f.start_s == drawn.start_s && f.kind == drawn.kind; };
    CHECK(std::count_if(faults.begin(), faults.end(), same_start) == 1);
  }
}

TEST_CASE("region_names and region_links follow deployment order", "[fault][schedule]") {
  const Scenario s = scenario_from_json(scenario_doc(), "faulty.json");
  CHECK(region_names(s.deployment) == std::vector<std::string>{"west", "central", "east"});
  CHECK(region_links(s.deployment) == std::vector<RegionLink>{{0, 1}, {1, 2}});
}
