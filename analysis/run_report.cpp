#include "analysis/run_report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "src/media/media_ids.hpp"
#include "src/media/upload_limits.hpp"

namespace whatsim {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kSignificant = 6;

// Six significant digits: beyond what the model can claim, and the JSON printer then shows
// short, stable numbers (499.812, not 499.81234567890123). to_chars/from_chars are exact
// and locale-free, so one double always prints as one string.
double round_sig(double x, int digits = kSignificant) {
  if (x == 0 || !std::isfinite(x)) return x;
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, digits - 1);
  double out = x;
  std::from_chars(buf, res.ptr, out, std::chars_format::scientific);
  return out;
}

// A part over its whole, 0 when the whole is 0 (nothing measured is no share, not a NaN).
double share_of(double part, double whole) { return whole > 0 ? part / whole : 0; }

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

double memory_share(const TierReport& t) {
  return t.memory_bytes_capacity > 0 ? t.memory_bytes_peak / t.memory_bytes_capacity : 0;
}

Json tier_json(const TierReport& t) {
  return Json{{"servers", t.servers},
              {"cores_per_server", t.cores_per_server},
              {"cpu_utilization_mean", round_sig(t.cpu_utilization_mean)},
              {"cpu_utilization_max", round_sig(t.cpu_utilization_max)},
              {"peak_connections", t.peak_connections},
              {"memory_bytes_peak", round_sig(t.memory_bytes_peak)},
              {"memory_bytes_capacity", round_sig(t.memory_bytes_capacity)},
              {"memory_share_peak", round_sig(memory_share(t))},
              {"queue_depth_mean", round_sig(t.queue_depth_mean)},
              {"queue_depth_max", t.queue_depth_max},
              {"frames_handled", t.frames_handled}};
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

// The names the model counts under come from the enums' to_string, so report keys and the
// model's counters cannot drift apart.
std::vector<std::string> refusal_reason_names() {
  std::vector<std::string> names;
  for (int r = 0; r < kRefusalReasonCount; ++r) names.push_back(to_string(static_cast<RefusalReason>(r)));
  return names;
}

std::vector<std::string> media_type_names() {
  std::vector<std::string> names;
  for (int t = 0; t < kMediaTypeCount; ++t) names.push_back(to_string(static_cast<MediaType>(t)));
  return names;
}

// Every known name, in the enum's order, with 0 when nothing was counted under it, so a reader
// never has to tell a missing key from a zero; any other name counted follows, so nothing is
// dropped.
using NamedCounts = std::vector<std::pair<std::string, std::uint64_t>>;
NamedCounts every_count(const std::vector<std::string>& known, const std::map<std::string, std::uint64_t>& counts) {
  NamedCounts out;
  for (const std::string& name : known) {
    const auto it = counts.find(name);
    out.emplace_back(name, it == counts.end() ? 0 : it->second);
  }
  for (const auto& [name, count] : counts) {
    if (std::find(known.begin(), known.end(), name) == known.end()) out.emplace_back(name, count);
  }
  return out;
}

Json counts_json(const NamedCounts& counts) {
  Json out = Json::object();
  for (const auto& [name, count] : counts) out[name] = count;
  return out;
}

Json pop_json(const PopReport& p) {
  return Json{{"name", p.name},
              {"region", p.region},
              {"requests", p.requests},
              {"hits", p.hits},
              {"hit_ratio", round_sig(p.hit_ratio)},
              {"collapsed", p.collapsed},
              {"evictions", p.evictions},
              {"cached_bytes_end", round_sig(p.cached_bytes_end)},
              {"cache_bytes", round_sig(p.cache_bytes)}};
}

Json egress_json(const MediaEgress& e) {
  return Json{{"cdn_gbps", round_sig(e.cdn_gbps)},
              {"blob_gbps", round_sig(e.blob_gbps)},
              {"asset_gbps", round_sig(e.asset_gbps)}};
}

// Like groups: a run without a viral item says only that.
Json viral_json(const ViralReport& v) {
  if (!v.enabled) return Json{{"enabled", false}};
  return Json{{"enabled", true},
              {"asset", v.asset},
              {"requests", v.requests},
              {"cdn_hits", v.cdn_hits},
              {"blob_reads", v.blob_reads},
              {"promoted_at_s", round_sig(v.promoted_at_s)},
              {"requests_after_promotion", v.requests_after_promotion},
              {"cdn_hits_after_promotion", v.cdn_hits_after_promotion},
              {"blob_reads_after_promotion", v.blob_reads_after_promotion}};
}

Json media_sample_json(const MediaSample& s) {
  return Json{{"t_s", round_sig(s.t_s)},
              {"cdn_bytes", round_sig(s.cdn_bytes)},
              {"blob_bytes", round_sig(s.blob_bytes)},
              {"viral_requests", s.viral_requests},
              {"viral_cdn_hits", s.viral_cdn_hits},
              {"viral_blob_reads", s.viral_blob_reads}};
}

// A run without media says only that, so text-only reports carry no zeros that look measured.
Json media_json(const MediaReport& m) {
  if (!m.enabled) return Json{{"enabled", false}};
  Json pops = Json::array();
  for (const PopReport& p : m.pops) pops.push_back(pop_json(p));
  Json timeline = Json::array();
  for (const MediaSample& s : m.timeline) timeline.push_back(media_sample_json(s));
  return Json{{"enabled", true},
              {"attachments", m.attachments},
              {"refused", counts_json(every_count(refusal_reason_names(), m.refused))},
              {"by_type", counts_json(every_count(media_type_names(), m.by_type))},
              {"uploads", m.uploads},
              {"dedup_hits", m.dedup_hits},
              {"uploads_pending_end", m.uploads_pending_end},
              {"messages_sent", m.messages_sent},
              {"downloads_requested", m.downloads_requested},
              {"downloads_completed", m.downloads_completed},
              {"downloads_failed", m.downloads_failed},
              {"downloads_pending_end", m.downloads_pending_end},
              {"cdn_hits", m.cdn_hits},
              {"cdn_hit_ratio", round_sig(m.cdn_hit_ratio)},
              {"promotions", m.promotions},
              {"pops", std::move(pops)},
              {"egress", egress_json(m.egress)},
              {"blob_bytes_stored", round_sig(m.blob_bytes_stored)},
              {"blob_capacity_bytes", round_sig(m.blob_capacity_bytes)},
              {"assets_stored", m.assets_stored},
              {"dedup_saved_bytes", round_sig(m.dedup_saved_bytes)},
              {"uplink_saved_bytes", round_sig(m.uplink_saved_bytes)},
              {"storage_disk_utilization", round_sig(m.storage_disk_utilization)},
              {"viral", viral_json(m.viral)},
              {"timeline", std::move(timeline)}};
}

Json prekeys_json(const PrekeyReport& p) {
  return Json{{"batch", p.batch},
              {"low_threshold", p.low_threshold},
              {"bundles_fetched", p.bundles_fetched},
              {"without_one_time_prekey", p.without_one_time_prekey},
              {"replenishments", p.replenishments},
              {"stock_mean_end", round_sig(p.stock_mean_end)},
              {"stock_min_end", p.stock_min_end}};
}

Json tier_crypto_json(const TierCryptoReport& t) {
  return Json{{"tier", t.tier}, {"cycles_per_s", round_sig(t.cycles_per_s)}, {"cpu_share", round_sig(t.cpu_share)}};
}

Json device_profile_json(const DeviceProfileReport& d) {
  return Json{{"name", d.name},
              {"devices", d.devices},
              {"crypto_seconds", round_sig(d.crypto_seconds)},
              {"text_message_crypto_ms", round_sig(d.text_message_crypto_ms)},
              {"video_16mb_crypto_ms", round_sig(d.video_16mb_crypto_ms)},
              {"x3dh_ms", round_sig(d.x3dh_ms)}};
}

// Unlike groups and media, always written in full: a run with encryption off is the other
// side of the security/latency trade-off, and its zeros (and plaintext count) are measured.
Json crypto_json(const CryptoReport& c) {
  Json tiers = Json::array();
  for (const TierCryptoReport& t : c.tiers) tiers.push_back(tier_crypto_json(t));
  Json profiles = Json::array();
  for (const DeviceProfileReport& d : c.profiles) profiles.push_back(device_profile_json(d));
  Json examples = Json::array();
  for (const std::string& e : c.plaintext_examples) examples.push_back(e);
  return Json{{"end_to_end", c.end_to_end},
              {"transport", c.transport},
              {"sessions_established", c.sessions_established},
              {"ratchet_steps", c.ratchet_steps},
              {"messages_encrypted", c.messages_encrypted},
              {"phone_crypto_seconds", round_sig(c.phone_crypto_seconds)},
              {"prekeys", prekeys_json(c.prekeys)},
              {"tiers", std::move(tiers)},
              {"profiles", std::move(profiles)},
              {"bodies_seen_by_servers", c.bodies_seen_by_servers},
              {"plaintext_at_servers", c.plaintext_at_servers},
              {"plaintext_examples", std::move(examples)},
              {"compromised_device", c.compromised_device},
              {"copies_for_compromised", c.copies_for_compromised},
              {"copies_for_others", c.copies_for_others}};
}

Json consistency_json(const ConsistencyCounts& c) {
  Json examples = Json::array();
  for (const Anomaly& a : c.examples) {
    examples.push_back(Json{{"kind", a.kind},
                            {"message", a.id.packed()},
                            {"device", a.device},
                            {"time", round_sig(a.time)},
                            {"detail", a.detail}});
  }
  return Json{{"lost", c.lost},
              {"duplicated", c.duplicated},
              {"order_violations", c.order_violations},
              {"receipt_regressions", c.receipt_regressions},
              {"missing_copies", c.missing_copies},
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
              {"wall_clock", "run.json"}};  // machine-dependent figures are kept out of this file
}

// ---- Markdown -------------------------------------------------------------------------

std::string fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

// `digits` significant digits in plain notation (1234, 0.000123), never an exponent.
std::string significant(double x, int digits) {
  if (x == 0 || !std::isfinite(x)) return fixed(x, 0);
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  return fixed(x, std::max(0, digits - 1 - magnitude));
}

// Latencies span microseconds to hours: keep about four significant figures in view, and
// two for the tiny ones (a text message's crypto), which fixed decimals would show as 0.000.
std::string ms(double x) {
  const double a = std::fabs(x);
  if (a > 0 && a < 0.01) return significant(x, 2);
  return fixed(x, a < 10 ? 3 : a < 1000 ? 1 : 0);
}

// Three significant digits, so a lightly loaded tier reads 0.0123 %, not 0.0 %.
std::string percent(double share) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g %%", 100 * share);
  return buf;
}
std::string gigabytes(double bytes) { return fixed(bytes / 1e9, 2); }


// Decimal units (1 kB = 1000 B), as disks and networks count them; three significant digits.
std::string human_bytes(double bytes) {
  static const char* const kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  std::size_t unit = 0;
  while (std::fabs(bytes) >= 1000 && unit + 1 < std::size(kUnits)) {
    bytes /= 1000;
    ++unit;
  }
  return significant(bytes, 3) + " " + kUnits[unit];
}

// "90 of 100 (90 %)": a count with the share it is of.
std::string count_of(std::uint64_t part, std::uint64_t whole) {
  return std::to_string(part) + " of " + std::to_string(whole) + " (" +
         percent(share_of(static_cast<double>(part), static_cast<double>(whole))) + ")";
}

// media_over_limit -> "media over limit"
std::string spaced(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

void scale_md(std::ostream& out, const RunReport& r) {
  const ScaleStatement& s = r.scale;
  if (!s.full_scale) {
    out << "**Reduced run: " << s.users_simulated << " of " << s.users_modeled
        << " users simulated; these figures are NOT the full deployment's.**\n\n";
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

void media_counts_md(std::ostream& out, const MediaReport& m) {
  using std::to_string;
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back("Attachments composed", to_string(m.attachments));
  for (const auto& [type, count] : every_count(media_type_names(), m.by_type)) {
    rows.emplace_back("Attachments, " + type, to_string(count));
  }
  for (const auto& [reason, count] : every_count(refusal_reason_names(), m.refused)) {
    rows.emplace_back("Refused, " + spaced(reason), to_string(count));
  }
  rows.emplace_back("Uploads to the asset service", to_string(m.uploads));
  rows.emplace_back("Dedup hits (content already stored)", count_of(m.dedup_hits, m.uploads));
  rows.emplace_back("Dedup savings", human_bytes(m.dedup_saved_bytes));
  rows.emplace_back("Uploads avoided (phone asked first)", human_bytes(m.uplink_saved_bytes));
  rows.emplace_back("Uploads pending at end", to_string(m.uploads_pending_end));
  rows.emplace_back("Media messages sent", to_string(m.messages_sent));
  rows.emplace_back("Downloads requested", to_string(m.downloads_requested));
  rows.emplace_back("Downloads completed", to_string(m.downloads_completed));
  rows.emplace_back("Downloads failed (unknown id)", to_string(m.downloads_failed));
  rows.emplace_back("Downloads pending at end", to_string(m.downloads_pending_end));
  rows.emplace_back("CDN hits", to_string(m.cdn_hits) + " (" + percent(m.cdn_hit_ratio) + ")");
  rows.emplace_back("Promotions to the CDN", to_string(m.promotions));
  rows.emplace_back("Assets stored", to_string(m.assets_stored));
  rows.emplace_back("Blob bytes stored", human_bytes(m.blob_bytes_stored) + " of " +
                                             human_bytes(m.blob_capacity_bytes) + " (" +
                                             percent(share_of(m.blob_bytes_stored, m.blob_capacity_bytes)) + ")");
  rows.emplace_back("Storage disk utilization", percent(m.storage_disk_utilization));
  rows.emplace_back("Egress, CDN to phones (Gb/s)", significant(m.egress.cdn_gbps, 3));
  rows.emplace_back("Egress, blob storage to CDN (Gb/s)", significant(m.egress.blob_gbps, 3));
  rows.emplace_back("Egress, asset service to blob storage (Gb/s)", significant(m.egress.asset_gbps, 3));
  out << "## Media\n\n| Measure | Value |\n|---|---:|\n";
  for (const auto& [measure, value] : rows) out << "| " << measure << " | " << value << " |\n";
  out << '\n';
}

void pops_md(std::ostream& out, const std::vector<PopReport>& pops) {
  if (pops.empty()) return;
  out << "| CDN PoP | Region | Requests | Hits | Hit ratio | Collapsed misses | Evictions | Cached at end "
         "| Capacity |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const PopReport& p : pops) {
    out << "| " << p.name << " | " << p.region << " | " << p.requests << " | " << p.hits << " | "
        << percent(p.hit_ratio) << " | " << p.collapsed << " | " << p.evictions << " | "
        << human_bytes(p.cached_bytes_end) << " | " << human_bytes(p.cache_bytes) << " |\n";
  }
  out << '\n';
}

// How the viral item's downloads moved from blob storage to the CDN once it was promoted.
void viral_md(std::ostream& out, const ViralReport& v) {
  if (!v.enabled) return;
  out << "Viral item (asset " << v.asset << "):\n\n| Measure | Value |\n|---|---:|\n"
      << "| Requests at PoPs | " << v.requests << " |\n| CDN hits | " << count_of(v.cdn_hits, v.requests)
      << " |\n| Blob reads | " << v.blob_reads << " |\n";
  if (v.promoted_at_s < 0) {
    out << "| Promoted at (s) | never |\n\n";
    return;
  }
  out << "| Promoted at (s) | " << fixed(v.promoted_at_s, 3) << " |\n"
      << "| CDN hit ratio after promotion | " << count_of(v.cdn_hits_after_promotion, v.requests_after_promotion)
      << " |\n| Blob reads before promotion | " << v.blob_reads - v.blob_reads_after_promotion
      << " |\n| Blob reads after promotion | " << v.blob_reads_after_promotion << " |\n\n";
}

void media_md(std::ostream& out, const MediaReport& m) {
  media_counts_md(out, m);
  pops_md(out, m.pops);
  viral_md(out, m.viral);
  out << "The media timeline for plots (cumulative CDN and blob bytes and the viral item's counts at each "
         "progress step) is in report.json, `media.timeline`.\n\n";
}

const char* on_off(bool on) { return on ? "on" : "off"; }

void crypto_counts_md(std::ostream& out, const CryptoReport& c) {
  const PrekeyReport& p = c.prekeys;
  using std::to_string;
  const std::pair<const char*, std::string> rows[] = {
      {"End-to-end encryption", on_off(c.end_to_end)},
      {"Transport encryption (Noise)", on_off(c.transport)},
      {"Sessions established (X3DH)", to_string(c.sessions_established)},
      {"Ratchet steps", to_string(c.ratchet_steps)},
      {"Ciphertexts made by senders", to_string(c.messages_encrypted)},
      {"Phone crypto time (s)", fixed(c.phone_crypto_seconds, 3)},
      {"Prekey bundles fetched", to_string(p.bundles_fetched)},
      {"Bundles without a one-time prekey", count_of(p.without_one_time_prekey, p.bundles_fetched)},
      {"Prekey replenishments", to_string(p.replenishments)},
      {"One-time prekeys per device at end", "mean " + fixed(p.stock_mean_end, 1) + ", min " +
                                                 to_string(p.stock_min_end) + " (batch " + to_string(p.batch) +
                                                 ", replenished at " + to_string(p.low_threshold) + ")"},
  };
  out << "| Measure | Value |\n|---|---:|\n";
  for (const auto& [measure, value] : rows) out << "| " << measure << " | " << value << " |\n";
  out << '\n';
}

void tier_crypto_md(std::ostream& out, const std::vector<TierCryptoReport>& tiers) {
  if (tiers.empty()) return;
  out << "| Tier | Crypto (Gcycles/s per server) | Share of the tier's CPU |\n|---|---:|---:|\n";
  for (const TierCryptoReport& t : tiers) {
    out << "| " << t.tier << " | " << significant(t.cycles_per_s / 1e9, 3) << " | " << percent(t.cpu_share) << " |\n";
  }
  out << '\n';
}

void device_profiles_md(std::ostream& out, const std::vector<DeviceProfileReport>& profiles) {
  if (profiles.empty()) return;
  out << "| Device profile | Devices | Crypto time (s) | Text message crypto (ms) | 16 MB video crypto (ms) "
         "| X3DH (ms) |\n|---|---:|---:|---:|---:|---:|\n";
  for (const DeviceProfileReport& d : profiles) {
    out << "| " << d.name << " | " << d.devices << " | " << fixed(d.crypto_seconds, 3) << " | "
        << ms(d.text_message_crypto_ms) << " | " << ms(d.video_16mb_crypto_ms) << " | " << ms(d.x3dh_ms) << " |\n";
  }
  out << '\n';
}

// With end-to-end on, a plaintext body at a server breaks the design's promise: say so loudly.
void confidentiality_md(std::ostream& out, const CryptoReport& c) {
  const bool violated = c.end_to_end && c.plaintext_at_servers > 0;
  out << (violated ? "**Confidentiality violated.** " : "") << "Confidentiality check: " << c.bodies_seen_by_servers
      << " message bodies seen by servers, in plaintext: "
      << (c.plaintext_at_servers == 0 ? std::string("none") : std::to_string(c.plaintext_at_servers)) << ".\n\n";
  if (c.plaintext_at_servers > 0 && !c.plaintext_examples.empty()) {
    out << "Examples (component: message id):\n\n";
    for (const std::string& e : c.plaintext_examples) out << "- " << e << '\n';
    out << '\n';
  }
  if (c.compromised_device < 0) return;
  out << "Compromised device: device " << c.compromised_device << "'s keys expose its " << c.copies_for_compromised
      << " copies; " << c.copies_for_others << " copies sealed for other devices are not exposed.\n\n";
}

// The class whose mean is the two-check latency, and the tier that runs transport encryption.
constexpr const char* kTwoCheckClass = "delivered";
constexpr const char* kTransportTier = "chat_server";

// What end-to-end encryption costs the mean two-check latency, or, with it off, what it
// would have protected.
std::string end_to_end_cost(const RunReport& r) {
  if (!r.crypto.end_to_end) {
    return "End-to-end encryption is off in this run: message bodies crossed the servers in plaintext (" +
           std::to_string(r.crypto.plaintext_at_servers) + " seen)";
  }
  const auto two_check = r.latency_breakdown.find(kTwoCheckClass);
  if (two_check == r.latency_breakdown.end()) {
    return "End-to-end encryption is on, but no two-check latency was measured in this run";
  }
  const LatencyBreakdown& b = two_check->second;
  return "End-to-end encryption costs " + ms(b.device_crypto_ms) + " ms of the mean two-check latency (" +
         percent(share_of(b.device_crypto_ms, b.total_ms)) + ")";
}

// "; transport encryption takes 3.2 % of the chat servers' CPU", or nothing without that tier's figure.
std::string transport_cost(const CryptoReport& c) {
  const auto chat = std::find_if(c.tiers.begin(), c.tiers.end(),
                                 [](const TierCryptoReport& t) { return t.tier == kTransportTier; });
  if (chat == c.tiers.end()) return "";
  return "; transport encryption takes " + percent(chat->cpu_share) + " of the chat servers' CPU";
}

// One sentence stating what security costs, so the trade-off reads without a second run open.
std::string security_cost_sentence(const RunReport& r) { return end_to_end_cost(r) + transport_cost(r.crypto) + "."; }

// Written even when encryption is off: that run is the other side of the trade-off.
void security_md(std::ostream& out, const RunReport& r) {
  out << "## Security\n\n";
  crypto_counts_md(out, r.crypto);
  tier_crypto_md(out, r.crypto.tiers);
  device_profiles_md(out, r.crypto.profiles);
  confidentiality_md(out, r.crypto);
  out << security_cost_sentence(r) << "\n\n";
}

void consistency_md(std::ostream& out, const ConsistencyCounts& c) {
  out << "## Consistency\n\n"
      << (c.total() == 0 ? "No anomalies found.\n\n" : "**Anomalies found.**\n\n")
      << "| Check | Count |\n|---|---:|\n| Lost | " << c.lost << " |\n| Duplicated | " << c.duplicated
      << " |\n| Order violations | " << c.order_violations << " |\n| Receipt regressions | " << c.receipt_regressions
      << " |\n| Missing copies | " << c.missing_copies << " |\n| Group copies lost | " << c.group_lost
      << " |\n| Group copies duplicated | " << c.group_duplicated << " |\n| Group order disagreements | "
      << c.group_order_disagreements << " |\n| Group deliveries to non-members | " << c.group_non_member_deliveries
      << " |\n\n";
  if (c.examples.empty()) return;
  out << "Examples:\n\n";
  for (const Anomaly& a : c.examples) {
    out << "- " << a.kind << ": message " << a.id.device << ":" << a.id.counter << " (" << a.id.packed()
        << "), device " << a.device << ", t = " << fixed(a.time, 6) << " s: " << a.detail << '\n';
  }
  out << '\n';
}

void sim_md(std::ostream& out, const SimCounters& s, const RunTiming& t) {
  out << "## Simulation and timing\n\n| Measure | Value |\n|---|---:|\n"
      << "| Simulated time (s) | " << fixed(s.simulated_seconds, 3) << " |\n| Warm-up excluded (s) | "
      << fixed(s.warmup_seconds, 3) << " |\n| Frames handled | " << s.frames << " |\n| Network hops | " << s.hops << " |\n| Wall-clock time (s) | "
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
  consistency_md(out, report.consistency);
  sim_md(out, report.sim, timing);
  return out.str();
}

}  // namespace whatsim
