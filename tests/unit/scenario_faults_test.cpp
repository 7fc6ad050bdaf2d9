// The faults, replication and availability sections: their defaults, every field filled,
// and each cross-field check reported with its JSON path.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
using Catch::Matchers::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {
std::string scenario_file(const char* name) {
  return (fs::path(__FILE__).parent_path().parent_path().parent_path() / "scenarios" / name).string();
}

// Two regions a and b joined by one link; two message shards; media and groups off.
json minimal() {
  return json::parse(R"({
    "name": "m", "population": {"users": 10},
    "deployment": {"regions": [{"name": "a", "user_share": 0.5}, {"name": "b", "user_share": 0.5}],
                   "chat_servers": 2, "manager_shards": 1, "message_shards": 2,
                   "links": [{"from": "a", "to": "b", "latency_ms": 10}]}})");
}

// Three regions on a line a - b - c.
json three_regions() {
  json doc = minimal();
  doc["deployment"]["regions"] = json::parse(R"([{"name": "a", "user_share": 0.5}, {"name": "b", "user_share": 0.25},
                                                 {"name": "c", "user_share": 0.25}])");
  doc["deployment"]["chat_servers"] = 3;
  doc["deployment"]["links"] = json::parse(R"([{"from": "a", "to": "b", "latency_ms": 10},
                                               {"from": "b", "to": "c", "latency_ms": 10}])");
  return doc;
}

json with_fault(json doc, const json& fault) {
  doc["faults"]["scheduled"].push_back(fault);
  return doc;
}

json fault(const char* kind) { return {{"kind", kind}, {"start_s", 100}, {"duration_s", 30}}; }

std::string json_error(const json& doc) {
  try {
    scenario_from_json(doc, "inline.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("scenario: without faults, replication or availability sections, their defaults are filled",
          "[scenario][faults]") {
  const Scenario s = scenario_from_json(minimal(), "inline.json");
  const FaultsSpec& f = s.faults;
  CHECK(f.scheduled.empty());
  CHECK_FALSE(f.random.enabled);
  CHECK(f.random.seed == 1);
  CHECK(f.random.count == 5);
  CHECK(f.random.from_s == 60);
  CHECK(f.random.until_s == 360);
  CHECK(f.random.min_duration_s == 10);
  CHECK(f.random.max_duration_s == 60);
  CHECK(f.random.kinds ==
        std::vector<std::string>{"crash", "slow", "link_down", "link_loss", "latency_spike", "partition"});
  CHECK(f.random.slow_factor == 4);
  CHECK(f.random.loss_share == 0.3);
  CHECK(f.random.extra_latency_ms == 200);
  CHECK(f.heartbeat_timeout_s == 30);
  CHECK(f.heartbeat_timeout_s >= s.costs.heartbeat_interval_s);  // a timeout, not the interval itself
  CHECK(f.retry_after_s == 5);
  CHECK(f.promote_after_s == 5);

  CHECK(s.replication.mode == "none");
  CHECK(s.replication.async_ship_interval_s == 0.2);
  CHECK(s.replication.replicate_cycles == s.costs.store_write_cycles);  // both defaulted: one durable enqueue
  CHECK(s.replication.snapshot_bytes_per_s == 1.25e9);                   // 10 Gb/s

  CHECK(s.availability.ack_within_s == 2);
  CHECK(s.availability.window_s == 10);
  CHECK(s.availability.recovery_tolerance == 0.05);
}

TEST_CASE("scenario: a scheduled fault needs only kind, start and duration; the rest is defaulted",
          "[scenario][faults]") {
  const Scenario s = scenario_from_json(with_fault(minimal(), fault("crash")), "inline.json");
  REQUIRE(s.faults.scheduled.size() == 1);
  const FaultSpec& f = s.faults.scheduled[0];
  CHECK(f.kind == "crash");
  CHECK(f.start_s == 100);
  CHECK(f.duration_s == 30);
  CHECK(f.tier == "chat_server");
  CHECK(f.index == 0);
  CHECK(f.slow_factor == 4);
  CHECK(f.from.empty());
  CHECK(f.to.empty());
  CHECK(f.loss_share == 0.3);
  CHECK(f.extra_latency_ms == 200);
  CHECK(f.shape == "isolate");
  CHECK(f.region.empty());
  CHECK_THAT(json_error(with_fault(minimal(), {{"kind", "crash"}, {"start_s", 1}})),
             Contains("faults.scheduled[0]: missing required key \"duration_s\""));
}

TEST_CASE("scenario: every field of the faults, replication and availability sections is filled from the JSON",
          "[scenario][faults]") {
  json doc = three_regions();
  doc["faults"] = json::parse(R"({
    "scheduled": [
      {"kind": "slow", "start_s": 12.5, "duration_s": 7.5, "tier": "message_service", "index": 1, "slow_factor": 2.5,
       "from": "b", "to": "c", "loss_share": 0.125, "extra_latency_ms": 75, "shape": "bridge", "region": "b"},
      {"kind": "partition", "start_s": 1, "duration_s": 2, "shape": "one_way", "region": "c"}],
    "random": {"enabled": true, "seed": 18446744073709551615, "count": 9, "from_s": 11, "until_s": 22,
               "min_duration_s": 3, "max_duration_s": 4, "kinds": ["partition", "crash"], "slow_factor": 1.5,
               "loss_share": 0.75, "extra_latency_ms": 33},
    "heartbeat_timeout_s": 45, "retry_after_s": 2.5, "promote_after_s": 0})");
  doc["replication"] = {{"mode", "async"}, {"async_ship_interval_s", 0.5}, {"replicate_cycles", 1234},
                        {"snapshot_bytes_per_s", 5e8}};
  doc["availability"] = {{"ack_within_s", 1.5}, {"window_s", 20}, {"recovery_tolerance", 0.125}};
  const Scenario s = scenario_from_json(doc, "inline.json");

  REQUIRE(s.faults.scheduled.size() == 2);
  const FaultSpec& f = s.faults.scheduled[0];
  CHECK(f.kind == "slow");
  CHECK(f.start_s == 12.5);
  CHECK(f.duration_s == 7.5);
  CHECK(f.tier == "message_service");
  CHECK(f.index == 1);
  CHECK(f.slow_factor == 2.5);
  CHECK(f.from == "b");
  CHECK(f.to == "c");
  CHECK(f.loss_share == 0.125);
  CHECK(f.extra_latency_ms == 75);
  CHECK(f.shape == "bridge");
  CHECK(f.region == "b");
  CHECK(s.faults.scheduled[1].shape == "one_way");

  const RandomFaultsSpec& r = s.faults.random;
  CHECK(r.enabled);
  CHECK(r.seed == 18446744073709551615ULL);
  CHECK(r.count == 9);
  CHECK(r.from_s == 11);
  CHECK(r.until_s == 22);
  CHECK(r.min_duration_s == 3);
  CHECK(r.max_duration_s == 4);
  CHECK(r.kinds == std::vector<std::string>{"partition", "crash"});
  CHECK(r.slow_factor == 1.5);
  CHECK(r.loss_share == 0.75);
  CHECK(r.extra_latency_ms == 33);
  CHECK(s.faults.heartbeat_timeout_s == 45);
  CHECK(s.faults.retry_after_s == 2.5);
  CHECK(s.faults.promote_after_s == 0);

  CHECK(s.replication.mode == "async");
  CHECK(s.replication.async_ship_interval_s == 0.5);
  CHECK(s.replication.replicate_cycles == 1234);
  CHECK(s.replication.snapshot_bytes_per_s == 5e8);
  CHECK(s.availability.ack_within_s == 1.5);
  CHECK(s.availability.window_s == 20);
  CHECK(s.availability.recovery_tolerance == 0.125);
}

TEST_CASE("scenario: a crash or slow fault must name a server the deployment has", "[scenario][faults]") {
  json crash = fault("crash");
  crash["tier"] = "message_service";
  crash["index"] = 2;
  CHECK_THAT(json_error(with_fault(with_fault(minimal(), fault("crash")), crash)),
             Contains("inline.json: faults.scheduled[1].index: must be < 2 (deployment.message_shards), got 2"));
  crash["index"] = 1;
  CHECK(json_error(with_fault(minimal(), crash)).empty());

  json slow = fault("slow");
  slow["tier"] = "broker";
  slow["index"] = 12;  // deployment.brokers defaults to 12
  CHECK_THAT(json_error(with_fault(minimal(), slow)),
             Contains("faults.scheduled[0].index: must be < 12 (deployment.brokers), got 12"));
}

TEST_CASE("scenario: media tiers can be hit only with media, the user service only with end-to-end encryption",
          "[scenario][faults]") {
  json crash = fault("crash");
  crash["tier"] = "asset_service";
  CHECK_THAT(json_error(with_fault(minimal(), crash)),
             Contains("faults.scheduled[0].tier: tier \"asset_service\" is not built: media.message_share is 0"));
  json doc = with_fault(minimal(), crash);
  doc["media"]["message_share"] = 0.1;
  CHECK(json_error(doc).empty());

  crash["tier"] = "user_service";
  doc = with_fault(minimal(), crash);
  CHECK(json_error(doc).empty());  // end-to-end is on by default
  doc["crypto"]["end_to_end"] = false;
  CHECK_THAT(json_error(doc),
             Contains("faults.scheduled[0].tier: tier \"user_service\" is not built: crypto.end_to_end is false"));
}

TEST_CASE("scenario: CDN PoPs are counted per region", "[scenario][faults]") {
  json crash = fault("crash");
  crash["tier"] = "cdn_pop";
  crash["index"] = 3;
  json doc = with_fault(minimal(), crash);
  doc["media"]["message_share"] = 0.1;
  doc["deployment"]["cdn_pops_per_region"] = 2;
  CHECK(json_error(doc).empty());  // 2 PoPs x 2 regions
  doc["faults"]["scheduled"][0]["index"] = 4;
  CHECK_THAT(json_error(doc),
             Contains("faults.scheduled[0].index: must be < 4 (deployment.cdn_pops_per_region x 2 regions), got 4"));
}

TEST_CASE("scenario: a link fault must name a link of deployment.links, in either order", "[scenario][faults]") {
  for (const char* kind : {"link_down", "link_loss", "latency_spike"}) {
    INFO(kind);
    json link = fault(kind);
    link["from"] = "c";
    link["to"] = "b";
    CHECK(json_error(with_fault(three_regions(), link)).empty());  // the link is b-c
    link["from"] = "a";
    link["to"] = "c";
    CHECK_THAT(json_error(with_fault(three_regions(), link)),
               Contains("faults.scheduled[0]: no link of deployment.links joins \"a\" and \"c\""));
    link["from"] = "x";
    CHECK_THAT(json_error(with_fault(three_regions(), link)),
               Contains("faults.scheduled[0].from: unknown region \"x\" (regions: a, b, c)"));
    link["from"] = "a";
    link["to"] = "";  // left to its default: none
    CHECK_THAT(json_error(with_fault(three_regions(), link)),
               Contains("faults.scheduled[0].to: unknown region \"\" (regions: a, b, c)"));
  }
}

TEST_CASE("scenario: isolate, one_way and bridge must name an existing region", "[scenario][faults]") {
  for (const char* shape : {"isolate", "one_way", "bridge"}) {
    INFO(shape);
    json partition = fault("partition");
    partition["shape"] = shape;
    CHECK_THAT(json_error(with_fault(three_regions(), partition)),
               Contains("faults.scheduled[0].region: shape \"" + std::string(shape) + "\" needs a region"));
    partition["region"] = "atlantis";
    CHECK_THAT(json_error(with_fault(three_regions(), partition)),
               Contains("faults.scheduled[0].region: unknown region \"atlantis\""));
    partition["region"] = "c";
    CHECK(json_error(with_fault(three_regions(), partition)).empty());
  }
  json halves = fault("partition");
  halves["shape"] = "halves";
  CHECK(json_error(with_fault(three_regions(), halves)).empty());  // halves names no region
}

TEST_CASE("scenario: a partition shape needs enough regions: 2 for halves, 3 for bridge and majorities_ring",
          "[scenario][faults]") {
  json partition = fault("partition");
  partition["shape"] = "bridge";
  partition["region"] = "a";
  CHECK_THAT(json_error(with_fault(minimal(), partition)),
             Contains("faults.scheduled[0].shape: \"bridge\" needs at least 3 regions, deployment.regions has 2"));
  partition["shape"] = "majorities_ring";
  CHECK_THAT(json_error(with_fault(minimal(), partition)),
             Contains("faults.scheduled[0].shape: \"majorities_ring\" needs at least 3 regions"));
  CHECK(json_error(with_fault(three_regions(), partition)).empty());

  json one_region = minimal();
  one_region["deployment"]["regions"] = json::parse(R"([{"name": "a", "user_share": 1}])");
  one_region["deployment"]["links"] = json::array();
  partition["shape"] = "halves";
  CHECK_THAT(json_error(with_fault(one_region, partition)),
             Contains("faults.scheduled[0].shape: \"halves\" needs at least 2 regions, deployment.regions has 1"));
}

TEST_CASE("scenario: a fault starts at or after 0 and lasts a positive time", "[scenario][faults]") {
  json early = fault("crash");
  early["start_s"] = -1;
  CHECK_THAT(json_error(with_fault(minimal(), early)), Contains("faults.scheduled[0].start_s: must be >= 0, got -1"));
  json instant = fault("crash");
  instant["duration_s"] = 0;
  CHECK_THAT(json_error(with_fault(minimal(), instant)), Contains("faults.scheduled[0].duration_s: must be > 0, got 0"));
  json unknown = fault("meteor");
  CHECK_THAT(json_error(with_fault(minimal(), unknown)), Contains("faults.scheduled[0].kind: must be one of \"crash\""));
}

TEST_CASE("scenario: the random campaign's window and durations must be ordered", "[scenario][faults]") {
  json doc = minimal();
  doc["faults"]["random"] = {{"from_s", 100}, {"until_s", 100}};
  CHECK_THAT(json_error(doc), Contains("faults.random.until_s: must be > faults.random.from_s (100), got 100"));
  doc["faults"]["random"] = {{"min_duration_s", 61}, {"max_duration_s", 60}};
  CHECK_THAT(json_error(doc),
             Contains("faults.random.min_duration_s: must be <= faults.random.max_duration_s (60), got 61"));
  doc["faults"]["random"] = {{"min_duration_s", 60}, {"max_duration_s", 60}};
  CHECK(json_error(doc).empty());  // a fixed duration
}

TEST_CASE("scenario: the random campaign's kinds are a non-empty list without repeats", "[scenario][faults]") {
  json doc = minimal();
  doc["faults"]["random"]["kinds"] = json::array();
  CHECK_THAT(json_error(doc), Contains("faults.random.kinds: must have at least 1 items, got 0"));
  doc["faults"]["random"]["kinds"] = {"crash", "partition", "crash"};
  CHECK_THAT(json_error(doc), Contains("faults.random.kinds[2]: duplicate kind \"crash\""));
  doc["faults"]["random"]["kinds"] = {"crash", "fire"};
  CHECK_THAT(json_error(doc), Contains("faults.random.kinds[1]: must be one of"));
}

TEST_CASE("scenario: an enabled campaign needs a kind with a target: one region has no links to cut",
          "[scenario][faults]") {
  json doc = minimal();
  doc["deployment"]["regions"] = json::parse(R"([{"name": "a", "user_share": 1}])");
  doc["deployment"]["links"] = json::array();
  doc["faults"]["random"] = {{"enabled", true}, {"kinds", {"link_down", "partition"}}};
  CHECK_THAT(json_error(doc), Contains("faults.random.kinds: none of these kinds has a target in this deployment"));
  doc["faults"]["random"]["kinds"] = {"link_down", "partition", "crash"};
  CHECK(json_error(doc).empty());
  doc["faults"]["random"] = {{"enabled", false}, {"kinds", {"partition"}}};
  CHECK(json_error(doc).empty());  // not drawn, so not checked against the deployment
}

TEST_CASE("scenario: replication mode and the fault kinds are closed lists", "[scenario][faults]") {
  json doc = minimal();
  doc["replication"]["mode"] = "quorum";
  CHECK_THAT(json_error(doc), Contains("replication.mode: must be one of \"none\", \"sync\", \"async\", got \"quorum\""));
  doc = minimal();
  doc["availability"]["recovery_tolerance"] = 1.5;
  CHECK_THAT(json_error(doc), Contains("availability.recovery_tolerance: must be <= 1, got 1.5"));
}

TEST_CASE("scenario: faults can be added to a shipped scenario with --set, as a CI campaign over seeds does",
          "[scenario][faults]") {
  const Scenario s = load_scenario(scenario_file("small.json"),
                                   {"faults.random.enabled=true", "faults.random.seed=7",
                                    "faults.scheduled[0].kind=crash", "faults.scheduled[0].start_s=60",
                                    "faults.scheduled[0].duration_s=30", "faults.scheduled[0].index=3",
                                    "replication.mode=sync"});
  CHECK(s.faults.random.enabled);
  CHECK(s.faults.random.seed == 7);
  REQUIRE(s.faults.scheduled.size() == 1);
  CHECK(s.faults.scheduled[0].tier == "chat_server");  // defaulted inside the item --set created
  CHECK(s.faults.scheduled[0].index == 3);
  CHECK(s.replication.mode == "sync");
  CHECK_THROWS_WITH(load_scenario(scenario_file("small.json"),
                                  {"faults.scheduled[0].kind=crash", "faults.scheduled[0].start_s=60",
                                   "faults.scheduled[0].duration_s=30", "faults.scheduled[0].index=4"}),
                    Contains("faults.scheduled[0].index: must be < 4 (deployment.chat_servers), got 4"));
}
