#pragma once
// A validated scenario: what the modeled system is, how it is used, and how to simulate it.
// Every field is filled: defaults come from scenarios/scenario.schema.json ("default"),
// never from literals in the code. Load one with load_scenario() (scenario_loader.hpp).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace whatsim {

// How long a device stays connected, then disconnected: alternating exponential periods.
struct SessionModel {
  double mean_online_s = 0;
  double mean_offline_s = 0;
  double always_offline_share = 0;  // devices that never connect during the run
};

struct ContactsModel {
  std::uint32_t contacts_per_user = 0;  // distinct people a user writes to
  double zipf_exponent = 0;            // skew of who a user writes to among contacts
};

struct PopulationSpec {
  std::uint64_t users = 0;                    // the full deployment's users (e.g. 2B)
  std::vector<double> devices_per_user_weights;  // P(1 device), P(2 devices), ... (sums to 1)
  SessionModel session;
  std::vector<double> diurnal_profile;        // 24 hourly multipliers of the traffic rate
  double start_hour = 0;                      // local hour at simulated time 0
  ContactsModel contacts;
};

struct SizeDistribution {
  std::string kind;  // "constant" or "lognormal"
  double mean_bytes = 0;
  double sigma = 0;      // lognormal shape; ignored for constant
  double max_bytes = 0;  // draws are capped here
};

struct TrafficSpec {
  double messages_per_user_per_day = 0;
  SizeDistribution size;
  double read_share = 0;         // share of delivered messages the recipient opens
  double mean_read_delay_s = 0;  // from delivery on the device to opening it
};

struct HardwareProfile {
  std::string name;
  std::uint32_t cores = 0;
  double clock_ghz = 0;
  double ram_gb = 0;
  double nic_gbps = 0;
  double disk_read_mbps = 0;
  double disk_write_mbps = 0;
};

struct RegionSpec {
  std::string name;
  double user_share = 0;  // share of the population homed in this region (shares sum to 1)
};

struct InterRegionLink {
  std::string from;
  std::string to;
  double latency_ms = 0;
  double bandwidth_gbps = 0;
};

struct NetworkSegment {
  double latency_ms = 0;
  double bandwidth_gbps = 0;
};

// Phone to its region's datacenter. Its rates are the phone's radio (PhoneSpec).
struct AccessPath {
  double latency_ms = 0;
};

struct DeploymentSpec {
  std::vector<RegionSpec> regions;
  std::uint32_t chat_servers = 0;    // whole deployment; spread over regions by user share
  std::uint32_t manager_shards = 0;  // WebSocket manager (Redis) shards
  std::uint32_t message_shards = 0;  // message service (Mnesia) shards
  std::uint64_t connections_per_chat_server = 0;  // design capacity (seeds: 10M)
  std::string chat_server_profile;   // names into hardware profiles
  std::string manager_profile;
  std::string message_profile;
  std::uint32_t group_service_shards = 0;  // group membership (MySQL + Redis cache) shards
  std::uint32_t brokers = 0;               // group log (Kafka) brokers
  std::uint32_t group_handlers = 0;        // consume the group log, fan copies out to member devices
  std::string group_service_profile;
  std::string broker_profile;
  std::string group_handler_profile;
  // Media: built only when media.message_share > 0.
  std::uint32_t asset_servers = 0;        // the asset service (HTTP upload, dedup index, origin for the CDN)
  std::uint32_t storage_hosts = 0;        // blob storage, each with a disk (profile's disk bandwidths)
  std::uint32_t cdn_pops_per_region = 0;  // CDN points of presence, each with a cache
  std::string asset_profile;
  std::string storage_profile;
  std::string cdn_pop_profile;
  std::uint32_t user_service_shards = 0;  // profiles and key bundles (MySQL + cache in the seeds)
  std::string user_service_profile;
  AccessPath access;          // phone to its region's servers (mobile path)
  NetworkSegment datacenter;  // host to its region's switch
  std::vector<InterRegionLink> links;
};

// CPU cycles per operation on a server; bytes of memory per connection.
struct CostSpec {
  double chat_receive_cycles = 0;   // parse + route one frame from a device
  double chat_push_cycles = 0;      // push one frame to a device
  double route_cache_cycles = 0;    // one route-cache lookup on a chat server
  double manager_lookup_cycles = 0; // one route lookup on a manager shard
  double manager_update_cycles = 0; // connect/disconnect bookkeeping on a manager shard
  double store_write_cycles = 0;    // sequence + enqueue one copy in the offline store
  double store_delete_cycles = 0;   // delete one copy on its delivery receipt
  double store_drain_cycles = 0;    // per message handed out when a device reconnects
  double connect_cycles = 0;        // accept a (re)connection on a chat server
  double heartbeat_cycles = 0;      // one heartbeat on a chat server
  double bytes_per_connection = 0;  // server memory held per open connection
  double frame_overhead_bytes = 0;  // headers added to every frame on the wire
  double receipt_bytes = 0;         // size of a receipt frame's body
  double heartbeat_interval_s = 0;
  double retention_days = 0;        // offline copies are expired after this
  double expiry_sweep_interval_s = 0;  // how often the message service looks for expired copies
};

// Members per group at the start of a run, drawn per group and kept within
// [min_members, GroupsSpec::size_limit].
struct GroupSizeModel {
  std::string kind;  // "constant" or "lognormal"
  double mean_members = 0;
  double sigma = 0;  // lognormal shape; ignored for constant
  std::uint32_t min_members = 0;
};

// A cache in front of a database (the group service's member lists, the user service's key
// bundles): hits with a ratio, costs per hit and per miss.
struct CacheModel {
  double hit_ratio = 0;        // share of member lookups the cache answers
  double hit_cycles = 0;       // a lookup answered by the cache
  double miss_cycles = 0;      // a lookup read from the database
  double miss_latency_ms = 0;  // a miss's extra wait for the database, beyond its CPU
};

// What Signal sender keys cost the sending phone: each key goes pairwise to every other
// member device, so large groups and churn make it expensive.
struct SenderKeyCosts {
  double key_bytes = 0;                     // sent to one recipient device
  double distribute_cycles_per_device = 0;  // phone cycles to encrypt the key for one device
};

// The group log: one partition per group (hashed), so a group's messages and membership
// notices have one order.
struct GroupLogSpec {
  std::uint32_t partitions = 0;
  std::uint32_t replication_factor = 0;  // brokers per partition, leader included
  std::string acks;                      // "leader" or "all": when an append is acknowledged
  double append_cycles = 0;              // on the leader, per record
  double replicate_cycles = 0;           // on each follower, per record
  double fetch_cycles = 0;               // on the leader, per record handed to a consumer
  double record_overhead_bytes = 0;      // framing added to every record
};

// Group chat: membership, sizes, share of traffic and the costs of the group path
// (group service, sender keys, group log).
struct GroupsSpec {
  double message_share = 0;     // share of sent messages that go to a group
  double groups_per_user = 0;   // mean memberships per user
  GroupSizeModel size;
  std::uint32_t size_limit = 0;  // most members of a group; joins beyond are rejected
  double metadata_bytes = 0;     // name, description, icon reference
  double activity_skew = 0;      // Zipf exponent of message rates over groups
  double churn_per_group_per_day = 0;      // joins plus leaves
  double membership_write_cycles = 0;      // commit one change on the group service
  double membership_write_latency_ms = 0;  // its database wait, beyond its CPU
  double notice_bytes = 0;                 // body of a "joined"/"left" notice
  CacheModel cache;
  SenderKeyCosts sender_keys;
  GroupLogSpec log;
};

// One class of phone (e.g. low-end, mid-range, high-end): its CPU clock and what each
// cryptographic operation costs on it. Users get a profile by the profiles' shares.
struct DeviceProfile {
  std::string name;
  double share = 0;                    // of users (shares sum to 1)
  double clock_ghz = 0;                // turns phone cycles into seconds
  double x25519_cycles = 0;            // one key agreement or key generation (X3DH, ratchet)
  double ed25519_sign_cycles = 0;      // sign the signed prekey (registration, rotation)
  double ed25519_verify_cycles = 0;    // verify a fetched bundle's signed prekey
  double aes_cbc_cycles_per_byte = 0;  // AES-256-CBC, a message body or a media file
  double hmac_cycles_per_byte = 0;     // HMAC-SHA256 (message authentication, chain and KDF steps)
  double sha256_cycles_per_byte = 0;   // a media file's content hash (media dedup "ask_first")
};

// The phones: their radio (every transfer gets these rates, phones do not share a radio)
// and the device profiles users are drawn from.
struct PhoneSpec {
  double uplink_mbps = 0;
  double downlink_mbps = 0;
  std::vector<DeviceProfile> profiles;
};

// One kind of attachment. MediaSpec::types holds image, video, audio, document in that order.
struct MediaTypeSpec {
  std::string name;
  double share = 0;                     // of media messages (shares sum to 1)
  SizeDistribution size;                // of the original file, before compression
  double compression_ratio = 1;         // uploaded bytes / original bytes
  double compress_cycles_per_byte = 0;  // phone cycles per original byte
  double limit_bytes = 0;               // larger originals are refused on the phone
};

// Which content a media message carries: most is fresh (never seen before), some forwards
// an item of a shared catalog (identical bytes: deduplicated), chosen Zipf by popularity.
struct MediaPopularity {
  double forwarded_share = 0;
  std::uint32_t catalog_items = 0;
  double zipf_exponent = 0;
};

// One item everyone forwards: from start_s on, this share of media messages carry it.
struct ViralItemSpec {
  double share = 0;  // 0: no viral item
  double start_s = 0;
  std::string type;  // a MediaTypeSpec name
  double bytes = 0;  // as uploaded
};

struct AssetServiceCosts {
  double request_cycles = 0;         // per upload or origin fetch
  double hash_cycles_per_byte = 0;   // content hash (SHA-256) over an upload
  std::string dedup;                 // "upload_then_hash" or "ask_first" (the phone asks before uploading)
};

struct BlobStorageSpec {
  double capacity_bytes = 0;  // per storage host
  double request_cycles = 0;  // per blob read or write, besides the disk's time
};

struct CdnSpec {
  double cache_bytes = 0;                 // per PoP
  std::string eviction;                   // "lru" or "fifo"
  std::uint32_t promotion_threshold = 0;  // requests reaching the asset service before PoPs keep an item
  double request_cycles = 0;              // per download request
  double cycles_per_byte = 0;             // TLS (AES-GCM) on the bytes served
};

// Media messages: an attachment is compressed and encrypted on the phone, uploaded over
// HTTP to the asset service (deduplicated by content hash, stored in blob storage), and its
// id travels in an ordinary message; receivers download it from their region's CDN PoP.
struct MediaSpec {
  double message_share = 0;    // share of sent messages that carry an attachment
  double reference_bytes = 0;  // what the message carries instead: id, media key, hash
  std::vector<MediaTypeSpec> types;
  MediaPopularity popularity;
  ViralItemSpec viral;
  AssetServiceCosts asset;
  BlobStorageSpec storage;
  CdnSpec cdn;
};

// Noise transport encryption between a phone and its chat server (and the other servers a
// phone talks to): a handshake with key agreements at every connect, AES-GCM on every byte.
struct TransportCrypto {
  bool enabled = true;
  double handshake_key_agreements = 0;  // X25519 operations the server does per handshake
  double x25519_cycles = 0;             // on the server
  double aes_gcm_cycles_per_byte = 0;   // on the server, each byte in or out
};

// Prekeys: each device uploads a batch of one-time prekeys; every bundle fetch hands one
// out; a device replenishes when its stock falls to the threshold.
struct PrekeySpec {
  std::uint32_t batch = 0;
  std::uint32_t low_threshold = 0;
  double prekey_bytes = 0;  // one public prekey (with its id) in an upload
  double bundle_bytes = 0;  // one device's bundle: identity key, signed prekey and signature, one-time prekey
};

// The user service: profiles and public key bundles on a database with a cache.
struct UserServiceSpec {
  double request_cycles = 0;  // per bundle fetch or prekey upload, besides the cache
  CacheModel cache;
};

// End-to-end encryption (Signal protocol) and transport encryption: what each step costs,
// where. `end_to_end` false is the trade-off's "off" side: bodies travel in plaintext and
// phones do no message crypto.
struct CryptoSpec {
  bool end_to_end = true;
  double sessions_at_start_share = 0;  // device pairs with a session at t=0 (steady state)
  double kdf_bytes = 0;         // bytes HMAC-SHA256 processes in one X3DH key derivation (HKDF)
  double chain_step_bytes = 0;  // bytes HMAC-SHA256 processes in one chain-key step
  PrekeySpec prekeys;
  UserServiceSpec user_service;
  TransportCrypto transport;
  std::int64_t compromised_device = -1;  // a device whose keys leak (-1: none): the report says what it exposes
};

// One fault the run injects: from start_s until it heals at start_s + duration_s.
struct FaultSpec {
  std::string kind;        // "crash", "slow", "link_down", "link_loss", "latency_spike", "partition"
  double start_s = 0;
  double duration_s = 0;
  std::string tier;        // crash, slow: a tier name (chat_server, websocket_manager, message_service,
                           // broker, group_handler, group_service, user_service, asset_service,
                           // blob_storage, cdn_pop)
  std::uint32_t index = 0;  // crash, slow: the server's index within its tier
  double slow_factor = 1;   // slow: the host's CPU takes this many times as long
  std::string from;         // link faults: the inter-region link's two regions (deployment.links)
  std::string to;
  double loss_share = 0;        // link_loss: share of frames crossing the link that are dropped
  double extra_latency_ms = 0;  // latency_spike: added to every frame crossing the link
  std::string shape;        // partition: "isolate", "halves", "bridge", "majorities_ring", "one_way"
  std::string region;       // partition: isolate/one_way: the region cut off (one_way: it cannot send
                            // but still receives); bridge: the region that reaches both sides
};
// A random campaign (swarm-style): `seed` draws which kinds are enabled, then `count`
// faults of those kinds, their targets, start times in [from_s, until_s) and durations.
struct RandomFaultsSpec {
  bool enabled = false;
  std::uint64_t seed = 0;
  std::uint32_t count = 0;
  double from_s = 0;
  double until_s = 0;
  double min_duration_s = 0;
  double max_duration_s = 0;
  std::vector<std::string> kinds;  // the kinds a seed may enable (a non-empty random subset of them)
  double slow_factor = 1;          // what a drawn slow, link_loss or latency_spike fault does
  double loss_share = 0;
  double extra_latency_ms = 0;
};
struct FaultsSpec {
  std::vector<FaultSpec> scheduled;  // scenario "faults.scheduled"
  RandomFaultsSpec random;
  double heartbeat_timeout_s = 0;  // a device notices its chat server is gone after this long
  double retry_after_s = 0;        // a device resends a send not acknowledged after this long
  double promote_after_s = 0;      // a shard's secondary takes over this long after its primary fails
};
// Message-service replication: every shard has a primary and a secondary (the next host).
struct ReplicationSpec {
  std::string mode;              // "none", "sync" (acknowledge once the secondary has it) or "async"
  double async_ship_interval_s = 0;  // async: the primary ships its unshipped writes this often
  double replicate_cycles = 0;   // on the secondary, per copy applied
  double snapshot_bytes_per_s = 0;  // a returning host catches up from the primary at this rate
};
// How availability is measured: a send counts as available when acknowledged within
// ack_within_s; shares per window of window_s; a fault has recovered when a window's share
// and mean acknowledgement latency are back within tolerance of their pre-fault level.
struct AvailabilitySpec {
  double ack_within_s = 0;
  double window_s = 0;
  double recovery_tolerance = 0;  // e.g. 0.05: within 5 % (share: 5 points; latency: 5 %)
};
// What `whatsim plan` sizes the deployment for (scenario "targets").
struct TargetsSpec {
  double max_utilization = 0;  // of any server resource at the busiest hour, 0..1
  double p99_ms = 0;           // modeled 99th percentile of delivery (two checks)
};
// Slice simulation: the deployment is sharded by user into `cells` cells (a cell is one chat
// server's users with their share of every other tier), and `simulated_cells` of them run
// message by message. A fraction of a cell is allowed (benchmarks at 1/8 of a cell); every
// simulated server then carries the same share of a modeled server's capacity as of its load.
struct SimulationSpec {
  double duration_s = 0;
  double warmup_s = 0;  // latency samples of messages sent before this are not reported
  std::uint64_t seed = 0;
  std::uint32_t cells = 0;     // cells of the full deployment (simulation.scale.cells)
  double simulated_cells = 0;  // cells simulated, in (0, cells] (simulation.scale.simulated_cells)
  double scale = 1;            // share of the users simulated: simulated_cells / cells
  std::string network_model;   // SimGrid network/model, e.g. "CM02" or "LV08"
  // Phones' files move in a lane per this many simulated users (model/platform.hpp says why;
  // file_lanes() in server_placement.hpp counts them); 0: one lane whatever the size.
  std::uint64_t users_per_file_lane = 0;
  // The consistency checker forgets a settled message this long after it was last seen, so
  // a long run's history memory stays bounded (analysis/consistency_checker.hpp); 0: never.
  double checker_horizon_s = 0;

  bool slice() const { return simulated_cells < cells; }
};

struct Scenario {
  std::string name;
  std::string description;
  PopulationSpec population;
  TrafficSpec traffic;
  std::map<std::string, HardwareProfile> hardware;
  DeploymentSpec deployment;
  CostSpec costs;
  GroupsSpec groups;
  PhoneSpec phone;
  MediaSpec media;
  CryptoSpec crypto;
  FaultsSpec faults;
  ReplicationSpec replication;
  AvailabilitySpec availability;
  TargetsSpec targets;
  SimulationSpec simulation;
  std::vector<std::string> expect;  // assertions like "latency_ms.delivered.p99 <= 300" (used by check)
  nlohmann::json resolved;          // the full scenario after extends, defaults and --set

  const HardwareProfile& profile(const std::string& name) const { return hardware.at(name); }
};

}  // namespace whatsim
