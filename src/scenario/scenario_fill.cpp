#include "src/scenario/scenario_fill.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "src/fault/fault_campaign.hpp"
#include "src/fault/fault_schedule.hpp"
#include "src/scenario/scenario_error.hpp"
#include "src/scenario/schema_validator.hpp"

namespace whatsim {

using nlohmann::json;

namespace {

// Integral floats (2e9) are integers to the schema; read them through double.
template <typename Int>
Int integer(const json& v) {
  if (v.is_number_float()) return static_cast<Int>(v.get<double>());
  return v.get<Int>();
}

PopulationSpec population_from(const json& j) {
  PopulationSpec p;
  p.users = integer<std::uint64_t>(j["users"]);
  p.devices_per_user_weights = j["devices_per_user_weights"].get<std::vector<double>>();
  p.session.mean_online_s = j["session"]["mean_online_s"].get<double>();
  p.session.mean_offline_s = j["session"]["mean_offline_s"].get<double>();
  p.session.always_offline_share = j["session"]["always_offline_share"].get<double>();
  p.diurnal_profile = j["diurnal_profile"].get<std::vector<double>>();
  p.start_hour = j["start_hour"].get<double>();
  p.contacts.contacts_per_user = integer<std::uint32_t>(j["contacts"]["contacts_per_user"]);
  p.contacts.zipf_exponent = j["contacts"]["zipf_exponent"].get<double>();
  return p;
}

SizeDistribution size_from(const json& j) {
  SizeDistribution s;
  s.kind = j["kind"].get<std::string>();
  s.mean_bytes = j["mean_bytes"].get<double>();
  s.sigma = j["sigma"].get<double>();
  s.max_bytes = j["max_bytes"].get<double>();
  return s;
}

TrafficSpec traffic_from(const json& j) {
  TrafficSpec t;
  t.messages_per_user_per_day = j["messages_per_user_per_day"].get<double>();
  t.size = size_from(j["size"]);
  t.read_share = j["read_share"].get<double>();
  t.mean_read_delay_s = j["mean_read_delay_s"].get<double>();
  return t;
}

std::map<std::string, HardwareProfile> hardware_from(const json& j) {
  std::map<std::string, HardwareProfile> profiles;
  for (const auto& [name, p] : j["profiles"].items()) {
    profiles[name] = HardwareProfile{name,
                                     integer<std::uint32_t>(p["cores"]),
                                     p["clock_ghz"].get<double>(),
                                     p["ram_gb"].get<double>(),
                                     p["nic_gbps"].get<double>(),
                                     p["disk_read_mbps"].get<double>(),
                                     p["disk_write_mbps"].get<double>()};
  }
  return profiles;
}

NetworkSegment segment_from(const json& j) {
  return NetworkSegment{j["latency_ms"].get<double>(), j["bandwidth_gbps"].get<double>()};
}

DeploymentSpec deployment_from(const json& j) {
  DeploymentSpec d;
  for (const auto& r : j["regions"])
    d.regions.push_back(RegionSpec{r["name"].get<std::string>(), r["user_share"].get<double>()});
  d.chat_servers = integer<std::uint32_t>(j["chat_servers"]);
  d.manager_shards = integer<std::uint32_t>(j["manager_shards"]);
  d.message_shards = integer<std::uint32_t>(j["message_shards"]);
  d.connections_per_chat_server = integer<std::uint64_t>(j["connections_per_chat_server"]);
  d.chat_server_profile = j["chat_server_profile"].get<std::string>();
  d.manager_profile = j["manager_profile"].get<std::string>();
  d.message_profile = j["message_profile"].get<std::string>();
  d.group_service_shards = integer<std::uint32_t>(j["group_service_shards"]);
  d.brokers = integer<std::uint32_t>(j["brokers"]);
  d.group_handlers = integer<std::uint32_t>(j["group_handlers"]);
  d.group_service_profile = j["group_service_profile"].get<std::string>();
  d.broker_profile = j["broker_profile"].get<std::string>();
  d.group_handler_profile = j["group_handler_profile"].get<std::string>();
  d.asset_servers = integer<std::uint32_t>(j["asset_servers"]);
  d.storage_hosts = integer<std::uint32_t>(j["storage_hosts"]);
  d.cdn_pops_per_region = integer<std::uint32_t>(j["cdn_pops_per_region"]);
  d.asset_profile = j["asset_profile"].get<std::string>();
  d.storage_profile = j["storage_profile"].get<std::string>();
  d.cdn_pop_profile = j["cdn_pop_profile"].get<std::string>();
  d.user_service_shards = integer<std::uint32_t>(j["user_service_shards"]);
  d.user_service_profile = j["user_service_profile"].get<std::string>();
  d.access.latency_ms = j["access"]["latency_ms"].get<double>();
  d.datacenter = segment_from(j["datacenter"]);
  for (const auto& l : j["links"])
    d.links.push_back(InterRegionLink{l["from"].get<std::string>(), l["to"].get<std::string>(),
                                      l["latency_ms"].get<double>(), l["bandwidth_gbps"].get<double>()});
  return d;
}

CostSpec costs_from(const json& j) {
  CostSpec c;
  c.chat_receive_cycles = j["chat_receive_cycles"].get<double>();
  c.chat_push_cycles = j["chat_push_cycles"].get<double>();
  c.route_cache_cycles = j["route_cache_cycles"].get<double>();
  c.manager_lookup_cycles = j["manager_lookup_cycles"].get<double>();
  c.manager_update_cycles = j["manager_update_cycles"].get<double>();
  c.store_write_cycles = j["store_write_cycles"].get<double>();
  c.store_delete_cycles = j["store_delete_cycles"].get<double>();
  c.store_drain_cycles = j["store_drain_cycles"].get<double>();
  c.connect_cycles = j["connect_cycles"].get<double>();
  c.heartbeat_cycles = j["heartbeat_cycles"].get<double>();
  c.bytes_per_connection = j["bytes_per_connection"].get<double>();
  c.frame_overhead_bytes = j["frame_overhead_bytes"].get<double>();
  c.receipt_bytes = j["receipt_bytes"].get<double>();
  c.heartbeat_interval_s = j["heartbeat_interval_s"].get<double>();
  c.retention_days = j["retention_days"].get<double>();
  c.expiry_sweep_interval_s = j["expiry_sweep_interval_s"].get<double>();
  return c;
}

GroupSizeModel group_size_from(const json& j) {
  GroupSizeModel m;
  m.kind = j["kind"].get<std::string>();
  m.mean_members = j["mean_members"].get<double>();
  m.sigma = j["sigma"].get<double>();
  m.min_members = integer<std::uint32_t>(j["min_members"]);
  return m;
}

CacheModel cache_from(const json& j) {
  CacheModel c;
  c.hit_ratio = j["hit_ratio"].get<double>();
  c.hit_cycles = j["hit_cycles"].get<double>();
  c.miss_cycles = j["miss_cycles"].get<double>();
  c.miss_latency_ms = j["miss_latency_ms"].get<double>();
  return c;
}

SenderKeyCosts sender_keys_from(const json& j) {
  SenderKeyCosts k;
  k.key_bytes = j["key_bytes"].get<double>();
  k.distribute_cycles_per_device = j["distribute_cycles_per_device"].get<double>();
  return k;
}

GroupLogSpec group_log_from(const json& j) {
  GroupLogSpec l;
  l.partitions = integer<std::uint32_t>(j["partitions"]);
  l.replication_factor = integer<std::uint32_t>(j["replication_factor"]);
  l.acks = j["acks"].get<std::string>();
  l.append_cycles = j["append_cycles"].get<double>();
  l.replicate_cycles = j["replicate_cycles"].get<double>();
  l.fetch_cycles = j["fetch_cycles"].get<double>();
  l.record_overhead_bytes = j["record_overhead_bytes"].get<double>();
  return l;
}

GroupsSpec groups_from(const json& j) {
  GroupsSpec g;
  g.message_share = j["message_share"].get<double>();
  g.groups_per_user = j["groups_per_user"].get<double>();
  g.size = group_size_from(j["size"]);
  g.size_limit = integer<std::uint32_t>(j["size_limit"]);
  g.metadata_bytes = j["metadata_bytes"].get<double>();
  g.activity_skew = j["activity_skew"].get<double>();
  g.churn_per_group_per_day = j["churn_per_group_per_day"].get<double>();
  g.membership_write_cycles = j["membership_write_cycles"].get<double>();
  g.membership_write_latency_ms = j["membership_write_latency_ms"].get<double>();
  g.notice_bytes = j["notice_bytes"].get<double>();
  g.cache = cache_from(j["cache"]);
  g.sender_keys = sender_keys_from(j["sender_keys"]);
  g.log = group_log_from(j["log"]);
  return g;
}

DeviceProfile device_profile_from(const json& j) {
  DeviceProfile p;
  p.name = j["name"].get<std::string>();
  p.share = j["share"].get<double>();
  p.clock_ghz = j["clock_ghz"].get<double>();
  p.x25519_cycles = j["x25519_cycles"].get<double>();
  p.ed25519_sign_cycles = j["ed25519_sign_cycles"].get<double>();
  p.ed25519_verify_cycles = j["ed25519_verify_cycles"].get<double>();
  p.aes_cbc_cycles_per_byte = j["aes_cbc_cycles_per_byte"].get<double>();
  p.hmac_cycles_per_byte = j["hmac_cycles_per_byte"].get<double>();
  p.sha256_cycles_per_byte = j["sha256_cycles_per_byte"].get<double>();
  return p;
}

// PhoneSpec::profiles keeps the scenario's order: users are assigned by it.
PhoneSpec phone_from(const json& j) {
  PhoneSpec p;
  p.uplink_mbps = j["uplink_mbps"].get<double>();
  p.downlink_mbps = j["downlink_mbps"].get<double>();
  for (const auto& profile : j["profiles"]) p.profiles.push_back(device_profile_from(profile));
  return p;
}

MediaTypeSpec media_type_from(const std::string& name, const json& j) {
  MediaTypeSpec t;
  t.name = name;
  t.share = j["share"].get<double>();
  t.size = size_from(j["size"]);
  t.compression_ratio = j["compression_ratio"].get<double>();
  t.compress_cycles_per_byte = j["compress_cycles_per_byte"].get<double>();
  t.limit_bytes = j["limit_bytes"].get<double>();
  return t;
}

// The schema's media.types has exactly these keys; MediaSpec::types keeps this order.
std::vector<MediaTypeSpec> media_types_from(const json& j) {
  std::vector<MediaTypeSpec> types;
  for (const char* name : {"image", "video", "audio", "document"})
    types.push_back(media_type_from(name, j[name]));
  return types;
}

MediaPopularity popularity_from(const json& j) {
  MediaPopularity p;
  p.forwarded_share = j["forwarded_share"].get<double>();
  p.catalog_items = integer<std::uint32_t>(j["catalog_items"]);
  p.zipf_exponent = j["zipf_exponent"].get<double>();
  return p;
}

ViralItemSpec viral_from(const json& j) {
  ViralItemSpec v;
  v.share = j["share"].get<double>();
  v.start_s = j["start_s"].get<double>();
  v.type = j["type"].get<std::string>();
  v.bytes = j["bytes"].get<double>();
  return v;
}

CdnSpec cdn_from(const json& j) {
  CdnSpec c;
  c.cache_bytes = j["cache_bytes"].get<double>();
  c.eviction = j["eviction"].get<std::string>();
  c.promotion_threshold = integer<std::uint32_t>(j["promotion_threshold"]);
  c.request_cycles = j["request_cycles"].get<double>();
  c.cycles_per_byte = j["cycles_per_byte"].get<double>();
  return c;
}

MediaSpec media_from(const json& j) {
  MediaSpec m;
  m.message_share = j["message_share"].get<double>();
  m.reference_bytes = j["reference_bytes"].get<double>();
  m.types = media_types_from(j["types"]);
  m.popularity = popularity_from(j["popularity"]);
  m.viral = viral_from(j["viral"]);
  m.asset = AssetServiceCosts{j["asset"]["request_cycles"].get<double>(),
                              j["asset"]["hash_cycles_per_byte"].get<double>(), j["asset"]["dedup"].get<std::string>()};
  m.storage = BlobStorageSpec{j["storage"]["capacity_bytes"].get<double>(),
                              j["storage"]["request_cycles"].get<double>()};
  m.cdn = cdn_from(j["cdn"]);
  return m;
}

PrekeySpec prekeys_from(const json& j) {
  PrekeySpec k;
  k.batch = integer<std::uint32_t>(j["batch"]);
  k.low_threshold = integer<std::uint32_t>(j["low_threshold"]);
  k.prekey_bytes = j["prekey_bytes"].get<double>();
  k.bundle_bytes = j["bundle_bytes"].get<double>();
  return k;
}

TransportCrypto transport_from(const json& j) {
  TransportCrypto t;
  t.enabled = j["enabled"].get<bool>();
  t.handshake_key_agreements = j["handshake_key_agreements"].get<double>();
  t.x25519_cycles = j["x25519_cycles"].get<double>();
  t.aes_gcm_cycles_per_byte = j["aes_gcm_cycles_per_byte"].get<double>();
  return t;
}

CryptoSpec crypto_from(const json& j) {
  CryptoSpec c;
  c.end_to_end = j["end_to_end"].get<bool>();
  c.sessions_at_start_share = j["sessions_at_start_share"].get<double>();
  c.kdf_bytes = j["kdf_bytes"].get<double>();
  c.chain_step_bytes = j["chain_step_bytes"].get<double>();
  c.prekeys = prekeys_from(j["prekeys"]);
  c.user_service = UserServiceSpec{j["user_service"]["request_cycles"].get<double>(),
                                   cache_from(j["user_service"]["cache"])};
  c.transport = transport_from(j["transport"]);
  c.compromised_device = integer<std::int64_t>(j["compromised_device"]);
  return c;
}

FaultSpec fault_from(const json& j) {
  FaultSpec f;
  f.kind = j["kind"].get<std::string>();
  f.start_s = j["start_s"].get<double>();
  f.duration_s = j["duration_s"].get<double>();
  f.tier = j["tier"].get<std::string>();
  f.index = integer<std::uint32_t>(j["index"]);
  f.slow_factor = j["slow_factor"].get<double>();
  f.from = j["from"].get<std::string>();
  f.to = j["to"].get<std::string>();
  f.loss_share = j["loss_share"].get<double>();
  f.extra_latency_ms = j["extra_latency_ms"].get<double>();
  f.shape = j["shape"].get<std::string>();
  f.region = j["region"].get<std::string>();
  return f;
}

RandomFaultsSpec random_faults_from(const json& j) {
  RandomFaultsSpec r;
  r.enabled = j["enabled"].get<bool>();
  r.seed = integer<std::uint64_t>(j["seed"]);
  r.count = integer<std::uint32_t>(j["count"]);
  r.from_s = j["from_s"].get<double>();
  r.until_s = j["until_s"].get<double>();
  r.min_duration_s = j["min_duration_s"].get<double>();
  r.max_duration_s = j["max_duration_s"].get<double>();
  r.kinds = j["kinds"].get<std::vector<std::string>>();
  r.slow_factor = j["slow_factor"].get<double>();
  r.loss_share = j["loss_share"].get<double>();
  r.extra_latency_ms = j["extra_latency_ms"].get<double>();
  return r;
}

FaultsSpec faults_from(const json& j) {
  FaultsSpec f;
  for (const auto& fault : j["scheduled"]) f.scheduled.push_back(fault_from(fault));
  f.random = random_faults_from(j["random"]);
  f.heartbeat_timeout_s = j["heartbeat_timeout_s"].get<double>();
  f.retry_after_s = j["retry_after_s"].get<double>();
  f.promote_after_s = j["promote_after_s"].get<double>();
  return f;
}

ReplicationSpec replication_from(const json& j) {
  ReplicationSpec r;
  r.mode = j["mode"].get<std::string>();
  r.async_ship_interval_s = j["async_ship_interval_s"].get<double>();
  r.replicate_cycles = j["replicate_cycles"].get<double>();
  r.snapshot_bytes_per_s = j["snapshot_bytes_per_s"].get<double>();
  return r;
}

AvailabilitySpec availability_from(const json& j) {
  AvailabilitySpec a;
  a.ack_within_s = j["ack_within_s"].get<double>();
  a.window_s = j["window_s"].get<double>();
  a.recovery_tolerance = j["recovery_tolerance"].get<double>();
  return a;
}

TargetsSpec targets_from(const json& j) {
  TargetsSpec t;
  t.max_utilization = j["max_utilization"].get<double>();
  t.p99_ms = j["p99_ms"].get<double>();
  return t;
}

// ---- Faults against the deployment ----
// Cross-field checks like scenario_loader.cpp's, made here because they resolve faults
// with the filled deployment through src/fault/fault_schedule.hpp, the code the run uses.

// A tier's servers in the deployment and the field that counts them; a tier the design
// leaves out has none, and `source` says why.
struct DeployedTier {
  std::uint32_t servers = 0;
  std::string source;
};

std::map<std::string, DeployedTier> deployed_tiers(const Scenario& s) {
  const DeploymentSpec& d = s.deployment;
  std::map<std::string, DeployedTier> tiers = {
      {"chat_server", {d.chat_servers, "deployment.chat_servers"}},
      {"websocket_manager", {d.manager_shards, "deployment.manager_shards"}},
      {"message_service", {d.message_shards, "deployment.message_shards"}},
      {"group_service", {d.group_service_shards, "deployment.group_service_shards"}},
      {"broker", {d.brokers, "deployment.brokers"}},
      {"group_handler", {d.group_handlers, "deployment.group_handlers"}},
      {"user_service", {d.user_service_shards, "deployment.user_service_shards"}},
      {"asset_service", {d.asset_servers, "deployment.asset_servers"}},
      {"blob_storage", {d.storage_hosts, "deployment.storage_hosts"}},
      {"cdn_pop", {d.cdn_pops_per_region * static_cast<std::uint32_t>(d.regions.size()),
                   "deployment.cdn_pops_per_region x " + std::to_string(d.regions.size()) + " regions"}}};
  if (!s.crypto.end_to_end) tiers["user_service"] = {0, "crypto.end_to_end is false"};
  if (s.media.message_share <= 0)
    for (const char* media_tier : {"asset_service", "blob_storage", "cdn_pop"})
      tiers[media_tier] = {0, "media.message_share is 0"};
  return tiers;
}

void check_fault_server(const FaultSpec& f, const Scenario& s, const std::string& path) {
  const DeployedTier tier = deployed_tiers(s).at(f.tier);
  if (tier.servers == 0) fail_at(path + ".tier", "tier \"" + f.tier + "\" is not built: " + tier.source);
  if (f.index >= tier.servers)
    fail_at(path + ".index", "must be < " + std::to_string(tier.servers) + " (" + tier.source + "), got " +
                                 std::to_string(f.index));
}

CampaignTargets deployed_targets(const Scenario& s) {
  CampaignTargets targets;
  for (const auto& [name, tier] : deployed_tiers(s)) targets.servers_per_tier[name] = tier.servers;
  targets.region_count = static_cast<std::uint32_t>(s.deployment.regions.size());
  targets.links = region_links(s.deployment);
  return targets;
}

void check_random_faults(const Scenario& s, const json& random) {
  if (random["until_s"].get<double>() <= random["from_s"].get<double>())
    fail_at("faults.random.until_s", "must be > faults.random.from_s (" + random["from_s"].dump() + "), got " +
                                         random["until_s"].dump());
  if (random["min_duration_s"].get<double>() > random["max_duration_s"].get<double>())
    fail_at("faults.random.min_duration_s", "must be <= faults.random.max_duration_s (" +
                                                random["max_duration_s"].dump() + "), got " +
                                                random["min_duration_s"].dump());
  const auto& kinds = s.faults.random.kinds;
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (std::find(kinds.begin(), kinds.begin() + i, kinds[i]) != kinds.begin() + i)
      fail_at(json_path_index("faults.random.kinds", i), "duplicate kind \"" + kinds[i] + "\"");
  if (!s.faults.random.enabled) return;
  try {
    campaign_kinds(s.faults.random, deployed_targets(s));
  } catch (const std::invalid_argument&) {
    fail_at("faults.random.kinds", "none of these kinds has a target in this deployment (link faults and "
                                   "partitions need at least 2 regions)");
  }
}

void check_faults(const Scenario& s, const json& faults) {
  const auto& scheduled = s.faults.scheduled;
  for (std::size_t i = 0; i < scheduled.size(); ++i) {
    const std::string path = json_path_index("faults.scheduled", i);
    const Fault resolved = resolve_fault(scheduled[i], s.deployment, path);
    if (resolved.kind == FaultKind::crash || resolved.kind == FaultKind::slow)
      check_fault_server(scheduled[i], s, path);
  }
  check_random_faults(s, faults["random"]);
}

// simulation.scale: 0 stands for "one cell per chat server" and "every cell".
SimulationSpec simulation_from(const json& j, const DeploymentSpec& d) {
  SimulationSpec s;
  s.duration_s = j["duration_s"].get<double>();
  s.warmup_s = j["warmup_s"].get<double>();
  s.seed = integer<std::uint64_t>(j["seed"]);
  const json& scale = j["scale"];
  s.cells = integer<std::uint32_t>(scale["cells"]);
  if (s.cells == 0) s.cells = d.chat_servers;
  s.simulated_cells = scale["simulated_cells"].get<double>();
  if (s.simulated_cells == 0) s.simulated_cells = s.cells;
  if (s.simulated_cells > s.cells)
    fail_at("simulation.scale.simulated_cells", "must be <= simulation.scale.cells (" + std::to_string(s.cells) +
                                                    "), got " + scale["simulated_cells"].dump());
  s.scale = s.simulated_cells / s.cells;
  s.network_model = j["network_model"].get<std::string>();
  s.users_per_file_lane = integer<std::uint64_t>(j["users_per_file_lane"]);
  s.checker_horizon_s = j["checker_horizon_s"].get<double>();
  return s;
}

}  // namespace

Scenario fill_scenario(json doc) {
  Scenario sc;
  sc.name = doc["name"].get<std::string>();
  sc.description = doc["description"].get<std::string>();
  sc.population = population_from(doc["population"]);
  sc.traffic = traffic_from(doc["traffic"]);
  sc.hardware = hardware_from(doc["hardware"]);
  sc.deployment = deployment_from(doc["deployment"]);
  sc.costs = costs_from(doc["costs"]);
  sc.groups = groups_from(doc["groups"]);
  sc.phone = phone_from(doc["phone"]);
  sc.media = media_from(doc["media"]);
  sc.crypto = crypto_from(doc["crypto"]);
  sc.faults = faults_from(doc["faults"]);
  sc.replication = replication_from(doc["replication"]);
  sc.availability = availability_from(doc["availability"]);
  sc.targets = targets_from(doc["targets"]);
  sc.simulation = simulation_from(doc["simulation"], sc.deployment);
  sc.expect = doc["expect"].get<std::vector<std::string>>();
  check_faults(sc, doc["faults"]);
  sc.resolved = std::move(doc);
  return sc;
}

}  // namespace whatsim
