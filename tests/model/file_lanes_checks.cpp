// Files in lanes (model/platform.hpp): media-small.json run in several lanes (made by "model:
// run media-small.json in file lanes", WHATSIM_RUN_DIR) against the same run in one lane
// ("model: run media-small.json (a)", media-a beside it). Its NICs are far from
// saturated, so lanes, which split each NIC's bandwidth, must leave the media figures as
// they were: a file below a lane's part of a NIC moves at its phone's rate in any lane.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/model/run_files.hpp"

using nlohmann::json;

namespace {

json one_lane_report() {
  const auto dir = std::filesystem::path(whatsim::run_files::run_dir()).parent_path() / "media-a";
  std::ifstream in(dir / "report.json");
  REQUIRE(in.good());
  return json::parse(in);
}

}  // namespace

TEST_CASE("several file lanes were built and carried files", "[lanes-run]") {
  const json lanes = whatsim::run_files::report();
  // media-small.json simulates 2,000 users: a lane per 500 of them.
  REQUIRE(lanes["scenario"]["users_simulated"] == 2000);
  CHECK(lanes["scenario"]["file_lanes"] == 4);
  CHECK(lanes["media"]["downloads_completed"].get<std::uint64_t>() > 100);
}

TEST_CASE("file lanes leave an unsaturated run's downloads and uploads as in one lane", "[lanes-run]") {
  const json lanes = whatsim::run_files::report();
  const json one = one_lane_report();
  REQUIRE(one["scenario"]["file_lanes"] == 1);
  for (const char* figure : {"downloads_completed", "uploads", "cdn_hits"}) {
    INFO(figure);
    CHECK(lanes["media"][figure].get<double>() == Approx(one["media"][figure].get<double>()).epsilon(0.02));
  }
  for (const char* latency : {"media_download", "media_upload"}) {
    for (const char* p : {"p50", "p99"}) {
      INFO(latency << " " << p);
      CHECK(lanes["latency_ms"][latency][p].get<double>() ==
            Approx(one["latency_ms"][latency][p].get<double>()).epsilon(0.05));
    }
  }
}
