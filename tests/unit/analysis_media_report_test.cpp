#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/run_report.hpp"
#include "tests/unit/report_test_support.hpp"

using namespace whatsim;

namespace {

using namespace whatsim::report_test;

ViralReport sample_viral() {
  ViralReport v;
  v.enabled = true;
  v.asset = 17;
  v.requests = 150;
  v.cdn_hits = 95;
  v.blob_reads = 42;
  v.promoted_at_s = 123.4567891;
  v.requests_after_promotion = 100;
  v.cdn_hits_after_promotion = 90;
  v.blob_reads_after_promotion = 2;
  return v;
}

MediaReport sample_media() {
  MediaReport m;
  m.enabled = true;
  m.attachments = 1000;
  m.refused = {{"media_over_limit", 3}, {"document_over_limit", 1}};  // no storage_full: must still be listed
  m.by_type = {{"image", 600}, {"video", 200}, {"audio", 150}};      // no document: must still be listed
  m.uploads = 996;
  m.dedup_hits = 249;
  m.uploads_pending_end = 2;
  m.messages_sent = 994;
  m.downloads_requested = 1800;
  m.downloads_completed = 1790;
  m.downloads_failed = 0;
  m.downloads_pending_end = 10;
  m.cdn_hits = 1200;
  m.cdn_hit_ratio = 1200.0 / 1790.0;
  m.promotions = 12;
  m.pops.push_back(PopReport{"eu-pop0", "eu", 1000, 700, 0.7, 5, 3, 2.5e9, 1e10});
  m.pops.push_back(PopReport{"us-pop0", "us", 790, 500, 500.0 / 790.0, 0, 0, 1.23456789e6, 1e10});
  m.egress = MediaEgress{12.345678, 0.000123456, 1234.4};
  m.blob_bytes_stored = 2.5e12;
  m.blob_capacity_bytes = 1e14;
  m.assets_stored = 747;
  m.dedup_saved_bytes = 1.5e9;
  m.uplink_saved_bytes = 7.5e8;
  m.storage_disk_utilization = 0.0123456789;
  m.viral = sample_viral();
  m.timeline.push_back(MediaSample{10, 1e6, 2e6, 5, 0, 5});
  m.timeline.push_back(MediaSample{20.000000001, 3.33333333e7, 2.5e6, 50, 40, 7});
  return m;
}

RunReport report_with(const MediaReport& media) {
  RunReport r;
  r.scenario_name = "viral-media";
  r.scenario_file = "scenarios/viral-media.json";
  r.media = media;
  return r;
}

}  // namespace

TEST_CASE("report.json says only that media is off when it is", "[analysis][report][media]") {
  MediaReport off = sample_media();
  off.enabled = false;  // figures left in the struct must not leak into the report
  const auto j = to_json(report_with(off));
  CHECK(j["media"].dump() == "{\"enabled\":false}");
  CHECK(to_json(RunReport{})["media"].dump() == "{\"enabled\":false}");
}

TEST_CASE("report.json puts media right after groups", "[analysis][report][media]") {
  const std::vector<std::string> k = keys(to_json(report_with(sample_media())));
  const auto groups = std::find(k.begin(), k.end(), "groups");
  REQUIRE(groups != k.end());
  REQUIRE(groups + 1 != k.end());
  CHECK(*(groups + 1) == "media");
}

TEST_CASE("report.json has every media figure in a fixed order", "[analysis][report][media]") {
  const auto m = to_json(report_with(sample_media()))["media"];
  CHECK(keys(m) == std::vector<std::string>{"enabled",
                                            "attachments",
                                            "refused",
                                            "by_type",
                                            "uploads",
                                            "dedup_hits",
                                            "uploads_pending_end",
                                            "messages_sent",
                                            "downloads_requested",
                                            "downloads_completed",
                                            "downloads_failed",
                                            "downloads_pending_end",
                                            "cdn_hits",
                                            "cdn_hit_ratio",
                                            "promotions",
                                            "pops",
                                            "egress",
                                            "blob_bytes_stored",
                                            "blob_capacity_bytes",
                                            "assets_stored",
                                            "dedup_saved_bytes",
                                            "uplink_saved_bytes",
                                            "storage_disk_utilization",
                                            "viral",
                                            "timeline"});
  CHECK(m["enabled"] == true);
  CHECK(m["attachments"] == 1000);
  CHECK(m["uploads"] == 996);
  CHECK(m["dedup_hits"] == 249);
  CHECK(m["uploads_pending_end"] == 2);
  CHECK(m["messages_sent"] == 994);
  CHECK(m["downloads_requested"] == 1800);
  CHECK(m["downloads_completed"] == 1790);
  CHECK(m["downloads_failed"] == 0);
  CHECK(m["downloads_pending_end"] == 10);
  CHECK(m["cdn_hits"] == 1200);
  CHECK(m["cdn_hit_ratio"] == 0.670391);  // six significant digits, like every double in the file
  CHECK(m["promotions"] == 12);
  CHECK(m["blob_bytes_stored"] == 2.5e12);
  CHECK(m["blob_capacity_bytes"] == 1e14);
  CHECK(m["assets_stored"] == 747);
  CHECK(m["dedup_saved_bytes"] == 1.5e9);
  CHECK(m["uplink_saved_bytes"] == 7.5e8);
  CHECK(m["storage_disk_utilization"] == 0.0123457);
}

TEST_CASE("report.json lists every refusal reason and media type, zero when none were counted",
          "[analysis][report][media]") {
  MediaReport media = sample_media();
  const auto m = to_json(report_with(media))["media"];
  CHECK(keys(m["refused"]) == std::vector<std::string>{"media_over_limit", "document_over_limit", "storage_full"});
  CHECK(m["refused"]["media_over_limit"] == 3);
  CHECK(m["refused"]["document_over_limit"] == 1);
  CHECK(m["refused"]["storage_full"] == 0);
  CHECK(keys(m["by_type"]) == std::vector<std::string>{"image", "video", "audio", "document"});
  CHECK(m["by_type"]["image"] == 600);
  CHECK(m["by_type"]["document"] == 0);

  media.refused.clear();
  const auto none = to_json(report_with(media))["media"]["refused"];
  CHECK(none.dump() == "{\"media_over_limit\":0,\"document_over_limit\":0,\"storage_full\":0}");

  media.refused = {{"quota_exceeded", 4}};  // a reason the report does not know is kept, after the known ones
  const auto extra = to_json(report_with(media))["media"]["refused"];
  CHECK(keys(extra) ==
        std::vector<std::string>{"media_over_limit", "document_over_limit", "storage_full", "quota_exceeded"});
  CHECK(extra["quota_exceeded"] == 4);
}

TEST_CASE("report.json has one object per PoP, the egress per tier and the timeline", "[analysis][report][media]") {
  const auto m = to_json(report_with(sample_media()))["media"];
  REQUIRE(m["pops"].size() == 2);
  CHECK(keys(m["pops"][0]) == std::vector<std::string>{"name", "region", "requests", "hits", "hit_ratio", "collapsed",
                                                       "evictions", "cached_bytes_end", "cache_bytes"});
  CHECK(m["pops"][0]["name"] == "eu-pop0");
  CHECK(m["pops"][0]["collapsed"] == 5);
  CHECK(m["pops"][1]["hit_ratio"] == 0.632911);
  CHECK(m["pops"][1]["cached_bytes_end"] == 1.23457e6);
  CHECK(m["egress"].dump() == "{\"cdn_gbps\":12.3457,\"blob_gbps\":0.000123456,\"asset_gbps\":1234.4}");
  REQUIRE(m["timeline"].size() == 2);
  CHECK(keys(m["timeline"][0]) == std::vector<std::string>{"t_s", "cdn_bytes", "blob_bytes", "viral_requests",
                                                           "viral_cdn_hits", "viral_blob_reads"});
  CHECK(m["timeline"][1]["t_s"] == 20.0);
  CHECK(m["timeline"][1]["cdn_bytes"] == 3.33333e7);
  CHECK(m["timeline"][1]["viral_cdn_hits"] == 40);
}

TEST_CASE("report.json has the viral item's figures before and after promotion", "[analysis][report][media]") {
  const auto v = to_json(report_with(sample_media()))["media"]["viral"];
  CHECK(keys(v) == std::vector<std::string>{"enabled", "asset", "requests", "cdn_hits", "blob_reads", "promoted_at_s",
                                            "requests_after_promotion", "cdn_hits_after_promotion",
                                            "blob_reads_after_promotion"});
  CHECK(v["asset"] == 17);
  CHECK(v["promoted_at_s"] == 123.457);
  CHECK(v["requests_after_promotion"] == 100);
  CHECK(v["cdn_hits_after_promotion"] == 90);
  CHECK(v["blob_reads_after_promotion"] == 2);
}

TEST_CASE("report.json says only that there was no viral item when there was none", "[analysis][report][media]") {
  MediaReport media = sample_media();
  media.viral.enabled = false;
  CHECK(to_json(report_with(media))["media"]["viral"].dump() == "{\"enabled\":false}");
}

TEST_CASE("report.json with media prints identically for equal input", "[analysis][report][media]") {
  const std::string a = to_json(report_with(sample_media())).dump(2);
  const std::string b = to_json(report_with(sample_media())).dump(2);
  CHECK(a == b);
  CHECK(contains(a, "\"media\": {\n    \"enabled\": true,"));
}

TEST_CASE("markdown has a media section with the counts, storage and egress", "[analysis][report][media]") {
  const std::string md = to_markdown(report_with(sample_media()), sample_timing());
  CHECK(contains(md, "## Media\n"));
  CHECK(md.find("## Media") < md.find("## Consistency"));
  CHECK(contains(md, "| Attachments composed | 1000 |"));
  CHECK(contains(md, "| Attachments, document | 0 |"));
  CHECK(contains(md, "| Refused, media over limit | 3 |"));
  CHECK(contains(md, "| Refused, document over limit | 1 |"));
  CHECK(contains(md, "| Refused, storage full | 0 |"));
  CHECK(contains(md, "| Dedup hits (content already stored) | 249 of 996 (25 %) |"));
  CHECK(contains(md, "| Dedup savings | 1.50 GB |"));
  CHECK(contains(md, "| Blob bytes stored | 2.50 TB of 100 TB (2.5 %) |"));
  CHECK(contains(md, "| CDN hits | 1200 (67 %) |"));
  CHECK(contains(md, "| Storage disk utilization | 1.23 % |"));
  CHECK(contains(md, "| Egress, CDN to phones (Gb/s) | 12.3 |"));
  CHECK(contains(md, "| Egress, blob storage to CDN (Gb/s) | 0.000123 |"));
  CHECK(contains(md, "| Egress, asset service to blob storage (Gb/s) | 1234 |"));
  CHECK(contains(md, "is in report.json, `media.timeline`"));
  CHECK_FALSE(contains(md, "33333"));  // the timeline itself is not printed
}

TEST_CASE("markdown has one row per CDN PoP", "[analysis][report][media]") {
  const std::string md = to_markdown(report_with(sample_media()), sample_timing());
  CHECK(contains(md, "| CDN PoP | Region | Requests | Hits | Hit ratio |"));
  CHECK(contains(md, "| eu-pop0 | eu | 1000 | 700 | 70 % | 5 | 3 | 2.50 GB | 10.0 GB |"));
  CHECK(contains(md, "| us-pop0 | us | 790 | 500 | 63.3 % | 0 | 0 | 1.23 MB | 10.0 GB |"));
}

TEST_CASE("markdown computes the viral item's hit ratio after promotion from its counts",
          "[analysis][report][media]") {
  MediaReport media = sample_media();
  media.viral.cdn_hits = 0;  // whole-run figures must not enter the after-promotion ratio
  const std::string md = to_markdown(report_with(media), sample_timing());
  CHECK(contains(md, "Viral item (asset 17):"));
  CHECK(contains(md, "| Promoted at (s) | 123.457 |"));
  CHECK(contains(md, "| CDN hit ratio after promotion | 90 of 100 (90 %) |"));
  CHECK(contains(md, "| Blob reads before promotion | 40 |"));
  CHECK(contains(md, "| Blob reads after promotion | 2 |"));
}

TEST_CASE("markdown says a viral item that was never promoted was never promoted", "[analysis][report][media]") {
  MediaReport media = sample_media();
  media.viral.promoted_at_s = -1;
  media.viral.requests_after_promotion = 0;
  media.viral.cdn_hits_after_promotion = 0;
  media.viral.blob_reads_after_promotion = 0;
  const std::string md = to_markdown(report_with(media), sample_timing());
  CHECK(contains(md, "| Promoted at (s) | never |"));
  CHECK_FALSE(contains(md, "after promotion"));

  media.viral.enabled = false;
  CHECK_FALSE(contains(to_markdown(report_with(media), sample_timing()), "Viral item"));
}

TEST_CASE("markdown has no media section when media is off", "[analysis][report][media]") {
  MediaReport off = sample_media();
  off.enabled = false;
  const std::string md = to_markdown(report_with(off), sample_timing());
  CHECK_FALSE(contains(md, "## Media"));
  CHECK_FALSE(contains(md, "CDN PoP"));
  CHECK_FALSE(contains(to_markdown(RunReport{}, sample_timing()), "## Media"));
}
