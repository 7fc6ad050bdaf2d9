// Checks what media runs recorded: media-small.json (made by "model: run media-small.json
// (a)") for the fate of every attachment and download, and viral-media.json (made by
// "model: run viral-media.json") for a hot item moving from blob storage to the CDN.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/model/run_files.hpp"

using nlohmann::json;
using whatsim::run_files::report;

namespace {

std::uint64_t total_refused(const json& media) {
  std::uint64_t n = 0;
  for (const auto& [reason, count] : media["refused"].items()) n += count.get<std::uint64_t>();
  return n;
}

// The last timeline sample at or before `t_s`.
const json& sample_at(const json& timeline, double t_s) {
  const json* found = &timeline.front();
  for (const json& s : timeline)
    if (s["t_s"].get<double>() <= t_s) found = &s;
  return *found;
}

double growth(const json& from, const json& to, const char* key) {
  return to[key].get<double>() - from[key].get<double>();
}

}  // namespace

TEST_CASE("every attachment is refused with a reason, sent with an asset id, or still on the phone", "[media-run]") {
  const json media = report()["media"];
  REQUIRE(media["enabled"] == true);
  CHECK(media["attachments"].get<std::uint64_t>() > 0);
  CHECK(media["attachments"].get<std::uint64_t>() == total_refused(media) + media["messages_sent"].get<std::uint64_t>() +
                                                         media["uploads_pending_end"].get<std::uint64_t>());
  // The default size mix puts some videos over 16 MB: the phone refuses them, nothing else.
  CHECK(media["refused"]["media_over_limit"].get<std::uint64_t>() > 0);
}

TEST_CASE("every download names an id the asset service can serve", "[media-run]") {
  const json media = report()["media"];
  CHECK(media["downloads_requested"].get<std::uint64_t>() > 0);
  CHECK(media["downloads_failed"] == 0);
  CHECK(media["downloads_requested"].get<std::uint64_t>() ==
        media["downloads_completed"].get<std::uint64_t>() + media["downloads_pending_end"].get<std::uint64_t>());
}

TEST_CASE("identical content is stored once and counted as a dedup saving", "[media-run]") {
  const json media = report()["media"];
  CHECK(media["dedup_hits"].get<std::uint64_t>() > 0);
  CHECK(media["dedup_saved_bytes"].get<double>() > 0);
  CHECK(media["uploads"].get<std::uint64_t>() == media["assets_stored"].get<std::uint64_t>() +
                                                     media["dedup_hits"].get<std::uint64_t>() +
                                                     media["refused"]["storage_full"].get<std::uint64_t>());
}

TEST_CASE("media messages are delivered like any message: nothing lost, duplicated or reordered", "[media-run]") {
  const json r = report();
  CHECK(r["media"]["messages_sent"].get<std::uint64_t>() > 0);
  for (const char* anomaly : {"lost", "duplicated", "order_violations", "receipt_regressions", "missing_copies"}) {
    INFO(anomaly);
    CHECK(r["consistency"][anomaly] == 0);
  }
}

TEST_CASE("every measured download is either a CDN hit or a miss", "[media-run]") {
  const json latency = report()["latency_ms"];
  CHECK(latency["media_upload"]["count"].get<std::uint64_t>() > 0);
  CHECK(latency["media_download"]["count"].get<std::uint64_t>() > 0);
  CHECK(latency["media_download"]["count"].get<std::uint64_t>() ==
        latency["media_download_cdn_hit"]["count"].get<std::uint64_t>() +
            latency["media_download_cdn_miss"]["count"].get<std::uint64_t>());
}

// media.asset.dedup "ask_first": a forward's bytes never leave the phone when the service
// already has them; with "upload_then_hash" every file is uploaded.
TEST_CASE("phones that ask first upload only content the asset service lacks", "[ask-first-run]") {
  const json media = report()["media"];
  CHECK(media["dedup_hits"].get<std::uint64_t>() > 0);
  CHECK(media["uplink_saved_bytes"].get<double>() > 0);
}

TEST_CASE("the viral item is promoted once it has been requested enough, after it started", "[viral-run]") {
  const json viral = report()["media"]["viral"];
  REQUIRE(viral["enabled"] == true);
  CHECK(viral["asset"].get<std::uint64_t>() > 0);
  CHECK(viral["promoted_at_s"].get<double>() > 60);  // viral-media.json: media.viral.start_s
  CHECK(viral["blob_reads"].get<std::uint64_t>() >= 1);
}

TEST_CASE("after promotion the CDN serves the viral item", "[viral-run]") {
  const json viral = report()["media"]["viral"];
  const auto requests = viral["requests_after_promotion"].get<double>();
  REQUIRE(requests > 1000);
  CHECK(viral["cdn_hits_after_promotion"].get<double>() / requests >= 0.95);
}

// Once every PoP holds it, no download of the item reaches blob storage again.
TEST_CASE("blob reads of the viral item stop growing once the PoPs hold it", "[viral-run]") {
  const json r = report();
  const json& timeline = r["media"]["timeline"];
  const double settled_s = r["media"]["viral"]["promoted_at_s"].get<double>() + 60;
  const double end_s = timeline.back()["t_s"].get<double>();
  REQUIRE(end_s > settled_s + 120);
  CHECK(growth(sample_at(timeline, settled_s), timeline.back(), "viral_requests") > 0);
  CHECK(growth(sample_at(timeline, settled_s), timeline.back(), "viral_blob_reads") == 0);
}

// Before the viral item starts, blob storage serves every first download of an item; after
// its promotion most bytes leave from the CDN.
TEST_CASE("egress shifts from blob storage to the CDN after promotion", "[viral-run]") {
  const json r = report();
  const json& timeline = r["media"]["timeline"];
  const double start_s = 60;  // viral-media.json: media.viral.start_s
  const json& before = sample_at(timeline, start_s);
  const json& promoted = sample_at(timeline, r["media"]["viral"]["promoted_at_s"].get<double>() + 60);
  const double cdn_per_blob_before = before["cdn_bytes"].get<double>() / before["blob_bytes"].get<double>();
  const double cdn_per_blob_after =
      growth(promoted, timeline.back(), "cdn_bytes") / growth(promoted, timeline.back(), "blob_bytes");
  CHECK(cdn_per_blob_after > 2 * cdn_per_blob_before);
}
