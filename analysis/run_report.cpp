#include "analysis/run_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "analysis/availability_report_writer.hpp"
#include "analysis/crypto_report_writer.hpp"
#include "analysis/media_report_writer.hpp"
#include "analysis/report_format.hpp"

namespace whatsim {

using namespace report_format;

double memory_share(const TierReport& t) {
  return t.memory_bytes_capacity > 0 ? t.memory_bytes_peak / t.memory_bytes_capacity : 0;
}

namespace {

using Json = nlohmann::ordered_json;

Json scenario_json(const RunReport& r) {
  const ScaleStatement& s = r.scale;
  return Json{{"name", r.scenario_name},
              {"file", r.scenario_file},
              {"seed", r.seed},
              {"full_scale", s.full_scale},
              {"users_modeled", s.users_modeled},
              {"users_simulated", s.users_simulated},
              {"chat_servers_modeled", s.chat_servers_modeled},
              {"chat_servers_simulated", s.chat_servers_simulated},
              {"cells", s.cells},
              {"simulated_cells", round_sig(s.simulated_cells)},
              {"file_lanes", s.file_lanes},
              {"simulated", s.simulated},
              {"extrapolated", s.extrapolated}};
}

Json messages_json(const MessageCounts& m) {
  return Json{{"sent", m.sent},         {"acknowledged", m.acknowledged}, {"delivered", m.delivered},
              {"pending", m.pending},   {"expired", m.expired},           {"rejected", m.rejected},
              {"read", m.read},         {"retries", m.retries}};
}

Json latency_json(const LatencySummary& l) {
  return Json{{"count", l.count},
              {"mean", round_sig(l.mean_ms)},
              {"p50", round_sig(l.p50_ms)},
              {"p90", round_sig(l.p90_ms)},
              {"p99", round_sig(l.p99_ms)},
              {"p999", round_sig(l.p999_ms)},
              {"max", round_sig(l.max_ms)}};
}

// Each part over the class's mean, so classes of very different lengths compare at a glance.
Json breakdown_shares_json(const LatencyBreakdown& b) {
  return Json{{"network", round_sig(share_of(b.network_ms, b.total_ms))},
              {"queueing", round_sig(share_of(b.queueing_ms, b.total_ms))},
              {"server_cpu", round_sig(share_of(b.server_cpu_ms, b.total_ms))},
              {"device_crypto", round_sig(share_of(b.device_crypto_ms, b.total_ms))},
              {"other", round_sig(share_of(b.other_ms, b.total_ms))}};
}

Json breakdown_json(const LatencyBreakdown& b) {
  return Json{{"samples", b.samples},
              {"total_ms", round_sig(b.total_ms)},
              {"network_ms", round_sig(b.network_ms)},
              {"queueing_ms", round_sig(b.queueing_ms)},
              {"server_cpu_ms", round_sig(b.server_cpu_ms)},
              {"device_crypto_ms", round_sig(b.device_crypto_ms)},
              {"other_ms", round_sig(b.other_ms)},
              {"shares", breakdown_shares_json(b)}};
}

// Each server's own figures, so that a run of several cells gives a spread to compare a
// slice's cell with.
Json per_server_json(const TierReport& t) {
  Json utilization = Json::array(), waiting = Json::array();
  for (double u : t.cpu_utilization_per_server) utilization.push_back(round_sig(u));
  for (double q : t.queue_depth_per_server) waiting.push_back(round_sig(q));
  return Json{{"cpu_utilization", utilization}, {"queue_depth_mean", waiting}};
}

Json tier_json(const TierReport& t) {
  return Json{{"servers", t.servers},
              {"cores_per_server", t.cores_per_server},
              {"capacity_cores_per_server", round_sig(t.capacity_cores_per_server)},
              {"cpu_utilization_mean", round_sig(t.cpu_utilization_mean)},
              {"cpu_utilization_max", round_sig(t.cpu_utilization_max)},
              {"peak_connections", t.peak_connections},
              {"memory_bytes_peak", round_sig(t.memory_bytes_peak)},
              {"memory_bytes_capacity", round_sig(t.memory_bytes_capacity)},
              {"memory_share_peak", round_sig(memory_share(t))},
              {"queue_depth_mean", round_sig(t.queue_depth_mean)},
              {"queue_depth_max", t.queue_depth_max},
              {"frames_handled", t.frames_handled},
              {"frames_measured", t.frames_measured},
              {"per_server", per_server_json(t)}};
}

Json storage_json(const StorageReport& s) {
  return Json{{"offline_bytes_end", s.offline_bytes_end},
              {"offline_frames_end", s.offline_frames_end},
              {"offline_bytes_peak", s.offline_bytes_peak},
              {"offline_frames_peak", s.offline_frames_peak}};
}

Json broker_json(const BrokerReport& b) {
  return Json{{"index", b.index},
              {"cpu_utilization", round_sig(b.cpu_utilization)},
              {"bytes_in", b.bytes_in},
              {"bytes_out", b.bytes_out},
              {"records_appended", b.records_appended}};
}

Json sender_keys_json(const SenderKeyReport& k) {
  return Json{{"distributions", k.distributions},
              {"pairwise_copies", k.pairwise_copies},
              {"bytes", k.bytes},
              {"phone_cycles", round_sig(k.phone_cycles)},
              {"phone_seconds", round_sig(k.phone_seconds)}};
}

// A run without groups says only that, so one-to-one reports carry no zeros that look measured.
Json groups_json(const GroupReport& g) {
  if (!g.enabled) return Json{{"enabled", false}};
  Json brokers = Json::array();
  for (const BrokerReport& b : g.brokers) brokers.push_back(broker_json(b));
  return Json{{"enabled", true},
              {"groups", g.groups},
              {"memberships", g.memberships},
              {"mean_members", round_sig(g.mean_members)},
              {"size_limit", g.size_limit},
              {"messages", g.messages},
              {"notices", g.notices},
              {"copies", g.copies},
              {"deliveries", g.deliveries},
              {"fanout_incomplete", g.fanout_incomplete},
              {"joins", g.joins},
              {"leaves", g.leaves},
              {"joins_rejected", g.joins_rejected},
              {"member_lookups", g.member_lookups},
              {"cache_hits", g.cache_hits},
              {"cache_hit_ratio", round_sig(g.cache_hit_ratio)},
              {"sender_keys", sender_keys_json(g.sender_keys)},
              {"partitions", g.partitions},
              {"replication_factor", g.replication_factor},
              {"acks", g.acks},
              {"partition_lag_max", round_sig(g.partition_lag_max)},
              {"partition_lag_p99", round_sig(g.partition_lag_p99)},
              {"brokers", std::move(brokers)}};
}

// An example's timeline only when one was attached (from a history file), so reports of runs
// without one read as before.
Json anomaly_json(const Anomaly& a) {
  Json out{{"kind", a.kind},
           {"message", a.id.packed()},
           {"device", a.device},
           {"time", round_sig(a.time)},
           {"detail", a.detail}};
  if (!a.timeline.empty()) out["timeline"] = a.timeline;
  return out;
}

Json consistency_json(const ConsistencyCounts& c) {
  Json examples = Json::array();
  for (const Anomaly& a : c.examples) examples.push_back(anomaly_json(a));
  return Json{{"lost", c.lost},
              {"duplicated", c.duplicated},
              {"order_violations", c.order_violations},
              {"receipt_regressions", c.receipt_regressions},
              {"missing_copies", c.missing_copies},
              {"divergences", c.divergences},
              {"acked_before_durable", c.acked_before_durable},
              {"group_lost", c.group_lost},
              {"group_duplicated", c.group_duplicated},
              {"group_order_disagreements", c.group_order_disagreements},
              {"group_non_member_deliveries", c.group_non_member_deliveries},
              {"examples", std::move(examples)}};
}

Json sim_json(const SimCounters& s) {
  return Json{{"simulated_seconds", round_sig(s.simulated_seconds)},
              {"warmup_seconds", round_sig(s.warmup_seconds)},
              {"frames", s.frames},
              {"hops", s.hops},
              {"frames_lost", s.frames_lost},
              {"wall_clock", "run.json"}};  // machine-dependent figures are kept out of this file
}

// ---- Markdown -------------------------------------------------------------------------

void scale_md(std::ostream& out, const RunReport& r) {
  const ScaleStatement& s = r.scale;
  if (!s.full_scale) {
    out << "**Slice: " << s.simulated_cells << " of " << s.cells << " cells (" << s.users_simulated << " of "
        << s.users_modeled << " users) simulated; the figures below are the slice's. \"Full deployment\" "
           "extrapolates them and says how.**\n\n";
  } else {
    out << "Full-scale run: all " << s.users_simulated << " users simulated message by message.\n\n";
  }
  out << "- Simulated: " << s.simulated << "\n- Extrapolated: " << s.extrapolated << "\n- Chat servers: "
      << s.chat_servers_simulated << " simulated of " << s.chat_servers_modeled << " modeled\n- Scenario file: `"
      << r.scenario_file << "`, seed " << r.seed << "\n\n";
}

void messages_md(std::ostream& out, const MessageCounts& m) {
  out << "## Messages\n\n| Measure | Count |\n|---|---:|\n"
      << "| Sent | " << m.sent << " |\n| Acknowledged (one check) | " << m.acknowledged << " |\n"
      << "| Delivered (device copies) | " << m.delivered << " |\n| Read (device copies) | " << m.read << " |\n"
      << "| Pending at end (device copies) | " << m.pending << " |\n| Expired (device copies) | " << m.expired
      << " |\n| Rejected | " << m.rejected << " |\n| Retries | " << m.retries << " |\n\n";
}

void latency_md(std::ostream& out, const std::map<std::string, LatencySummary>& latency) {
  out << "## Latency (ms)\n\n| Class | Count | Mean | p50 | p90 | p99 | p99.9 | Max |\n"
      << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& [name, l] : latency) {
    out << "| " << name << " | " << l.count << " | " << ms(l.mean_ms) << " | " << ms(l.p50_ms) << " | "
        << ms(l.p90_ms) << " | " << ms(l.p99_ms) << " | " << ms(l.p999_ms) << " | " << ms(l.max_ms) << " |\n";
  }
  out << '\n';
}

// "12.5 ms (5 %)": a part of a class's mean latency, with its share of that mean.
std::string ms_with_share(double part_ms, double total_ms) {
  return ms(part_ms) + " ms (" + percent(share_of(part_ms, total_ms)) + ")";
}

void breakdown_md(std::ostream& out, const std::map<std::string, LatencyBreakdown>& breakdown) {
  if (breakdown.empty()) return;
  out << "## Where the time goes\n\nThe mean latency of each class, split by what the message's path spent it on.\n\n"
      << "| Class | Mean (ms) | Network | Queueing | Server CPU | Device crypto | Other |\n"
      << "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& [name, b] : breakdown) {
    out << "| " << name << " | " << ms(b.total_ms) << " | " << ms_with_share(b.network_ms, b.total_ms) << " | "
        << ms_with_share(b.queueing_ms, b.total_ms) << " | " << ms_with_share(b.server_cpu_ms, b.total_ms) << " | "
        << ms_with_share(b.device_crypto_ms, b.total_ms) << " | " << ms_with_share(b.other_ms, b.total_ms) << " |\n";
  }
  out << '\n';
}

void tiers_md(std::ostream& out, const std::vector<TierReport>& tiers) {
  out << "## Tiers\n\n| Tier | Servers | Cores | CPU mean | CPU max | Peak connections | Memory peak (GB) "
         "| Memory share | Queue mean | Queue max | Frames |\n"
      << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const TierReport& t : tiers) {
    out << "| " << t.name << " | " << t.servers << " | " << t.cores_per_server << " | "
        << percent(t.cpu_utilization_mean) << " | " << percent(t.cpu_utilization_max) << " | " << t.peak_connections
        << " | " << gigabytes(t.memory_bytes_peak) << " of " << gigabytes(t.memory_bytes_capacity) << " | "
        << percent(memory_share(t)) << " | " << fixed(t.queue_depth_mean, 2) << " | " << t.queue_depth_max << " | "
        << t.frames_handled << " |\n";
  }
  out << '\n';
}

void storage_md(std::ostream& out, const StorageReport& s) {
  out << "## Offline storage\n\n| Measure | End | Peak |\n|---|---:|---:|\n"
      << "| Bytes | " << s.offline_bytes_end << " | " << s.offline_bytes_peak << " |\n"
      << "| Frames | " << s.offline_frames_end << " | " << s.offline_frames_peak << " |\n\n";
}

void groups_md(std::ostream& out, const GroupReport& g) {
  const SenderKeyReport& k = g.sender_keys;
  using std::to_string;
  const std::pair<const char*, std::string> rows[] = {
      {"Groups", to_string(g.groups)},
      {"Memberships (end)", to_string(g.memberships)},
      {"Mean members", fixed(g.mean_members, 1)},
      {"Size limit", to_string(g.size_limit)},
      {"Messages sent", to_string(g.messages)},
      {"Membership notices", to_string(g.notices)},
      {"Device copies fanned out", to_string(g.copies)},
      {"Copies delivered", to_string(g.deliveries)},
      {"Messages not on every entitled device at end", to_string(g.fanout_incomplete)},
      {"Joins", to_string(g.joins)},
      {"Leaves", to_string(g.leaves)},
      {"Joins rejected", to_string(g.joins_rejected)},
      {"Member lookups", to_string(g.member_lookups)},
      {"Member cache hits", to_string(g.cache_hits) + " (" + percent(g.cache_hit_ratio) + ")"},
      {"Sender-key distributions", to_string(k.distributions)},
      {"Sender-key pairwise copies", to_string(k.pairwise_copies)},
      {"Sender-key bytes", to_string(k.bytes)},
      {"Sender-key phone CPU (cycles)", fixed(k.phone_cycles, 0)},
      {"Sender-key phone CPU (s)", fixed(k.phone_seconds, 3)},
      {"Log partitions", to_string(g.partitions)},
      {"Replication factor", to_string(g.replication_factor)},
      {"Producer acks", g.acks},
      {"Partition lag max (records)", fixed(g.partition_lag_max, 1)},
      {"Partition lag p99 (records)", fixed(g.partition_lag_p99, 1)},
  };
  out << "## Group chat\n\n| Measure | Value |\n|---|---:|\n";
  for (const auto& [measure, value] : rows) out << "| " << measure << " | " << value << " |\n";
  out << '\n';
  if (g.brokers.empty()) return;
  out << "| Broker | CPU | Bytes in | Bytes out | Records appended |\n|---:|---:|---:|---:|---:|\n";
  for (const BrokerReport& b : g.brokers) {
    out << "| " << b.index << " | " << percent(b.cpu_utilization) << " | " << b.bytes_in << " | " << b.bytes_out
        << " | " << b.records_appended << " |\n";
  }
  out << '\n';
}

void consistency_md(std::ostream& out, const ConsistencyCounts& c, const std::string& replication) {
  out << "## Consistency\n\n"
      << (c.total() == 0 ? "No anomalies found.\n\n" : "**Anomalies found.**\n\n");
  if (!replication.empty()) out << "Message-service replication: " << replication << ".\n\n";
  out << "| Check | Count |\n|---|---:|\n| Lost | " << c.lost << " |\n| Duplicated | " << c.duplicated
      << " |\n| Order violations | " << c.order_violations << " |\n| Receipt regressions | " << c.receipt_regressions
      << " |\n| Missing copies | " << c.missing_copies << " |\n| Divergences between a user's devices | "
      << c.divergences << " |\n| Acknowledged before durable | " << c.acked_before_durable
      << " |\n| Group copies lost | " << c.group_lost
      << " |\n| Group copies duplicated | " << c.group_duplicated << " |\n| Group order disagreements | "
      << c.group_order_disagreements << " |\n| Group deliveries to non-members | " << c.group_non_member_deliveries
      << " |\n\n";
  if (c.examples.empty()) return;
  out << "Examples:\n\n";
  for (const Anomaly& a : c.examples) {
    out << "- " << a.kind << ": message " << a.id.device << ":" << a.id.counter << " (" << a.id.packed()
        << "), device " << a.device << ", t = " << fixed(a.time, 6) << " s: " << a.detail << '\n';
    for (const std::string& line : a.timeline) out << "  - " << line << '\n';
  }
  out << '\n';
}

void sim_md(std::ostream& out, const SimCounters& s, const RunTiming& t) {
  out << "## Simulation and timing\n\n| Measure | Value |\n|---|---:|\n"
      << "| Simulated time (s) | " << fixed(s.simulated_seconds, 3) << " |\n| Warm-up excluded (s) | "
      << fixed(s.warmup_seconds, 3) << " |\n| Frames handled | " << s.frames << " |\n| Network hops | " << s.hops << " |\n| Frames lost to faults | " << s.frames_lost << " |\n| Wall-clock time (s) | "
      << fixed(t.wall_seconds, 2) << " |\n| Messages per wall second | " << fixed(t.messages_per_wall_second, 0)
      << " |\n| Peak RSS (MB) | " << fixed(static_cast<double>(t.peak_rss_bytes) / 1e6, 1)
      << " |\n| RSS bytes per simulated user | " << fixed(t.rss_bytes_per_user, 0) << " |\n\n"
      << "Timing figures depend on the machine; they are in run.json, not report.json.\n";
}

}  // namespace

Json to_json(const RunReport& report) {
  Json latency = Json::object();
  for (const auto& [name, summary] : report.latency_ms) latency[name] = latency_json(summary);
  // Both maps are keyed by class name, so the classes come in latency_ms's order.
  Json breakdown = Json::object();
  for (const auto& [name, parts] : report.latency_breakdown) breakdown[name] = breakdown_json(parts);
  Json tiers = Json::object();
  for (const TierReport& t : report.tiers) tiers[t.name] = tier_json(t);
  return Json{{"scenario", scenario_json(report)},
              {"messages", messages_json(report.messages)},
              {"latency_ms", std::move(latency)},
              {"latency_breakdown", std::move(breakdown)},
              {"tiers", std::move(tiers)},
              {"storage", storage_json(report.storage)},
              {"groups", groups_json(report.groups)},
              {"media", media_json(report.media)},
              {"crypto", crypto_json(report.crypto)},
              {"consistency", consistency_json(report.consistency)},
              {"availability", availability_json(report.availability)},
              {"replication", report.replication},
              {"sim", sim_json(report.sim)}};
}

Json to_json(const RunTiming& timing) {
  return Json{{"wall_seconds", round_sig(timing.wall_seconds)},
              {"messages_per_wall_second", round_sig(timing.messages_per_wall_second)},
              {"peak_rss_bytes", timing.peak_rss_bytes},
              {"rss_bytes_per_user", round_sig(timing.rss_bytes_per_user)}};
}

std::string to_markdown(const RunReport& report, const RunTiming& timing) {
  std::ostringstream out;
  out << "# whatsim run: " << report.scenario_name << "\n\n";
  scale_md(out, report);
  messages_md(out, report.messages);
  latency_md(out, report.latency_ms);
  breakdown_md(out, report.latency_breakdown);
  tiers_md(out, report.tiers);
  storage_md(out, report.storage);
  if (report.groups.enabled) groups_md(out, report.groups);
  if (report.media.enabled) media_md(out, report.media);
  security_md(out, report);
  consistency_md(out, report.consistency, report.replication);
  availability_md(out, report.availability);
  sim_md(out, report.sim, timing);
  return out.str();
}

}  // namespace whatsim
