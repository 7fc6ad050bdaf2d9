// Every kind of bad scenario gives one ScenarioError naming the file, the JSON path and
// what is allowed.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {
fs::path repo_root() { return fs::path(__FILE__).parent_path().parent_path().parent_path(); }
std::string fixture(const char* name) {
  return (repo_root() / "tests" / "data" / "scenarios" / name).string();
}

// The what() of loading `name`, or "" when it (wrongly) loads.
std::string load_error(const char* name) {
  try {
    load_scenario(fixture(name));
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

std::string json_error(const nlohmann::json& doc) {
  try {
    scenario_from_json(doc, "inline.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

nlohmann::json minimal() {
  return nlohmann::json::parse(R"({
    "name": "m", "population": {"users": 10},
    "deployment": {"regions": [{"name": "a", "user_share": 0.5}, {"name": "b", "user_share": 0.5}],
                   "chat_servers": 2, "manager_shards": 1, "message_shards": 1,
                   "links": [{"from": "a", "to": "b", "latency_ms": 10}]}})");
}
}  // namespace

TEST_CASE("scenario: the minimal fixture is valid, so the other fixtures fail for their own reason", "[scenario]") {
  CHECK_NOTHROW(load_scenario(fixture("minimal.json")));
  CHECK(json_error(minimal()).empty());
}

TEST_CASE("scenario: ScenarioError::what() is one line: file, path, problem", "[scenario]") {
  const std::string e = load_error("out_of_range.json");
  CHECK_THAT(e, Contains("scenario error: "));
  CHECK_THAT(e, Contains("out_of_range.json: deployment.chat_servers: must be >= 1, got 0"));
  CHECK(e.find('\n') == std::string::npos);
}

TEST_CASE("scenario: an unknown top-level key is named with the allowed keys", "[scenario]") {
  const std::string e = load_error("unknown_top_key.json");
  CHECK_THAT(e, Contains("unknown_top_key.json"));
  CHECK_THAT(e, Contains("unknown key \"colour\""));
  CHECK_THAT(e, Contains("allowed: "));
  CHECK_THAT(e, Contains("deployment"));
}

TEST_CASE("scenario: an unknown nested key names its object and suggests the likely key", "[scenario]") {
  const std::string e = load_error("unknown_nested_key.json");
  CHECK_THAT(e, Contains("deployment: unknown key \"chat_srvers\""));
  CHECK_THAT(e, Contains("allowed: access, asset_profile, asset_servers, broker_profile, brokers, cdn_pop_profile, "
                        "cdn_pops_per_region, chat_server_profile, chat_servers,"));
  CHECK_THAT(e, Contains("did you mean \"chat_servers\"?"));
}

TEST_CASE("scenario: an unknown key inside an array element names the element", "[scenario]") {
  const std::string e = load_error("unknown_key_in_array.json");
  CHECK_THAT(e, Contains("deployment.regions[1]: unknown key \"share\" (allowed: name, user_share)"));
}

TEST_CASE("scenario: a wrong type names the expected type and what was given", "[scenario]") {
  CHECK_THAT(load_error("wrong_type.json"),
             Contains("deployment.chat_servers: expected integer, got string \"abc\""));
  auto doc = minimal();
  doc["deployment"]["chat_servers"] = 2.5;
  CHECK_THAT(json_error(doc), Contains("deployment.chat_servers: expected integer, got number 2.5"));
  doc = minimal();
  doc["traffic"] = {{"size", "big"}};
  CHECK_THAT(json_error(doc), Contains("traffic.size: expected object, got string \"big\""));
}

TEST_CASE("scenario: an integral float is an integer, as JSON Schema defines it", "[scenario]") {
  auto doc = minimal();
  doc["population"]["users"] = 2e9;
  CHECK(scenario_from_json(doc, "inline.json").population.users == 2000000000ULL);
}

TEST_CASE("scenario: out-of-range values name the bound", "[scenario]") {
  CHECK_THAT(load_error("out_of_range.json"), Contains("deployment.chat_servers: must be >= 1, got 0"));
  auto doc = minimal();
  doc["simulation"] = {{"scale", {{"simulated_cells", -1}}}};
  CHECK_THAT(json_error(doc), Contains("simulation.scale.simulated_cells: must be >= 0, got -1"));
  doc["simulation"] = {{"scale", {{"cells", 8}, {"simulated_cells", 9}}}};
  CHECK_THAT(json_error(doc), Contains("simulation.scale.simulated_cells: must be <= simulation.scale.cells (8), got 9"));
  doc = minimal();
  doc["deployment"]["regions"][1]["user_share"] = -0.5;
  CHECK_THAT(json_error(doc), Contains("deployment.regions[1].user_share: must be > 0, got -0.5"));
  doc = minimal();
  doc["population"]["start_hour"] = 24;
  CHECK_THAT(json_error(doc), Contains("population.start_hour: must be < 24, got 24"));
  doc = minimal();
  doc["population"]["diurnal_profile"] = {1, 1, 1};
  CHECK_THAT(json_error(doc), Contains("population.diurnal_profile: must have at least 24 items, got 3"));
}

TEST_CASE("scenario: a bad enum value lists the allowed values", "[scenario]") {
  CHECK_THAT(load_error("bad_enum.json"),
             Contains("simulation.network_model: must be one of \"CM02\", \"LV08\", got \"NS3\""));
}

TEST_CASE("scenario: a missing required key is named with its type", "[scenario]") {
  auto doc = minimal();
  doc["population"].erase("users");
  CHECK_THAT(json_error(doc), Contains("population: missing required key \"users\" (integer >= 1"));
  doc = minimal();
  doc.erase("name");
  CHECK_THAT(json_error(doc), Contains("missing required key \"name\" (string)"));
}

TEST_CASE("scenario: a missing file is named with the OS reason", "[scenario]") {
  const std::string e = load_error("does_not_exist.json");
  CHECK_THAT(e, Contains("does_not_exist.json"));
  CHECK_THAT(e, Contains("No such file or directory"));
}

TEST_CASE("scenario: invalid JSON is reported at its line and column", "[scenario]") {
  const std::string e = load_error("invalid_json.json");
  CHECK_THAT(e, Contains("invalid_json.json"));
  CHECK_THAT(e, Contains("invalid JSON at line 4, column "));
  CHECK_THAT(e, Contains("syntax error"));
}

TEST_CASE("scenario: an extends cycle names the chain", "[scenario]") {
  const std::string e = load_error("cycle_a.json");
  CHECK_THAT(e, Contains("extends: cycle: "));
  CHECK_THAT(e, Contains("cycle_a.json -> "));
  CHECK_THAT(e, Contains("cycle_b.json -> "));
}

TEST_CASE("scenario: extends of a missing file names the extending file and the missing one", "[scenario]") {
  const std::string e = load_error("extends_missing.json");
  CHECK_THAT(e, Contains("extends_missing.json: extends: cannot read \"no_such_parent.json\""));
  CHECK_THAT(e, Contains("No such file or directory"));
}

TEST_CASE("scenario: extends merges objects and replaces arrays", "[scenario]") {
  const Scenario s = load_scenario(fixture("extends_child.json"));
  CHECK(s.name == "child");
  CHECK(s.simulation.seed == 7);
  CHECK(s.population.users == 100);  // from minimal.json
  REQUIRE(s.deployment.regions.size() == 1);
  CHECK(s.deployment.regions[0].name == "solo");
  CHECK(s.deployment.links.empty());
}

TEST_CASE("scenario: region shares and device weights must sum to 1", "[scenario]") {
  CHECK_THAT(load_error("shares_not_one.json"),
             Contains("deployment.regions[*].user_share: must sum to 1 (within 1e-6), got 0.9"));
  auto doc = minimal();
  doc["population"]["devices_per_user_weights"] = {0.5, 0.2};
  CHECK_THAT(json_error(doc), Contains("population.devices_per_user_weights: must sum to 1"));
}

TEST_CASE("scenario: a profile name must exist in hardware.profiles", "[scenario]") {
  CHECK_THAT(load_error("unknown_profile.json"),
             Contains("deployment.manager_profile: unknown profile \"mainframe\" "
                      "(hardware.profiles defines: \"commodity-2u\")"));
}

TEST_CASE("scenario: the group tiers' profile names must exist in hardware.profiles", "[scenario]") {
  for (const char* field : {"group_service_profile", "broker_profile", "group_handler_profile"}) {
    auto doc = minimal();
    doc["deployment"][field] = "mainframe";
    CHECK_THAT(json_error(doc), Contains(std::string("deployment.") + field +
                                         ": unknown profile \"mainframe\" (hardware.profiles defines: \"commodity-2u\")"));
  }
}

TEST_CASE("scenario: the media tiers' profile names must exist in hardware.profiles", "[scenario]") {
  for (const char* field : {"asset_profile", "storage_profile", "cdn_pop_profile"}) {
    auto doc = minimal();
    doc["deployment"][field] = "mainframe";
    CHECK_THAT(json_error(doc), Contains(std::string("deployment.") + field +
                                         ": unknown profile \"mainframe\" (hardware.profiles defines: \"commodity-2u\")"));
  }
}

TEST_CASE("scenario: links must name existing regions and connect them all", "[scenario]") {
  auto doc = minimal();
  doc["deployment"]["links"][0]["to"] = "c";
  CHECK_THAT(json_error(doc), Contains("deployment.links[0].to: unknown region \"c\" (regions: a, b)"));
  doc = minimal();
  doc["deployment"]["links"] = nlohmann::json::array();
  CHECK_THAT(json_error(doc), Contains("deployment.links: regions \"a\" and \"b\" are not connected"));
  doc = minimal();
  doc["deployment"]["regions"][1]["name"] = "a";
  CHECK_THAT(json_error(doc), Contains("deployment.regions[1].name: duplicate region name \"a\""));
}

TEST_CASE("scenario: regions connected through a third region are connected", "[scenario]") {
  auto doc = minimal();
  doc["deployment"]["regions"] = {{{"name", "a"}, {"user_share", 0.5}},
                                  {{"name", "b"}, {"user_share", 0.25}},
                                  {{"name", "c"}, {"user_share", 0.25}}};
  doc["deployment"]["chat_servers"] = 3;
  doc["deployment"]["links"] = {{{"from", "a"}, {"to", "b"}, {"latency_ms", 1}},
                                {{"from", "c"}, {"to", "b"}, {"latency_ms", 1}}};
  CHECK(json_error(doc).empty());
}

TEST_CASE("scenario: other cross-field rules: warmup, size cap, a chat server per region", "[scenario]") {
  auto doc = minimal();
  doc["simulation"] = {{"duration_s", 100}, {"warmup_s", 100}};
  CHECK_THAT(json_error(doc), Contains("simulation.warmup_s: must be < simulation.duration_s (100), got 100"));
  doc = minimal();
  doc["traffic"] = {{"size", {{"mean_bytes", 1000}, {"max_bytes", 500}}}};
  CHECK_THAT(json_error(doc), Contains("traffic.size.max_bytes: must be >= traffic.size.mean_bytes (1000)"));
  doc = minimal();
  doc["deployment"]["chat_servers"] = 1;
  CHECK_THAT(json_error(doc), Contains("deployment.chat_servers: must be >= the number of regions (2)"));
}

TEST_CASE("scenario: group sizes must fit min_members <= mean_members <= size_limit", "[scenario]") {
  auto doc = minimal();
  doc["groups"] = {{"size_limit", 10}, {"size", {{"min_members", 20}, {"mean_members", 30}}}};
  CHECK_THAT(json_error(doc), Contains("inline.json: groups.size.min_members: must be <= groups.size_limit (10), got 20"));
  doc["groups"] = {{"size_limit", 50}, {"size", {{"min_members", 5}, {"mean_members", 4}}}};
  CHECK_THAT(json_error(doc), Contains("groups.size.mean_members: must be >= groups.size.min_members (5), got 4"));
  doc["groups"] = {{"size_limit", 50}, {"size", {{"min_members", 5}, {"mean_members", 60.5}}}};
  CHECK_THAT(json_error(doc), Contains("groups.size.mean_members: must be <= groups.size_limit (50), got 60.5"));
  doc["groups"] = {{"size_limit", 8}, {"size", {{"kind", "constant"}, {"min_members", 8}, {"mean_members", 8}}}};
  CHECK(json_error(doc).empty());  // the bounds are inclusive
}

TEST_CASE("scenario: the group log cannot have more replicas than brokers", "[scenario]") {
  auto doc = minimal();
  doc["deployment"]["brokers"] = 2;
  CHECK_THAT(json_error(doc), Contains("groups.log.replication_factor: must be <= deployment.brokers (2), got 3"));
  doc["groups"] = {{"log", {{"replication_factor", 2}}}};
  CHECK(json_error(doc).empty());
}

TEST_CASE("scenario: group messages need users to be in groups", "[scenario]") {
  auto doc = minimal();
  doc["groups"] = {{"message_share", 0.25}, {"groups_per_user", 0}};
  CHECK_THAT(json_error(doc),
             Contains("groups.groups_per_user: must be > 0 when groups.message_share is > 0 (0.25), got 0"));
  doc["groups"]["message_share"] = 0;
  CHECK(json_error(doc).empty());  // no groups and no group traffic is one-to-one chat
}

TEST_CASE("scenario: group values out of their schema range name the bound", "[scenario]") {
  auto doc = minimal();
  doc["groups"] = {{"message_share", 1.5}};
  CHECK_THAT(json_error(doc), Contains("groups.message_share: must be <= 1, got 1.5"));
  doc["groups"] = {{"size", {{"min_members", 1}}}};
  CHECK_THAT(json_error(doc), Contains("groups.size.min_members: must be >= 2, got 1"));
  doc["groups"] = {{"log", {{"acks", "some"}}}};
  CHECK_THAT(json_error(doc), Contains("groups.log.acks: must be one of \"leader\", \"all\", got \"some\""));
  doc = minimal();
  doc["deployment"]["brokers"] = 0;
  CHECK_THAT(json_error(doc), Contains("deployment.brokers: must be >= 1, got 0"));
}

TEST_CASE("scenario: media type shares must sum to 1 when media is on", "[scenario]") {
  auto doc = minimal();
  doc["media"] = {{"message_share", 0.25}, {"types", {{"image", {{"share", 0.5}}}}}};
  CHECK_THAT(json_error(doc), Contains("inline.json: media.types.*.share: must sum to 1 (within 1e-6), got 0.9"));
  doc["media"]["types"]["video"] = {{"share", 0.3}};
  CHECK(json_error(doc).empty());  // 0.5 + 0.3 + 0.15 + 0.05
  doc["media"] = {{"message_share", 0}, {"types", {{"image", {{"share", 0.5}}}}}};
  CHECK(json_error(doc).empty());  // media off: the mix is never drawn from
}

TEST_CASE("scenario: the viral item and forwards cannot take more than all media messages", "[scenario]") {
  auto doc = minimal();
  doc["media"] = {{"popularity", {{"forwarded_share", 0.75}}}, {"viral", {{"share", 0.5}}}};
  CHECK_THAT(json_error(doc),
             Contains("media.viral.share: must be <= 1 - media.popularity.forwarded_share (0.75), got 0.5"));
  doc["media"]["viral"]["share"] = 0.25;
  CHECK(json_error(doc).empty());  // exactly 1: no fresh content, still valid
}

TEST_CASE("scenario: a viral item must fit its type's size limit", "[scenario]") {
  auto doc = minimal();
  doc["media"] = {{"viral", {{"share", 0.1}, {"type", "image"}, {"bytes", 2e7}}}};
  CHECK_THAT(json_error(doc), Contains("media.viral.bytes: must be <= media.types.image.limit_bytes (16000000) "
                                       "when media.viral.share is > 0, got 20000000.0"));
  doc["media"]["viral"]["type"] = "document";
  CHECK(json_error(doc).empty());  // the document limit is 100 MB
}

TEST_CASE("scenario: a media type's size cap must not be below its mean", "[scenario]") {
  auto doc = minimal();
  doc["media"] = {{"types", {{"video", {{"size", {{"mean_bytes", 1000}, {"max_bytes", 500}}}}}}}};
  CHECK_THAT(json_error(doc),
             Contains("media.types.video.size.max_bytes: must be >= media.types.video.size.mean_bytes (1000), got 500"));
}

TEST_CASE("scenario: media values out of their schema range name the bound", "[scenario]") {
  auto doc = minimal();
  doc["media"] = {{"cdn", {{"promotion_threshold", 0}}}};
  CHECK_THAT(json_error(doc), Contains("media.cdn.promotion_threshold: must be >= 1, got 0"));
  doc["media"] = {{"cdn", {{"eviction", "random"}}}};
  CHECK_THAT(json_error(doc), Contains("media.cdn.eviction: must be one of \"lru\", \"fifo\", got \"random\""));
  doc["media"] = {{"viral", {{"type", "gif"}}}};
  CHECK_THAT(json_error(doc), Contains("media.viral.type: must be one of \"image\", \"video\", \"audio\", "
                                       "\"document\", got \"gif\""));
  doc["media"] = {{"types", {{"sticker", {{"share", 0.1}}}}}};
  CHECK_THAT(json_error(doc), Contains("media.types: unknown key \"sticker\" (allowed: audio, document, image, video)"));
  doc["media"] = {{"types", {{"audio", {{"compression_ratio", 1.5}}}}}};
  CHECK_THAT(json_error(doc), Contains("media.types.audio.compression_ratio: must be <= 1, got 1.5"));
}

TEST_CASE("scenario: the phone clock and cycle figures moved into the device profiles", "[scenario]") {
  auto doc = minimal();
  doc["groups"] = {{"sender_keys", {{"phone_clock_ghz", 1.0}}}};
  CHECK_THAT(json_error(doc), Contains("groups.sender_keys: unknown key \"phone_clock_ghz\""));
  for (const char* moved : {"clock_ghz", "encrypt_cycles_per_byte", "hash_cycles_per_byte"}) {
    doc = minimal();
    doc["phone"] = {{moved, 1.0}};
    CHECK_THAT(json_error(doc), Contains(std::string("phone: unknown key \"") + moved +
                                         "\" (allowed: downlink_mbps, profiles, uplink_mbps)"));
  }
}

namespace {
// A device profile with every field, as a scenario must list it.
nlohmann::json device_profile(const std::string& name, double share) {
  return {{"name", name}, {"share", share}, {"clock_ghz", 2.0}, {"x25519_cycles", 200000},
          {"ed25519_sign_cycles", 100000}, {"ed25519_verify_cycles", 300000}, {"aes_cbc_cycles_per_byte", 2.0},
          {"hmac_cycles_per_byte", 2.0}, {"sha256_cycles_per_byte", 2.0}};
}
}  // namespace

TEST_CASE("scenario: device profile shares must sum to 1", "[scenario]") {
  auto doc = minimal();
  doc["phone"] = {{"profiles", {device_profile("low", 0.5), device_profile("high", 0.25)}}};
  CHECK_THAT(json_error(doc), Contains("inline.json: phone.profiles[*].share: must sum to 1 (within 1e-6), got 0.75"));
  doc["phone"]["profiles"][1]["share"] = 0.5;
  CHECK(json_error(doc).empty());
}

TEST_CASE("scenario: device profile names must be unique", "[scenario]") {
  auto doc = minimal();
  doc["phone"] = {{"profiles", {device_profile("same", 0.5), device_profile("same", 0.5)}}};
  CHECK_THAT(json_error(doc), Contains("phone.profiles[1].name: duplicate device profile name \"same\""));
}

TEST_CASE("scenario: a listed device profile must give every field, and 1 to 256 profiles are listed",
          "[scenario]") {
  auto doc = minimal();
  auto partial = device_profile("only", 1.0);
  partial.erase("x25519_cycles");
  doc["phone"] = {{"profiles", {partial}}};
  CHECK_THAT(json_error(doc), Contains("phone.profiles[0]: missing required key \"x25519_cycles\" (number >= 0)"));
  doc["phone"] = {{"profiles", nlohmann::json::array()}};
  CHECK_THAT(json_error(doc), Contains("phone.profiles: must have at least 1 items, got 0"));
  doc["phone"] = {{"profiles", nlohmann::json::array()}};
  for (int i = 0; i < 257; ++i) doc["phone"]["profiles"].push_back(device_profile("p" + std::to_string(i), 1.0 / 257));
  CHECK_THAT(json_error(doc), Contains("phone.profiles: must have at most 256 items, got 257"));
  doc["phone"] = {{"profiles", {device_profile("only", 1.0)}}};
  doc["phone"]["profiles"][0]["clock_ghz"] = 0;
  CHECK_THAT(json_error(doc), Contains("phone.profiles[0].clock_ghz: must be > 0, got 0"));
}

TEST_CASE("scenario: the prekey threshold must be below the batch", "[scenario]") {
  auto doc = minimal();
  doc["crypto"] = {{"prekeys", {{"batch", 20}, {"low_threshold", 20}}}};
  CHECK_THAT(json_error(doc), Contains("crypto.prekeys.low_threshold: must be < crypto.prekeys.batch (20), got 20"));
  doc["crypto"]["prekeys"]["low_threshold"] = 19;
  CHECK(json_error(doc).empty());
}

TEST_CASE("scenario: the user service's profile name must exist in hardware.profiles", "[scenario]") {
  auto doc = minimal();
  doc["deployment"]["user_service_profile"] = "mainframe";
  CHECK_THAT(json_error(doc), Contains("deployment.user_service_profile: unknown profile \"mainframe\" "
                                       "(hardware.profiles defines: \"commodity-2u\")"));
}

TEST_CASE("scenario: crypto values out of their schema range name the bound", "[scenario]") {
  auto doc = minimal();
  doc["crypto"] = {{"compromised_device", -2}};
  CHECK_THAT(json_error(doc), Contains("crypto.compromised_device: must be >= -1, got -2"));
  doc["crypto"] = {{"end_to_end", "no"}};
  CHECK_THAT(json_error(doc), Contains("crypto.end_to_end: expected boolean, got string \"no\""));
  doc["crypto"] = {{"user_service", {{"cache", {{"hit_ratio", 1.5}}}}}};
  CHECK_THAT(json_error(doc), Contains("crypto.user_service.cache.hit_ratio: must be <= 1, got 1.5"));
  doc["crypto"] = {{"prekeys", {{"batch", 0}}}};
  CHECK_THAT(json_error(doc), Contains("crypto.prekeys.batch: must be >= 1, got 0"));
  doc = minimal();
  doc["deployment"]["user_service_shards"] = 0;
  CHECK_THAT(json_error(doc), Contains("deployment.user_service_shards: must be >= 1, got 0"));
}

TEST_CASE("scenario: a scenario that is not a JSON object is rejected", "[scenario]") {
  CHECK_THAT(json_error(nlohmann::json::array()), Contains("expected a JSON object at the top level"));
}
