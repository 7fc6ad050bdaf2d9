// Every field of struct Scenario comes from the JSON document.
#include <functional>
#include <string>

#include <catch2/catch.hpp>

#include "src/scenario/scenario_loader.hpp"
#include "src/scenario/schema_validator.hpp"

using namespace whatsim;
using nlohmann::json;

namespace {
// A scenario where every leaf differs from its schema default, so a field the loader
// forgets to copy (and leaves at its default or zero) shows.
json every_field_set() {
  return json::parse(R"({
    "name": "everything", "description": "all fields set",
    "population": {
      "users": 12345678901, "devices_per_user_weights": [0.5, 0.25, 0.125, 0.125],
      "session": {"mean_online_s": 111, "mean_offline_s": 222, "always_offline_share": 0.125},
      "diurnal_profile": [2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3],
      "start_hour": 6.5,
      "contacts": {"contacts_per_user": 7, "zipf_exponent": 0.75}},
    "traffic": {
      "messages_per_user_per_day": 12.5,
      "size": {"kind": "constant", "mean_bytes": 333, "sigma": 1.25, "max_bytes": 4444},
      "read_share": 0.375, "mean_read_delay_s": 9},
    "hardware": {"profiles": {
      "p1": {"cores": 3, "clock_ghz": 1.5, "ram_gb": 5, "nic_gbps": 7, "disk_read_mbps": 11, "disk_write_mbps": 13},
      "p2": {"cores": 4, "clock_ghz": 3.5, "ram_gb": 6, "nic_gbps": 8, "disk_read_mbps": 12, "disk_write_mbps": 14}}},
    "deployment": {
      "regions": [{"name": "r1", "user_share": 0.75}, {"name": "r2", "user_share": 0.25}],
      "chat_servers": 17, "manager_shards": 19, "message_shards": 23,
      "connections_per_chat_server": 29,
      "chat_server_profile": "p1", "manager_profile": "p2", "message_profile": "p1",
      "group_service_shards": 31, "brokers": 43, "group_handlers": 47,
      "group_service_profile": "p2", "broker_profile": "p1", "group_handler_profile": "p2",
      "asset_servers": 59, "storage_hosts": 61, "cdn_pops_per_region": 67,
      "asset_profile": "p1", "storage_profile": "p2", "cdn_pop_profile": "p1",
      "user_service_shards": 71, "user_service_profile": "p2",
      "access": {"latency_ms": 31},
      "datacenter": {"latency_ms": 0.25, "bandwidth_gbps": 40},
      "links": [{"from": "r1", "to": "r2", "latency_ms": 37, "bandwidth_gbps": 41}]},
    "costs": {
      "chat_receive_cycles": 101, "chat_push_cycles": 102, "route_cache_cycles": 103,
      "manager_lookup_cycles": 104, "manager_update_cycles": 105, "store_write_cycles": 106,
      "store_delete_cycles": 107, "store_drain_cycles": 108, "connect_cycles": 109,
      "heartbeat_cycles": 110, "bytes_per_connection": 111, "frame_overhead_bytes": 112,
      "receipt_bytes": 113, "heartbeat_interval_s": 114, "retention_days": 115,
      "expiry_sweep_interval_s": 116},
    "groups": {
      "message_share": 0.625, "groups_per_user": 3.5,
      "size": {"kind": "constant", "mean_members": 20.5, "sigma": 1.5, "min_members": 4},
      "size_limit": 300, "metadata_bytes": 201, "activity_skew": 0.5, "churn_per_group_per_day": 2.5,
      "membership_write_cycles": 202, "membership_write_latency_ms": 7.5, "notice_bytes": 203,
      "cache": {"hit_ratio": 0.875, "hit_cycles": 204, "miss_cycles": 205, "miss_latency_ms": 3.5},
      "sender_keys": {"key_bytes": 206, "distribute_cycles_per_device": 207},
      "log": {"partitions": 53, "replication_factor": 5, "acks": "leader", "append_cycles": 208,
              "replicate_cycles": 209, "fetch_cycles": 210, "record_overhead_bytes": 211}},
    "phone": {"uplink_mbps": 3.5, "downlink_mbps": 12.5,
              "profiles": [
                {"name": "slow", "share": 0.625, "clock_ghz": 0.75, "x25519_cycles": 421, "ed25519_sign_cycles": 422,
                 "ed25519_verify_cycles": 423, "aes_cbc_cycles_per_byte": 4.25, "hmac_cycles_per_byte": 4.5,
                 "sha256_cycles_per_byte": 4.75},
                {"name": "fast", "share": 0.375, "clock_ghz": 3.25, "x25519_cycles": 431, "ed25519_sign_cycles": 432,
                 "ed25519_verify_cycles": 433, "aes_cbc_cycles_per_byte": 1.25, "hmac_cycles_per_byte": 1.5,
                 "sha256_cycles_per_byte": 1.75}]},
    "media": {
      "message_share": 0.4, "reference_bytes": 301,
      "types": {
        "image": {"share": 0.4375, "size": {"kind": "constant", "mean_bytes": 311, "sigma": 0.15, "max_bytes": 312},
                  "compression_ratio": 0.5, "compress_cycles_per_byte": 313, "limit_bytes": 314},
        "video": {"share": 0.3125, "size": {"kind": "constant", "mean_bytes": 321, "sigma": 0.35, "max_bytes": 322},
                  "compression_ratio": 0.625, "compress_cycles_per_byte": 323, "limit_bytes": 324},
        "audio": {"share": 0.1875, "size": {"kind": "constant", "mean_bytes": 331, "sigma": 0.45, "max_bytes": 332},
                  "compression_ratio": 0.75, "compress_cycles_per_byte": 333, "limit_bytes": 334},
        "document": {"share": 0.0625, "size": {"kind": "constant", "mean_bytes": 341, "sigma": 0.55, "max_bytes": 342},
                     "compression_ratio": 0.875, "compress_cycles_per_byte": 343, "limit_bytes": 344}},
      "popularity": {"forwarded_share": 0.25, "catalog_items": 351, "zipf_exponent": 0.65},
      "viral": {"share": 0.5, "start_s": 352, "type": "audio", "bytes": 329},
      "asset": {"request_cycles": 361, "hash_cycles_per_byte": 3.25, "dedup": "ask_first"},
      "storage": {"capacity_bytes": 362, "request_cycles": 363},
      "cdn": {"cache_bytes": 364, "eviction": "fifo", "promotion_threshold": 365, "request_cycles": 366,
              "cycles_per_byte": 1.125}},
    "crypto": {
      "end_to_end": false, "sessions_at_start_share": 0.45, "kdf_bytes": 401, "chain_step_bytes": 402,
      "prekeys": {"batch": 403, "low_threshold": 44, "prekey_bytes": 405, "bundle_bytes": 406},
      "user_service": {"request_cycles": 407,
                       "cache": {"hit_ratio": 0.8125, "hit_cycles": 408, "miss_cycles": 409, "miss_latency_ms": 4.5}},
      "transport": {"enabled": false, "handshake_key_agreements": 3.5, "x25519_cycles": 410,
                    "aes_gcm_cycles_per_byte": 0.875},
      "compromised_device": 411},
    "faults": {
      "scheduled": [{"kind": "slow", "start_s": 12.5, "duration_s": 7.5, "tier": "message_service", "index": 22,
                     "slow_factor": 2.5, "from": "r2", "to": "r1", "loss_share": 0.125, "extra_latency_ms": 75,
                     "shape": "halves", "region": "r2"}],
      "random": {"enabled": true, "seed": 501, "count": 9, "from_s": 11, "until_s": 22, "min_duration_s": 3,
                 "max_duration_s": 4, "kinds": ["partition", "crash"], "slow_factor": 1.5, "loss_share": 0.75,
                 "extra_latency_ms": 33},
      "heartbeat_timeout_s": 45, "retry_after_s": 2.5, "promote_after_s": 1.5},
    "replication": {"mode": "async", "async_ship_interval_s": 0.5, "replicate_cycles": 502, "snapshot_bytes_per_s": 5e8},
    "availability": {"ack_within_s": 1.5, "window_s": 20, "recovery_tolerance": 0.125},
    "targets": {"max_utilization": 0.625, "p99_ms": 750},
    "simulation": {"duration_s": 1234, "warmup_s": 56, "seed": 18446744073709551615,
                   "scale": {"cells": 16, "simulated_cells": 2}, "network_model": "LV08",
                   "users_per_file_lane": 117, "checker_horizon_s": 45},
    "expect": ["latency_ms.delivered.p99 <= 300"]})");
}

// Calls `visit(path, value, schema)` for every scalar leaf of `doc`.
void for_each_leaf(const json& doc, const json& schema, const std::string& path,
                   const std::function<void(const std::string&, const json&, const json&)>& visit) {
  const json& root = scenario_schema();
  const json& s = resolve_ref(schema, root);
  if (doc.is_object()) {
    for (const auto& [key, value] : doc.items())
      for_each_leaf(value, *schema_for_key(s, key, root), json_path_key(path, key), visit);
  } else if (!doc.is_array()) {
    visit(path, doc, s);
  }
}

// Calls `visit(path)` for every key the schema defines (properties of objects, reached
// through array items and map values) that `doc` does not have.
void for_each_missing_key(const json& doc, const json& schema, const std::string& path,
                          const std::function<void(const std::string&)>& visit) {
  const json& root = scenario_schema();
  const json& s = resolve_ref(schema, root);
  if (doc.is_array() && s.contains("items")) {
    for (std::size_t i = 0; i < doc.size(); ++i)
      for_each_missing_key(doc[i], s["items"], json_path_index(path, i), visit);
  }
  if (!doc.is_object()) return;
  if (s.contains("properties"))
    for (const auto& [key, child] : s["properties"].items()) {
      if (!doc.contains(key)) visit(json_path_key(path, key));
      else for_each_missing_key(doc[key], child, json_path_key(path, key), visit);
    }
  if (s.contains("additionalProperties") && s["additionalProperties"].is_object())
    for (const auto& [key, value] : doc.items())
      for_each_missing_key(value, s["additionalProperties"], json_path_key(path, key), visit);
}
}  // namespace

TEST_CASE("scenario: the every-field document sets each leaf away from its default", "[scenario]") {
  for_each_leaf(every_field_set(), scenario_schema(), "", [](const std::string& path, const json& v, const json& s) {
    INFO(path);
    if (s.contains("default")) CHECK(v != s["default"]);
  });
}

TEST_CASE("scenario: the every-field document has every key the schema defines", "[scenario]") {
  std::string missing;
  for_each_missing_key(every_field_set(), scenario_schema(), "", [&](const std::string& path) {
    if (path != "$schema" && path != "extends") missing += " " + path;  // not fields of Scenario
  });
  INFO("keys the schema has and every_field_set() leaves out:" << missing);
  CHECK(missing.empty());
}

TEST_CASE("scenario: every field of Scenario is filled from the JSON", "[scenario]") {
  const Scenario s = scenario_from_json(every_field_set(), "every_field.json");
  CHECK(s.name == "everything");
  CHECK(s.description == "all fields set");

  const PopulationSpec& p = s.population;
  CHECK(p.users == 12345678901ULL);
  CHECK(p.devices_per_user_weights == std::vector<double>{0.5, 0.25, 0.125, 0.125});
  CHECK(p.session.mean_online_s == 111);
  CHECK(p.session.mean_offline_s == 222);
  CHECK(p.session.always_offline_share == 0.125);
  REQUIRE(p.diurnal_profile.size() == 24);
  CHECK(p.diurnal_profile[0] == 2);
  CHECK(p.diurnal_profile[23] == 3);
  CHECK(p.start_hour == 6.5);
  CHECK(p.contacts.contacts_per_user == 7);
  CHECK(p.contacts.zipf_exponent == 0.75);

  const TrafficSpec& t = s.traffic;
  CHECK(t.messages_per_user_per_day == 12.5);
  CHECK(t.size.kind == "constant");
  CHECK(t.size.mean_bytes == 333);
  CHECK(t.size.sigma == 1.25);
  CHECK(t.size.max_bytes == 4444);
  CHECK(t.read_share == 0.375);
  CHECK(t.mean_read_delay_s == 9);

  REQUIRE(s.hardware.size() == 2);
  const HardwareProfile& p1 = s.profile("p1");
  CHECK(p1.name == "p1");
  CHECK(p1.cores == 3);
  CHECK(p1.clock_ghz == 1.5);
  CHECK(p1.ram_gb == 5);
  CHECK(p1.nic_gbps == 7);
  CHECK(p1.disk_read_mbps == 11);
  CHECK(p1.disk_write_mbps == 13);
  CHECK(s.profile("p2").cores == 4);

  const DeploymentSpec& d = s.deployment;
  REQUIRE(d.regions.size() == 2);
  CHECK(d.regions[0].name == "r1");
  CHECK(d.regions[0].user_share == 0.75);
  CHECK(d.regions[1].name == "r2");
  CHECK(d.chat_servers == 17);
  CHECK(d.manager_shards == 19);
  CHECK(d.message_shards == 23);
  CHECK(d.connections_per_chat_server == 29);
  CHECK(d.chat_server_profile == "p1");
  CHECK(d.manager_profile == "p2");
  CHECK(d.message_profile == "p1");
  CHECK(d.group_service_shards == 31);
  CHECK(d.brokers == 43);
  CHECK(d.group_handlers == 47);
  CHECK(d.group_service_profile == "p2");
  CHECK(d.broker_profile == "p1");
  CHECK(d.group_handler_profile == "p2");
  CHECK(d.asset_servers == 59);
  CHECK(d.storage_hosts == 61);
  CHECK(d.cdn_pops_per_region == 67);
  CHECK(d.asset_profile == "p1");
  CHECK(d.storage_profile == "p2");
  CHECK(d.cdn_pop_profile == "p1");
  CHECK(d.user_service_shards == 71);
  CHECK(d.user_service_profile == "p2");
  CHECK(d.access.latency_ms == 31);
  CHECK(d.datacenter.latency_ms == 0.25);
  CHECK(d.datacenter.bandwidth_gbps == 40);
  REQUIRE(d.links.size() == 1);
  CHECK(d.links[0].from == "r1");
  CHECK(d.links[0].to == "r2");
  CHECK(d.links[0].latency_ms == 37);
  CHECK(d.links[0].bandwidth_gbps == 41);

  const CostSpec& c = s.costs;
  CHECK(c.chat_receive_cycles == 101);
  CHECK(c.chat_push_cycles == 102);
  CHECK(c.route_cache_cycles == 103);
  CHECK(c.manager_lookup_cycles == 104);
  CHECK(c.manager_update_cycles == 105);
  CHECK(c.store_write_cycles == 106);
  CHECK(c.store_delete_cycles == 107);
  CHECK(c.store_drain_cycles == 108);
  CHECK(c.connect_cycles == 109);
  CHECK(c.heartbeat_cycles == 110);
  CHECK(c.bytes_per_connection == 111);
  CHECK(c.frame_overhead_bytes == 112);
  CHECK(c.receipt_bytes == 113);
  CHECK(c.heartbeat_interval_s == 114);
  CHECK(c.retention_days == 115);
  CHECK(c.expiry_sweep_interval_s == 116);

  const GroupsSpec& g = s.groups;
  CHECK(g.message_share == 0.625);
  CHECK(g.groups_per_user == 3.5);
  CHECK(g.size.kind == "constant");
  CHECK(g.size.mean_members == 20.5);
  CHECK(g.size.sigma == 1.5);
  CHECK(g.size.min_members == 4);
  CHECK(g.size_limit == 300);
  CHECK(g.metadata_bytes == 201);
  CHECK(g.activity_skew == 0.5);
  CHECK(g.churn_per_group_per_day == 2.5);
  CHECK(g.membership_write_cycles == 202);
  CHECK(g.membership_write_latency_ms == 7.5);
  CHECK(g.notice_bytes == 203);
  CHECK(g.cache.hit_ratio == 0.875);
  CHECK(g.cache.hit_cycles == 204);
  CHECK(g.cache.miss_cycles == 205);
  CHECK(g.cache.miss_latency_ms == 3.5);
  CHECK(g.sender_keys.key_bytes == 206);
  CHECK(g.sender_keys.distribute_cycles_per_device == 207);
  CHECK(g.log.partitions == 53);
  CHECK(g.log.replication_factor == 5);
  CHECK(g.log.acks == "leader");
  CHECK(g.log.append_cycles == 208);
  CHECK(g.log.replicate_cycles == 209);
  CHECK(g.log.fetch_cycles == 210);
  CHECK(g.log.record_overhead_bytes == 211);

  const PhoneSpec& phone = s.phone;
  CHECK(phone.uplink_mbps == 3.5);
  CHECK(phone.downlink_mbps == 12.5);
  CHECK(phone.profiles.size() == 2);  // each profile's fields: the test below

  const MediaSpec& m = s.media;
  CHECK(m.message_share == 0.4);
  CHECK(m.reference_bytes == 301);
  CHECK(m.popularity.forwarded_share == 0.25);
  CHECK(m.popularity.catalog_items == 351);
  CHECK(m.popularity.zipf_exponent == 0.65);
  CHECK(m.viral.share == 0.5);
  CHECK(m.viral.start_s == 352);
  CHECK(m.viral.type == "audio");
  CHECK(m.viral.bytes == 329);
  CHECK(m.asset.request_cycles == 361);
  CHECK(m.asset.hash_cycles_per_byte == 3.25);
  CHECK(m.asset.dedup == "ask_first");
  CHECK(m.storage.capacity_bytes == 362);
  CHECK(m.storage.request_cycles == 363);
  CHECK(m.cdn.cache_bytes == 364);
  CHECK(m.cdn.eviction == "fifo");
  CHECK(m.cdn.promotion_threshold == 365);
  CHECK(m.cdn.request_cycles == 366);
  CHECK(m.cdn.cycles_per_byte == 1.125);

  const CryptoSpec& k = s.crypto;
  CHECK_FALSE(k.end_to_end);
  CHECK(k.sessions_at_start_share == 0.45);
  CHECK(k.kdf_bytes == 401);
  CHECK(k.chain_step_bytes == 402);
  CHECK(k.prekeys.batch == 403);
  CHECK(k.prekeys.low_threshold == 44);
  CHECK(k.prekeys.prekey_bytes == 405);
  CHECK(k.prekeys.bundle_bytes == 406);
  CHECK(k.user_service.request_cycles == 407);
  CHECK(k.user_service.cache.hit_ratio == 0.8125);
  CHECK(k.user_service.cache.hit_cycles == 408);
  CHECK(k.user_service.cache.miss_cycles == 409);
  CHECK(k.user_service.cache.miss_latency_ms == 4.5);
  CHECK_FALSE(k.transport.enabled);
  CHECK(k.transport.handshake_key_agreements == 3.5);
  CHECK(k.transport.x25519_cycles == 410);
  CHECK(k.transport.aes_gcm_cycles_per_byte == 0.875);
  CHECK(k.compromised_device == 411);

  CHECK(s.targets.max_utilization == 0.625);
  CHECK(s.targets.p99_ms == 750);

  const SimulationSpec& sim = s.simulation;
  CHECK(sim.duration_s == 1234);
  CHECK(sim.warmup_s == 56);
  CHECK(sim.seed == 18446744073709551615ULL);
  CHECK(sim.cells == 16);
  CHECK(sim.simulated_cells == 2);
  CHECK(sim.scale == 0.125);
  CHECK(sim.slice());
  CHECK(sim.network_model == "LV08");
  CHECK(sim.users_per_file_lane == 117);
  CHECK(sim.checker_horizon_s == 45);

  CHECK(s.expect == std::vector<std::string>{"latency_ms.delivered.p99 <= 300"});
  CHECK(s.resolved == every_field_set());  // nothing left to default
}

TEST_CASE("scenario: media types are filled in the order image, video, audio, document, each with its name",
          "[scenario]") {
  const std::vector<MediaTypeSpec> types = scenario_from_json(every_field_set(), "every_field.json").media.types;
  REQUIRE(types.size() == 4);
  struct Expected { const char* name; double share, mean, sigma, max, ratio, compress, limit; };
  const Expected expected[] = {{"image", 0.4375, 311, 0.15, 312, 0.5, 313, 314},
                               {"video", 0.3125, 321, 0.35, 322, 0.625, 323, 324},
                               {"audio", 0.1875, 331, 0.45, 332, 0.75, 333, 334},
                               {"document", 0.0625, 341, 0.55, 342, 0.875, 343, 344}};
  for (std::size_t i = 0; i < types.size(); ++i) {
    const MediaTypeSpec& t = types[i];
    const Expected& e = expected[i];
    INFO(e.name);
    CHECK(t.name == e.name);
    CHECK(t.share == e.share);
    CHECK(t.size.kind == "constant");
    CHECK(t.size.mean_bytes == e.mean);
    CHECK(t.size.sigma == e.sigma);
    CHECK(t.size.max_bytes == e.max);
    CHECK(t.compression_ratio == e.ratio);
    CHECK(t.compress_cycles_per_byte == e.compress);
    CHECK(t.limit_bytes == e.limit);
  }
}

TEST_CASE("scenario: device profiles are filled in the scenario's order, every field of each", "[scenario]") {
  const std::vector<DeviceProfile> profiles = scenario_from_json(every_field_set(), "every_field.json").phone.profiles;
  REQUIRE(profiles.size() == 2);
  struct Expected { const char* name; double share, clock, x25519, sign, verify, aes, hmac, sha256; };
  const Expected expected[] = {{"slow", 0.625, 0.75, 421, 422, 423, 4.25, 4.5, 4.75},
                               {"fast", 0.375, 3.25, 431, 432, 433, 1.25, 1.5, 1.75}};
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const DeviceProfile& p = profiles[i];
    const Expected& e = expected[i];
    INFO(e.name);
    CHECK(p.name == e.name);
    CHECK(p.share == e.share);
    CHECK(p.clock_ghz == e.clock);
    CHECK(p.x25519_cycles == e.x25519);
    CHECK(p.ed25519_sign_cycles == e.sign);
    CHECK(p.ed25519_verify_cycles == e.verify);
    CHECK(p.aes_cbc_cycles_per_byte == e.aes);
    CHECK(p.hmac_cycles_per_byte == e.hmac);
    CHECK(p.sha256_cycles_per_byte == e.sha256);
  }
}

TEST_CASE("scenario: the schema's costs section has exactly the CostSpec fields", "[scenario]") {
  // every_field_set() names each CostSpec field; the schema must not have others.
  const json& costs = resolve_ref(scenario_schema()["properties"]["costs"], scenario_schema());
  CHECK(costs["properties"].size() == every_field_set()["costs"].size());
}
