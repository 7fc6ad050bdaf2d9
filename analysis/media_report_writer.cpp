#include "analysis/media_report_writer.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/report_format.hpp"
#include "src/media/media_ids.hpp"
#include "src/media/upload_limits.hpp"

namespace whatsim {

using namespace report_format;
using Json = nlohmann::ordered_json;

namespace {

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

}  // namespace

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


namespace {

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

}  // namespace

void media_md(std::ostream& out, const MediaReport& m) {
  media_counts_md(out, m);
  pops_md(out, m.pops);
  viral_md(out, m.viral);
  out << "The media timeline for plots (cumulative CDN and blob bytes and the viral item's counts at each "
         "progress step) is in report.json, `media.timeline`.\n\n";
}


}  // namespace whatsim
