#include "analysis/figure_direction.hpp"

#include <string>

namespace whatsim {
namespace {

enum class Match { exact, prefix, suffix, contains };

struct DirectionRule {
  Match match;
  const char* text;
  WorseDirection direction;
};

using D = WorseDirection;

// Ordered, first match wins: the neutral exceptions come before the broad rules they would
// otherwise fall under (a model's predicted "wait_ms", a latency class's sample "count").
// The names are those docs/report-schema.md documents.
constexpr DirectionRule kRules[] = {
    // Inputs and predictions, not measurements of the design: they change with the scenario.
    // The full deployment's figures are the measured ones extrapolated: judged where measured.
    {Match::prefix, "/scenario/", D::neutral},
    {Match::prefix, "/model/", D::neutral},
    {Match::prefix, "/model_comparison/", D::neutral},
    {Match::prefix, "/full_deployment/", D::neutral},
    {Match::exact, "/sim/frames_lost", D::higher},
    {Match::prefix, "/sim/", D::neutral},  // the simulation's own event counters and durations
    // Configuration echoes anywhere: how big, how many, which limit; and an asset id.
    {Match::suffix, "/servers", D::neutral},
    {Match::suffix, "/cores_per_server", D::neutral},
    {Match::suffix, "_capacity", D::neutral},
    {Match::suffix, "capacity_bytes", D::neutral},
    {Match::suffix, "/cache_bytes", D::neutral},
    {Match::suffix, "/size_limit", D::neutral},
    {Match::suffix, "/partitions", D::neutral},
    {Match::suffix, "/replication_factor", D::neutral},
    {Match::suffix, "/batch", D::neutral},
    {Match::suffix, "/low_threshold", D::neutral},
    {Match::suffix, "/ack_within_s", D::neutral},
    {Match::suffix, "/window_s", D::neutral},
    {Match::suffix, "/compromised_device", D::neutral},
    {Match::suffix, "/devices", D::neutral},
    {Match::suffix, "/asset", D::neutral},
    // How many samples a mean has, and how a mean splits into parts: neither better nor worse.
    {Match::suffix, "/count", D::neutral},
    {Match::suffix, "/samples", D::neutral},
    {Match::contains, "/shares/", D::neutral},
    // Higher is worse: time taken.
    {Match::prefix, "/latency_ms/", D::higher},
    {Match::suffix, "_ms", D::higher},
    {Match::suffix, "_recovered_after_s", D::higher},
    // Anomalies.
    {Match::prefix, "/consistency/", D::higher},
    // Load on a resource.
    {Match::contains, "utilization", D::higher},
    {Match::contains, "queue_depth", D::higher},
    {Match::contains, "_lag_", D::higher},
    {Match::suffix, "_peak", D::higher},  // memory_bytes_peak, memory_share_peak
    {Match::suffix, "/peak_connections", D::higher},
    // Bytes stored and sent.
    {Match::prefix, "/storage/", D::higher},
    {Match::suffix, "/blob_bytes_stored", D::higher},
    {Match::prefix, "/media/egress/", D::higher},
    // Failures, retries, refusals and leftovers.
    {Match::suffix, "/expired", D::higher},
    {Match::suffix, "rejected", D::higher},
    {Match::suffix, "/retries", D::higher},
    {Match::suffix, "/pending", D::higher},
    {Match::suffix, "_pending_end", D::higher},
    {Match::suffix, "/fanout_incomplete", D::higher},
    {Match::suffix, "_failed", D::higher},
    {Match::suffix, "/evictions", D::higher},
    {Match::prefix, "/media/refused/", D::higher},
    {Match::contains, "/blob_reads", D::higher},  // reads of the viral item that the CDN should have served
    // What confidentiality loses.
    {Match::suffix, "/plaintext_at_servers", D::higher},
    {Match::suffix, "/without_one_time_prekey", D::higher},
    {Match::suffix, "/copies_for_compromised", D::higher},
    // CPU spent on phones and servers.
    {Match::suffix, "crypto_seconds", D::higher},
    {Match::suffix, "/cycles_per_s", D::higher},
    {Match::suffix, "/phone_cycles", D::higher},
    {Match::suffix, "/phone_seconds", D::higher},
    {Match::exact, "/groups/sender_keys/bytes", D::higher},
    // Lower is worse: sends acknowledged in time (its thresholds and latencies matched above).
    {Match::prefix, "/availability/", D::lower},
    {Match::contains, "acked_in_time", D::lower},
    // Hits and what dedup saved.
    {Match::suffix, "hit_ratio", D::lower},
    {Match::suffix, "hits", D::lower},
    {Match::suffix, "hits_after_promotion", D::lower},
    {Match::suffix, "_saved_bytes", D::lower},
    // Throughput.
    {Match::exact, "/messages/acknowledged", D::lower},
    {Match::exact, "/messages/delivered", D::lower},
    {Match::exact, "/messages/read", D::lower},
    {Match::exact, "/groups/deliveries", D::lower},
    {Match::suffix, "/downloads_completed", D::lower},
};

bool matches(const DirectionRule& rule, const std::string& figure) {
  const std::string text = rule.text;
  switch (rule.match) {
    case Match::exact: return figure == text;
    case Match::prefix: return figure.compare(0, text.size(), text) == 0;
    case Match::suffix:
      return figure.size() >= text.size() && figure.compare(figure.size() - text.size(), text.size(), text) == 0;
    case Match::contains: return figure.find(text) != std::string::npos;
  }
  return false;
}

}  // namespace

WorseDirection worse_direction(const std::string& figure) {
  for (const DirectionRule& rule : kRules) {
    if (matches(rule, figure)) return rule.direction;
  }
  return WorseDirection::neutral;
}

const char* to_string(WorseDirection direction) {
  switch (direction) {
    case WorseDirection::higher: return "higher";
    case WorseDirection::lower: return "lower";
    case WorseDirection::neutral: return "neutral";
  }
  return "neutral";
}

}  // namespace whatsim
