// The JSON Schema subset validator, default filling, and the schema file's own consistency.
#include <functional>

#include <catch2/catch.hpp>

#include "src/scenario/scenario_loader.hpp"
#include "src/scenario/schema_validator.hpp"

using namespace whatsim;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {
std::string error_of(const json& doc, const json& schema) {
  try {
    validate(doc, schema);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

// Calls `visit(path, subschema)` on every subschema of the scenario schema, through
// properties, items, additionalProperties and definitions.
void walk(const json& s, const std::string& path,
          const std::function<void(const std::string&, const json&)>& visit) {
  if (!s.is_object()) return;
  visit(path, s);
  for (const char* key : {"properties", "definitions"})
    if (s.contains(key))
      for (const auto& [name, child] : s[key].items()) walk(child, path + "/" + key + "/" + name, visit);
  for (const char* key : {"items", "additionalProperties"})
    if (s.contains(key)) walk(s[key], path + "/" + key, visit);
}
}  // namespace

TEST_CASE("scenario: validator: integer is not number, number takes both", "[scenario][schema]") {
  const json schema = {{"type", "object"},
                       {"properties", {{"i", {{"type", "integer"}}}, {"n", {{"type", "number"}}}}}};
  CHECK(error_of({{"i", 3}, {"n", 3}}, schema).empty());
  CHECK(error_of({{"i", 3.0}, {"n", 0.5}}, schema).empty());
  CHECK_THAT(error_of({{"i", 3.5}}, schema), Contains("i: expected integer, got number 3.5"));
  CHECK_THAT(error_of({{"n", "3"}}, schema), Contains("n: expected number, got string \"3\""));
  CHECK_THAT(error_of({{"n", true}}, schema), Contains("n: expected number, got boolean true"));
}

TEST_CASE("scenario: validator: bounds, exclusive bounds and item counts", "[scenario][schema]") {
  const json schema = json::parse(R"({"type": "array", "minItems": 1, "maxItems": 2,
      "items": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}})");
  CHECK(error_of({0.5, 0.25}, schema).empty());
  CHECK_THAT(error_of(json::array(), schema), Contains("must have at least 1 items, got 0"));
  CHECK_THAT(error_of({0.1, 0.2, 0.3}, schema), Contains("must have at most 2 items, got 3"));
  CHECK_THAT(error_of({0.5, 1}, schema), Contains("[1]: must be < 1, got 1"));
  CHECK_THAT(error_of({0}, schema), Contains("[0]: must be > 0, got 0"));
}

TEST_CASE("scenario: validator: large unsigned integers compare exactly", "[scenario][schema]") {
  const json schema = {{"type", "integer"}, {"minimum", 0}, {"maximum", 18446744073709551615ULL}};
  CHECK(error_of(json(18446744073709551615ULL), schema).empty());
  CHECK_THAT(error_of(json(1.8446744073709552e19), schema), Contains("must be <= 18446744073709551615"));
  CHECK_THAT(error_of(json(-1), schema), Contains("must be >= 0, got -1"));
}

TEST_CASE("scenario: validator: $ref, map values and paths of odd keys", "[scenario][schema]") {
  const json schema = json::parse(R"({
      "definitions": {"p": {"type": "object", "additionalProperties": false,
                            "properties": {"cores": {"type": "integer", "minimum": 1}}}},
      "type": "object", "additionalProperties": {"$ref": "#/definitions/p"}})");
  CHECK(error_of({{"a", {{"cores", 2}}}}, schema).empty());
  CHECK_THAT(error_of({{"box-1", {{"cores", 0}}}}, schema), Contains("box-1.cores: must be >= 1, got 0"));
  CHECK_THAT(error_of({{"big box", {{"cores", 0}}}}, schema), Contains("[\"big box\"].cores: must be >= 1"));
  CHECK_THAT(error_of({{"a", {{"ram", 1}}}}, schema), Contains("a: unknown key \"ram\" (allowed: cores)"));
}

TEST_CASE("scenario: apply_defaults fills absent keys, creates defaulted objects, reaches items and map values",
          "[scenario][schema]") {
  const json schema = json::parse(R"({
      "definitions": {"item": {"type": "object", "properties": {"w": {"type": "number", "default": 1}}}},
      "type": "object",
      "properties": {
        "sim": {"type": "object", "properties": {"seed": {"type": "integer", "default": 7},
                                                 "model": {"type": "string", "default": "CM02"}}},
        "list": {"type": "array", "items": {"$ref": "#/definitions/item"}},
        "map": {"type": "object", "additionalProperties": {"$ref": "#/definitions/item"}},
        "bare": {"type": "object", "properties": {"x": {"type": "number"}}}}})");
  json doc = {{"sim", {{"model", "LV08"}}}, {"list", {json::object(), {{"w", 3}}}}, {"map", {{"k", json::object()}}}};
  apply_defaults(doc, schema);
  CHECK(doc["sim"] == json({{"seed", 7}, {"model", "LV08"}}));
  CHECK(doc["list"] == json({{{"w", 1}}, {{"w", 3}}}));
  CHECK(doc["map"]["k"]["w"] == 1);
  CHECK_FALSE(doc.contains("bare"));  // nothing to default inside: not created
  json empty = json::object();
  apply_defaults(empty, schema);
  CHECK(empty["sim"]["seed"] == 7);
}

TEST_CASE("scenario: apply_defaults leaves wrongly typed values for validate to report", "[scenario][schema]") {
  json doc = {{"name", "x"}, {"simulation", 5}};
  apply_defaults(doc, scenario_schema());
  CHECK(doc["simulation"] == 5);
  CHECK(doc["costs"]["retention_days"] == 30);
}

TEST_CASE("scenario: schema: every default passes the schema's own validation", "[scenario][schema]") {
  const json& root = scenario_schema();
  int defaults = 0;
  walk(root, "#", [&](const std::string& path, const json& s) {
    if (!s.contains("default")) return;
    ++defaults;
    INFO(path);
    CHECK_NOTHROW(validate_at(s["default"], s, root, path));
  });
  CHECK(defaults > 40);
}

TEST_CASE("scenario: schema: every leaf has a description and a type, every object is closed", "[scenario][schema]") {
  walk(scenario_schema(), "#", [&](const std::string& path, const json& s) {
    INFO(path);
    if (s.contains("$ref")) return;
    CHECK(s.contains("description"));
    CHECK(s.contains("type"));
    if (s.value("type", "") == "object") CHECK(s.contains("additionalProperties"));
    if (s.contains("additionalProperties") && s["additionalProperties"].is_boolean())
      CHECK(s["additionalProperties"] == false);
  });
}

TEST_CASE("scenario: schema: a fully defaulted scenario needs only the required fields", "[scenario][schema]") {
  const json doc = json::parse(R"({"name": "tiny", "population": {"users": 1},
      "deployment": {"regions": [{"name": "r", "user_share": 1}],
                     "chat_servers": 1, "manager_shards": 1, "message_shards": 1}})");
  const Scenario s = scenario_from_json(doc, "tiny.json");
  CHECK(s.costs.retention_days == 30);
  CHECK(s.costs.heartbeat_interval_s == 30);
  CHECK(s.costs.bytes_per_connection == Approx(36e9 / 12e6));  // costs.md: 12M connections in 36 GB
  CHECK(s.costs.manager_lookup_cycles == Approx(2.5e9 / 81e3).epsilon(0.05));  // Redis GET per core
  CHECK(s.traffic.messages_per_user_per_day == 50);  // seeds: 100B/day over 2B users
  CHECK(s.traffic.size.mean_bytes == 100);
  CHECK(s.simulation.network_model == "CM02");
  CHECK(s.deployment.connections_per_chat_server == 10000000ULL);
  CHECK(s.profile("commodity-2u").cores == 32);
  CHECK(s.expect.empty());
  double day = 0;
  for (double m : s.population.diurnal_profile) day += m;
  CHECK(day == Approx(24.0));  // averages 1: messages_per_user_per_day stays exact
}

TEST_CASE("scenario: schema: a scenario without a groups section has no group traffic", "[scenario][schema]") {
  const json doc = json::parse(R"({"name": "tiny", "population": {"users": 1},
      "deployment": {"regions": [{"name": "r", "user_share": 1}],
                     "chat_servers": 1, "manager_shards": 1, "message_shards": 1}})");
  const Scenario s = scenario_from_json(doc, "tiny.json");
  CHECK(s.groups.message_share == 0);
  CHECK(s.groups.groups_per_user == 0);  // no groups at all, not idle ones with churn
  CHECK(s.groups.size_limit == 200);  // the seeds' group limit
  CHECK(s.groups.size.min_members <= s.groups.size.mean_members);
  CHECK(s.groups.log.replication_factor <= s.deployment.brokers);
  CHECK(s.groups.log.acks == "all");
  CHECK(s.deployment.group_service_profile == "commodity-2u");
  CHECK(s.deployment.broker_profile == "commodity-2u");
  CHECK(s.deployment.group_handler_profile == "commodity-2u");
}

TEST_CASE("scenario: schema: group cost defaults follow from the costs.md figures they cite", "[scenario][schema]") {
  const json doc = json::parse(R"({"name": "tiny", "population": {"users": 1},
      "deployment": {"regions": [{"name": "r", "user_share": 1}],
                     "chat_servers": 1, "manager_shards": 1, "message_shards": 1}})");
  const GroupsSpec g = scenario_from_json(doc, "tiny.json").groups;
  // Redis GET without pipelining: 81k/s per core at 2.5 GHz.
  CHECK(g.cache.hit_cycles == Approx(2.5e9 / 81e3).epsilon(1e-4));
  // LinkedIn's Kafka benchmark: 3 brokers x 6 cores x 2.5 GHz.
  const double cluster_cycles_per_s = 3 * 6 * 2.5e9;
  CHECK(g.log.append_cycles == Approx(cluster_cycles_per_s / 821557).epsilon(1e-3));
  const double replicated_record_cycles = cluster_cycles_per_s / 421823;
  CHECK(g.log.replicate_cycles == Approx((replicated_record_cycles - g.log.append_cycles) / 2).epsilon(0.01));
  CHECK(g.log.fetch_cycles == Approx(cluster_cycles_per_s / 2615968).epsilon(1e-3));
  // Sender key: two 32-byte keys plus framing; its encryption on a Cortex-A8 (NEON) is at
  // least AES-256-CBC (5.6 cpb x 1.4) plus HMAC (2.3 cpb) over the key message.
  CHECK(g.sender_keys.key_bytes >= 32 + 32);
  CHECK(g.sender_keys.distribute_cycles_per_device >= g.sender_keys.key_bytes * (5.6 * 1.4 + 2.3));
}

TEST_CASE("scenario: schema: a scenario without a media section has no media traffic", "[scenario][schema]") {
  const json doc = json::parse(R"({"name": "tiny", "population": {"users": 1},
      "deployment": {"regions": [{"name": "r", "user_share": 1}],
                     "chat_servers": 1, "manager_shards": 1, "message_shards": 1}})");
  const Scenario s = scenario_from_json(doc, "tiny.json");
  CHECK(s.media.message_share == 0);
  CHECK(s.media.viral.share == 0);  // no viral item either
  REQUIRE(s.media.types.size() == 4);
  double shares = 0;
  for (const MediaTypeSpec& t : s.media.types) shares += t.share;
  CHECK(shares == Approx(1.0));  // ready to be switched on with one setting
  CHECK(s.deployment.asset_profile == "commodity-2u");
  CHECK(s.deployment.storage_profile == "commodity-2u");
  CHECK(s.deployment.cdn_pop_profile == "commodity-2u");
  CHECK(s.media.cdn.eviction == "lru");
}

TEST_CASE("scenario: schema: media defaults follow the seeds and costs.md", "[scenario][schema]") {
  const json doc = json::parse(R"({"name": "tiny", "population": {"users": 1},
      "deployment": {"regions": [{"name": "r", "user_share": 1}],
                     "chat_servers": 1, "manager_shards": 1, "message_shards": 1}})");
  const Scenario s = scenario_from_json(doc, "tiny.json");
  // Seeds: 16 MB per media file, 100 MB per document; 4 TB storage shards.
  const MediaSpec& m = s.media;
  REQUIRE(m.types.size() == 4);
  CHECK(m.types[0].name == "image");
  CHECK(m.types[0].limit_bytes == 16e6);
  CHECK(m.types[1].name == "video");
  CHECK(m.types[1].limit_bytes == 16e6);
  CHECK(m.types[2].name == "audio");
  CHECK(m.types[2].limit_bytes == 16e6);
  CHECK(m.types[3].name == "document");
  CHECK(m.types[3].limit_bytes == 100e6);
  CHECK(m.storage.capacity_bytes == 4e12);
  for (const MediaTypeSpec& t : m.types) {
    INFO(t.name);
    CHECK(t.size.max_bytes > t.limit_bytes);  // some draws are refused
    CHECK(t.size.mean_bytes < t.limit_bytes);  // most are not
  }
  CHECK(m.viral.bytes <= m.types[1].limit_bytes);
  // Skylake: SHA-256 7.70 cpb for the content hash, AES-GCM 0.63 cpb for the PoPs' TLS.
  CHECK(m.asset.hash_cycles_per_byte == Approx(7.7));
  CHECK(m.asset.dedup == "upload_then_hash");  // the issue's flow; "ask_first" is the seeds' variant
  CHECK(m.cdn.cycles_per_byte == Approx(0.63));
}

TEST_CASE("scenario: schema: the default device profiles are low-end, mid-range and high-end phones from costs.md",
          "[scenario][schema]") {
  const json doc = json::parse(R"({"name": "tiny", "population": {"users": 1},
      "deployment": {"regions": [{"name": "r", "user_share": 1}],
                     "chat_servers": 1, "manager_shards": 1, "message_shards": 1}})");
  const PhoneSpec phone = scenario_from_json(doc, "tiny.json").phone;
  REQUIRE(phone.profiles.size() == 3);
  const DeviceProfile& low = phone.profiles[0];
  const DeviceProfile& mid = phone.profiles[1];
  const DeviceProfile& high = phone.profiles[2];
  CHECK(low.name == "low_end");
  CHECK(mid.name == "mid_range");
  CHECK(high.name == "high_end");
  CHECK(low.share + mid.share + high.share == Approx(1.0));
  CHECK(low.share == 0.3);
  CHECK(mid.share == 0.5);
  CHECK(high.share == 0.2);

  // Cortex-A8 with NEON (Bernstein & Schwabe, CHES 2012): the public-key figures as
  // measured, encrypt 5.60 and authenticate 2.30 cpb; SHA-256 at the software upper bound.
  CHECK(low.clock_ghz == 1.0);
  CHECK(low.x25519_cycles == 527102);
  CHECK(low.ed25519_sign_cycles == 368212);
  CHECK(low.ed25519_verify_cycles == 650102);
  CHECK(low.aes_cbc_cycles_per_byte == Approx(5.60));
  // SHA-256 in software bounds HMAC-SHA256 from below (costs.md): no SHA instructions here.
  CHECK(low.hmac_cycles_per_byte == Approx(15.5));
  CHECK(low.hmac_cycles_per_byte >= low.sha256_cycles_per_byte);
  CHECK(low.sha256_cycles_per_byte == Approx(15.5));

  // Cortex-A53 with crypto extensions: AES-128-CBC encrypt 1.32 cpb x 1.4 for AES-256;
  // SHA instructions 1.97-2.38 cpb.
  CHECK(mid.clock_ghz == 1.8);
  CHECK(mid.aes_cbc_cycles_per_byte == Approx(1.32 * 1.4).epsilon(0.01));
  CHECK(mid.hmac_cycles_per_byte >= 1.97);
  CHECK(mid.hmac_cycles_per_byte <= 2.38);
  CHECK(mid.sha256_cycles_per_byte == mid.hmac_cycles_per_byte);

  // Cortex-A72: AES-128-CBC encrypt 1.33 cpb x 1.4; the SHA instructions' best case.
  CHECK(high.clock_ghz == 2.5);
  CHECK(high.aes_cbc_cycles_per_byte == Approx(1.33 * 1.4).epsilon(0.01));
  CHECK(high.hmac_cycles_per_byte == Approx(1.97));
  CHECK(high.sha256_cycles_per_byte == Approx(1.97));

  // No ARMv8 public-key figures in costs.md: assumed between the Cortex-A8 NEON figures
  // and x86 (OpenSSL on Skylake: X25519 118,455, sign 125,875, verify 410,016; lib25519
  // verify 113,410), so each operation gets cheaper from low to high end.
  for (const DeviceProfile* p : {&mid, &high}) {
    INFO(p->name);
    CHECK(p->x25519_cycles < low.x25519_cycles);
    CHECK(p->ed25519_sign_cycles < low.ed25519_sign_cycles);
    CHECK(p->ed25519_verify_cycles < low.ed25519_verify_cycles);
    CHECK(p->x25519_cycles >= 88082);  // lib25519 on Skylake, the fastest figure
    CHECK(p->ed25519_verify_cycles >= 113410);
  }
  CHECK(high.x25519_cycles < mid.x25519_cycles);
  CHECK(high.ed25519_sign_cycles < mid.ed25519_sign_cycles);
  CHECK(high.ed25519_verify_cycles < mid.ed25519_verify_cycles);
}

TEST_CASE("scenario: schema: crypto defaults follow the whitepaper's key sizes and costs.md's server figures",
          "[scenario][schema]") {
  const json doc = json::parse(R"({"name": "tiny", "population": {"users": 1},
      "deployment": {"regions": [{"name": "r", "user_share": 1}],
                     "chat_servers": 1, "manager_shards": 1, "message_shards": 1}})");
  const Scenario s = scenario_from_json(doc, "tiny.json");
  const CryptoSpec& k = s.crypto;
  CHECK(k.end_to_end);  // the seeds put security ahead of latency
  CHECK(k.transport.enabled);
  CHECK(k.compromised_device == -1);
  // Two HMAC-SHA256 over a 32-byte chain key per step; HKDF over the four 32-byte X25519 outputs at least.
  CHECK(k.chain_step_bytes == 2 * 32);
  CHECK(k.kdf_bytes >= 4 * 32);
  // Curve25519 public keys are 33 bytes with their type byte; a signature is 64.
  CHECK(k.prekeys.prekey_bytes >= 33);
  CHECK(k.prekeys.bundle_bytes >= 33 + 33 + 64 + 33);
  CHECK(k.prekeys.batch == 100);
  CHECK(k.prekeys.low_threshold == 20);
  CHECK(k.prekeys.low_threshold < k.prekeys.batch);
  // Server side, Skylake: X25519 with OpenSSL 3.1, AES-GCM.
  CHECK(k.transport.x25519_cycles == 118455);
  CHECK(k.transport.aes_gcm_cycles_per_byte == Approx(0.63));
  CHECK(k.transport.handshake_key_agreements == 3);  // server side of a full Noise XX handshake
  CHECK(k.user_service.request_cycles == 50000);
  CHECK(k.user_service.cache.hit_ratio == 0.95);
  CHECK(k.user_service.cache.hit_cycles < k.user_service.cache.miss_cycles);
  CHECK(k.user_service.cache.miss_latency_ms == 2);
  CHECK(s.deployment.user_service_shards == 20);
  CHECK(s.deployment.user_service_profile == "commodity-2u");
}
