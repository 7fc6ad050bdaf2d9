#pragma once
// What one `whatsim run` measured, and how it is written: report.json (schema in
// docs/report-schema.md; byte-identical for one seed) and report.md for people.
// Figures that depend on the machine rather than the seed (wall time, RSS) live in
// RunTiming and are written to run.json, so report.json stays reproducible.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/consistency_checker.hpp"
#include "analysis/latency_histogram.hpp"

namespace whatsim {

struct ScaleStatement {
  std::uint64_t users_modeled = 0;     // the deployment the scenario describes
  std::uint64_t users_simulated = 0;   // users simulated message by message
  std::uint32_t chat_servers_modeled = 0;
  std::uint32_t chat_servers_simulated = 0;
  std::uint32_t cells = 0;          // cells of the full deployment (simulation.scale)
  double simulated_cells = 0;       // of them, simulated message by message
  std::uint32_t file_lanes = 1;     // lanes the phones' media files moved in (model/platform.hpp)
  bool full_scale = false;
  std::string simulated;      // plain words: what ran message by message
  std::string extrapolated;   // plain words: what was scaled, and how ("nothing" when full scale)
};

struct TierReport {
  std::string name;                 // "chat_server", "websocket_manager", "message_service"
  std::uint32_t servers = 0;
  std::uint32_t cores_per_server = 0;     // the simulated host's
  // The cores' worth, at the host's clock, that cpu_utilization is measured against: all of
  // cores_per_server, or in a slice, for a server below one core's worth, the part of its
  // one core it stands for (src/scenario/server_placement.hpp).
  double capacity_cores_per_server = 0;
  double cpu_utilization_mean = 0;  // 0..1, over servers and the measured window
  double cpu_utilization_max = 0;   // the busiest server
  std::uint64_t peak_connections = 0;     // chat servers: most connections one server held
  double memory_bytes_peak = 0;           // connections x bytes per connection, busiest server
  double memory_bytes_capacity = 0;       // RAM of one server (in a slice, of the part it stands for)
  double queue_depth_mean = 0;            // frames waiting for a core, time-averaged per server
  std::uint64_t queue_depth_max = 0;
  std::uint64_t frames_handled = 0;
  std::uint64_t frames_measured = 0;      // of those, taken after the warm-up (utilization's window)
  std::vector<double> cpu_utilization_per_server;  // by server index
  std::vector<double> queue_depth_per_server;      // time-averaged frames waiting, by server index
};
// The busiest server's memory peak over its RAM (0 when the tier holds no modeled memory).
double memory_share(const TierReport& t);

struct MessageCounts {
  std::uint64_t sent = 0;          // new messages sent by devices
  std::uint64_t acknowledged = 0;  // got one check
  std::uint64_t delivered = 0;     // device copies handed to a recipient app
  std::uint64_t pending = 0;       // device copies still queued at the end
  std::uint64_t expired = 0;       // device copies deleted after the retention period
  std::uint64_t rejected = 0;      // sends the system refused
  std::uint64_t read = 0;          // device copies opened
  std::uint64_t retries = 0;       // sends repeated from an outbox
};

struct StorageReport {
  std::uint64_t offline_bytes_end = 0;
  std::uint64_t offline_frames_end = 0;
  std::uint64_t offline_bytes_peak = 0;
  std::uint64_t offline_frames_peak = 0;
};

// One broker of the group log (the Kafka-like log every group record goes through).
struct BrokerReport {
  std::uint32_t index = 0;             // broker number, from 0
  double cpu_utilization = 0;          // busy fraction of its cores, 0..1, over the measured window
  std::uint64_t bytes_in = 0;          // bytes received: appends from producers, replication from leaders
  std::uint64_t bytes_out = 0;         // bytes sent: reads by fan-out handlers, replication to followers
  std::uint64_t records_appended = 0;  // records written to the partitions it leads
};

// Sender keys: a group sender encrypts a message once with its sender key, and hands that
// key to each member device pairwise (once per device, again after membership changes).
struct SenderKeyReport {
  std::uint64_t distributions = 0;    // times a sender (re)distributed its key to a group
  std::uint64_t pairwise_copies = 0;  // pairwise-encrypted key copies, one per receiving device
  std::uint64_t bytes = 0;            // key material sent, bytes
  double phone_cycles = 0;            // phone CPU cycles spent encrypting key copies
  double phone_seconds = 0;           // the same as phone CPU time, seconds
};

// Group chat: membership, fan-out, the log it goes through, and its cost on phones.
struct GroupReport {
  bool enabled = false;              // the scenario has group chat; nothing else is written when false
  std::uint64_t groups = 0;          // groups simulated
  std::uint64_t memberships = 0;     // (group, user) memberships at the end
  double mean_members = 0;           // members per group at the end
  std::uint32_t size_limit = 0;      // most members a group may have
  std::uint64_t messages = 0;        // group messages sent
  std::uint64_t notices = 0;         // membership notices the group service put in the log
  std::uint64_t copies = 0;          // device copies fanned out by handlers
  std::uint64_t deliveries = 0;      // group copies delivered to apps
  std::uint64_t fanout_incomplete = 0;  // group messages sent after the warm-up not yet on every
                                        // entitled device at the end
  std::uint64_t joins = 0;           // members added
  std::uint64_t leaves = 0;          // members removed
  std::uint64_t joins_rejected = 0;  // joins refused because the group was at its size limit
  std::uint64_t member_lookups = 0;  // member-list lookups by fan-out handlers
  std::uint64_t cache_hits = 0;      // of those, answered by the handler's member cache
  double cache_hit_ratio = 0;        // cache_hits / member_lookups, 0..1 (0 when no lookups)
  SenderKeyReport sender_keys;
  std::uint32_t partitions = 0;          // partitions of the group log
  std::uint32_t replication_factor = 0;  // replicas of each partition
  std::string acks;                      // producer acknowledgement setting, e.g. "all" or "1"
  double partition_lag_max = 0;          // consumer lag in records, max over sampling times and partitions
  double partition_lag_p99 = 0;          // consumer lag in records, 99th percentile over the same samples
  std::vector<BrokerReport> brokers;     // by index
};

// One CDN point of presence.
struct PopReport {
  std::string name;              // host name, e.g. "eu-pop0"
  std::string region;
  std::uint64_t requests = 0;    // download requests it received
  std::uint64_t hits = 0;        // served from its cache
  double hit_ratio = 0;          // hits / requests, 0..1 (0 when no requests)
  std::uint64_t collapsed = 0;   // misses that waited on a fetch of the same item already in flight
  std::uint64_t evictions = 0;
  double cached_bytes_end = 0;
  double cache_bytes = 0;        // capacity
};

// Outbound network traffic of a media tier over the measured window, in Gb/s.
struct MediaEgress {
  double cdn_gbps = 0;    // PoPs to phones
  double blob_gbps = 0;   // storage hosts to PoPs (origin reads)
  double asset_gbps = 0;  // asset service to storage hosts (new content)
};

// One sample of the media timeline: cumulative counts at simulated time t_s.
struct MediaSample {
  double t_s = 0;
  double cdn_bytes = 0;             // served by PoPs so far
  double blob_bytes = 0;            // read from blob storage so far
  std::uint64_t viral_requests = 0;
  std::uint64_t viral_cdn_hits = 0;
  std::uint64_t viral_blob_reads = 0;
};

// The viral item (scenario media.viral): how its downloads moved from blob storage to the CDN.
struct ViralReport {
  bool enabled = false;
  std::uint64_t asset = 0;               // its asset id (0 when it was never uploaded)
  std::uint64_t requests = 0;            // download requests at PoPs
  std::uint64_t cdn_hits = 0;
  std::uint64_t blob_reads = 0;          // reads of it from blob storage
  double promoted_at_s = -1;             // simulated time of promotion; -1 when never promoted
  std::uint64_t requests_after_promotion = 0;
  std::uint64_t cdn_hits_after_promotion = 0;
  std::uint64_t blob_reads_after_promotion = 0;
};

// Media: uploads through the asset service, blob storage, downloads through the CDN.
struct MediaReport {
  bool enabled = false;                  // media.message_share > 0; nothing else is written when false
  std::uint64_t attachments = 0;         // media messages composed (refused ones included)
  std::map<std::string, std::uint64_t> refused;  // by reason: media_over_limit, document_over_limit, storage_full
  std::map<std::string, std::uint64_t> by_type;  // attachments composed per type
  std::uint64_t uploads = 0;             // uploads that reached the asset service
  std::uint64_t dedup_hits = 0;          // of those, content already stored
  std::uint64_t uploads_pending_end = 0;  // attachments still on the phone or in upload at the end
  std::uint64_t messages_sent = 0;       // media messages sent with an asset id
  std::uint64_t downloads_requested = 0;
  std::uint64_t downloads_completed = 0;
  std::uint64_t downloads_failed = 0;    // asked for an id the asset service does not know (must be 0)
  std::uint64_t downloads_pending_end = 0;
  std::uint64_t cdn_hits = 0;
  double cdn_hit_ratio = 0;              // cdn_hits / downloads that reached a PoP
  std::uint64_t promotions = 0;          // assets promoted to the CDN
  std::vector<PopReport> pops;
  MediaEgress egress;
  double blob_bytes_stored = 0;          // across storage hosts
  double blob_capacity_bytes = 0;
  std::uint64_t assets_stored = 0;
  double dedup_saved_bytes = 0;          // bytes not stored again thanks to dedup
  double uplink_saved_bytes = 0;         // bytes phones did not upload: the service had them (dedup "ask_first")
  double storage_disk_utilization = 0;   // busy fraction of storage disks (bytes / bandwidth), mean over hosts
  ViralReport viral;
  std::vector<MediaSample> timeline;     // one sample per progress step
};

// Where a latency class's time went: the mean per sample, in ms, of what the message's path
// spent on each kind of thing. The parts add up to the mean latency.
struct LatencyBreakdown {
  std::uint64_t samples = 0;
  double total_ms = 0;          // mean latency of the class (the sum of the parts)
  double network_ms = 0;        // route latency and transfer time of every hop on the path
  double queueing_ms = 0;       // waiting for a server core
  double server_cpu_ms = 0;     // server CPU work, transport (Noise) crypto included
  double device_crypto_ms = 0;  // phone crypto: encrypt, decrypt, X3DH, ratchet, sender keys, media files
  double other_ms = 0;          // the rest: waits that are not work (a device offline, a person
                                // reading, a key-bundle fetch's database wait, a phone busy with another message)
};

// Prekeys at the user service.
struct PrekeyReport {
  std::uint32_t batch = 0;              // one-time prekeys per upload
  std::uint32_t low_threshold = 0;      // a device replenishes at this stock
  std::uint64_t bundles_fetched = 0;    // device bundles handed out
  std::uint64_t without_one_time_prekey = 0;  // of those, with the device's stock exhausted (3 key agreements, not 4)
  std::uint64_t replenishments = 0;     // batches uploaded
  double stock_mean_end = 0;            // one-time prekeys per device at the end
  std::uint64_t stock_min_end = 0;
};

// Crypto work on one server tier over the measured window.
struct TierCryptoReport {
  std::string tier;             // e.g. "chat_server" (Noise), "user_service"
  double cycles_per_s = 0;      // per server, mean
  double cpu_share = 0;         // of the tier's busy cycles, 0..1
};

// One device profile: how many devices have it, and what security costs on it.
struct DeviceProfileReport {
  std::string name;
  std::uint64_t devices = 0;
  double crypto_seconds = 0;          // phone time spent on crypto in the run, all its devices
  double text_message_crypto_ms = 0;  // cost model: encrypt + decrypt one mean-size text body, sessions set up
  double video_16mb_crypto_ms = 0;    // cost model: encrypt + decrypt a 16 MB file
  double x3dh_ms = 0;                 // cost model: a session's set-up on the sender (with a one-time prekey)
  double registration_ms = 0;         // cost model: registering a device (identity key, signed prekey, a batch)
};

// End-to-end and transport encryption: sessions, prekeys, where the work went, and the
// confidentiality check (no server ever handled a body as plaintext).
struct CryptoReport {
  bool end_to_end = false;
  bool transport = false;
  std::uint64_t sessions_established = 0;  // X3DH runs (sender side)
  std::uint64_t ratchet_steps = 0;
  std::uint64_t messages_encrypted = 0;    // ciphertexts made by senders (one per recipient and own companion device)
  double phone_crypto_seconds = 0;
  PrekeyReport prekeys;
  std::vector<TierCryptoReport> tiers;
  std::vector<DeviceProfileReport> profiles;
  std::uint64_t bodies_seen_by_servers = 0;     // message bodies server components handled
  std::uint64_t plaintext_at_servers = 0;       // of those, in plaintext: 0 with end_to_end
  std::vector<std::string> plaintext_examples;  // the first few: "component: message id"
  std::int64_t compromised_device = -1;
  std::uint64_t copies_for_compromised = 0;     // message copies sealed for that device: what its keys expose
  std::uint64_t copies_for_others = 0;          // copies sealed for any other device: not exposed
};

// A fault the run injected, as a time window: the timeline plot shades it.
struct FaultWindow {
  std::string label;  // e.g. "crash message_service[0]", "partition isolate europe-africa"
  double start_s = 0;
  double end_s = 0;   // healed
};

// One window of simulated time: sends made in it and how many were acknowledged in time.
struct AvailabilityWindow {
  double start_s = 0;
  std::uint64_t sends = 0;          // new messages sent in the window
  std::uint64_t acked_in_time = 0;  // of those, acknowledged within availability.ack_within_s
  double share = 1;                 // acked_in_time / sends (1 when no sends)
  double mean_ack_ms = 0;           // mean send-to-ack latency of the window's acknowledged sends
  std::uint64_t delivered = 0;      // device copies delivered in the window (throughput)
  std::uint64_t queued_frames = 0;  // frames waiting for a core, summed over all servers, at the window's end
};

// After a fault healed: how long until the windows were back at their pre-fault level.
struct FaultRecovery {
  std::string label;
  double healed_at_s = 0;
  double pre_fault_share = 1;    // mean share of the windows before the first fault (after warm-up)
  double pre_fault_ack_ms = 0;   // mean ack latency of the same windows
  double availability_recovered_after_s = -1;  // from heal to the first window back in tolerance; -1: never
  double latency_recovered_after_s = -1;
};

// Availability: the share of sends acknowledged in time, per window, during and outside faults.
struct AvailabilityReport {
  double ack_within_s = 0;
  double window_s = 0;
  double overall = 1;         // over all windows after the warm-up
  double during_faults = 1;   // sends made while any fault was active (1 when there were none)
  double outside_faults = 1;
  std::vector<FaultWindow> faults;
  std::vector<AvailabilityWindow> windows;
  std::vector<FaultRecovery> recoveries;
};

struct SimCounters {
  double simulated_seconds = 0;
  double warmup_seconds = 0;
  std::uint64_t frames = 0;  // frames handled by server actors: the model's own event count
  std::uint64_t hops = 0;    // frames sent over the simulated network (device hops included)
  std::uint64_t frames_lost = 0;  // of those, lost to faults (down server, cut or lossy link, no primary)
};

struct RunTiming {
  double wall_seconds = 0;
  double messages_per_wall_second = 0;   // delivered device copies per wall second
  std::uint64_t peak_rss_bytes = 0;
  double rss_bytes_per_user = 0;
};

struct RunReport {
  std::string scenario_name;
  std::string scenario_file;
  std::uint64_t seed = 0;
  ScaleStatement scale;
  MessageCounts messages;
  std::map<std::string, LatencySummary> latency_ms;  // server_ack, delivered, read, offline_delivery (and
                                                     // group_* classes when groups are enabled)
  std::vector<TierReport> tiers;
  StorageReport storage;
  GroupReport groups;
  MediaReport media;
  std::map<std::string, LatencyBreakdown> latency_breakdown;  // by latency class
  CryptoReport crypto;
  ConsistencyCounts consistency;
  AvailabilityReport availability;
  std::string replication;   // message-service replication mode: none, sync or async
  SimCounters sim;
};

// report.json: stable key order, fixed number formatting, so one seed gives one byte string.
nlohmann::ordered_json to_json(const RunReport& report);
nlohmann::ordered_json to_json(const RunTiming& timing);
// report.md: the same figures for people, plus the timing.
std::string to_markdown(const RunReport& report, const RunTiming& timing);

}  // namespace whatsim
