#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/figure_direction.hpp"

using namespace whatsim;

namespace {

// Every name below is one a run writes (docs/report-schema.md), as numeric_figures names it.
void require_all(const std::vector<std::string>& figures, WorseDirection expected) {
  for (const std::string& figure : figures) {
    INFO(figure);
    CHECK(std::string(to_string(worse_direction(figure))) == to_string(expected));
  }
}

}  // namespace

TEST_CASE("latencies and anomalies and load are worse when higher", "[unit][figure-direction]") {
  require_all({"/latency_ms/delivered/p99", "/latency_ms/server_ack/mean", "/latency_ms/group_fanout/max",
               "/latency_ms/media_download_cdn_miss/p50", "/latency_breakdown/delivered/queueing_ms",
               "/latency_breakdown/server_ack/total_ms", "/crypto/profiles/low_end/x3dh_ms",
               "/consistency/lost", "/consistency/duplicated", "/consistency/order_violations",
               "/consistency/group_non_member_deliveries", "/consistency/acked_before_durable",
               "/tiers/chat_server/cpu_utilization_mean", "/tiers/broker/cpu_utilization_max",
               "/tiers/message_service/queue_depth_max", "/tiers/chat_server/memory_share_peak",
               "/tiers/chat_server/peak_connections", "/media/storage_disk_utilization",
               "/groups/partition_lag_p99", "/storage/offline_bytes_peak", "/storage/offline_frames_end",
               "/media/blob_bytes_stored", "/media/egress/cdn_gbps", "/messages/retries", "/messages/expired",
               "/messages/rejected", "/messages/pending", "/groups/joins_rejected", "/groups/fanout_incomplete",
               "/media/refused/storage_full", "/media/downloads_failed", "/media/uploads_pending_end",
               "/media/pops/americas-pop0/evictions", "/media/viral/blob_reads_after_promotion",
               "/crypto/plaintext_at_servers", "/crypto/prekeys/without_one_time_prekey",
               "/crypto/phone_crypto_seconds", "/crypto/tiers/chat_server/cycles_per_s",
               "/groups/sender_keys/phone_seconds", "/groups/sender_keys/bytes", "/sim/frames_lost"},
              WorseDirection::higher);
}

TEST_CASE("availability and hits and throughput are worse when lower", "[unit][figure-direction]") {
  require_all({"/availability/overall", "/availability/during_faults", "/availability/outside_faults",
               "/messages/acknowledged", "/messages/delivered", "/messages/read", "/groups/deliveries",
               "/media/downloads_completed", "/media/cdn_hit_ratio", "/media/cdn_hits", "/groups/cache_hit_ratio",
               "/groups/cache_hits", "/media/pops/europe-africa-pop0/hit_ratio", "/media/dedup_hits",
               "/media/dedup_saved_bytes", "/media/uplink_saved_bytes", "/media/viral/cdn_hits_after_promotion"},
              WorseDirection::lower);
}

TEST_CASE("workload and configuration and model figures are neutral", "[unit][figure-direction]") {
  require_all({// Configuration echoes and the run's identity.
               "/scenario/seed", "/scenario/users_simulated", "/scenario/chat_servers_modeled",
               "/tiers/chat_server/servers", "/tiers/websocket_manager/cores_per_server",
               "/tiers/chat_server/memory_bytes_capacity", "/media/blob_capacity_bytes",
               "/media/pops/americas-pop0/cache_bytes", "/groups/size_limit", "/groups/partitions",
               "/availability/ack_within_s", "/availability/window_s", "/crypto/prekeys/batch",
               "/crypto/compromised_device", "/crypto/profiles/high_end/devices", "/media/viral/asset",
               // The analytic model's predictions and its agreement with the run: inputs, not the design's result.
               "/model/stations/chat_server/wait_ms", "/model/stations/message_service/cpu_utilization",
               "/model/latency_ms/delivered/p99_ms", "/model_comparison/disagreements",
               "/model_comparison/rows/cpu_utilization.chat_server/simulated",
               "/full_deployment/checks/chat_server CPU utilization (busiest server)/actual",
               // The simulation's own counters.
               "/sim/hops", "/sim/frames", "/sim/simulated_seconds",
               // Sample counts and the composition of a mean.
               "/latency_ms/delivered/count", "/latency_breakdown/read/samples",
               "/latency_breakdown/read/shares/network", "/crypto/tiers/chat_server/cpu_share",
               // What the workload asked for.
               "/messages/sent", "/tiers/chat_server/frames_handled", "/media/attachments", "/media/by_type/video",
               "/groups/messages", "/crypto/sessions_established", "/media/pops/americas-pop0/requests",
               // A name no rule knows.
               "/something/new"},
              WorseDirection::neutral);
}
