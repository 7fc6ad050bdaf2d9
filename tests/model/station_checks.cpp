// Checks what `whatsim station` wrote (the "station: ... exits N" tests at default sizes, and
// the small determinism runs): that each interval is narrow enough to mean something, that it
// is the interval of the replications listed beside it, that the closed form is the one for
// the station run, and that the seed matters.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/confidence_interval.hpp"
#include "analysis/queueing.hpp"
#include "tests/model/run_files.hpp"

using nlohmann::json;
using whatsim::run_files::run_dir;

namespace {

// An interval this wide would contain almost any closed form: the comparison would be vacuous.
constexpr double kMaxRelativeHalfWidth = 0.15;
// The JSON rounds to six significant digits.
constexpr double kRoundingTolerance = 1e-5;
// An interval recomputed from the rounded replication waits: their spread is a few percent
// of their size, so it keeps fewer digits. Far tighter still than what a wrong interval is
// off by (z instead of t: 6%; n instead of n - 1: 3%).
constexpr double kRecomputedTolerance = 1e-3;

const char* const kMatchingRuns[] = {"mm1-0.5", "mm1-0.9", "mm4-0.5", "mm4-0.9"};

json station_json(const std::string& id) {
  std::ifstream in(run_dir() + "/" + id + ".json");
  INFO(run_dir() + "/" + id + ".json");
  REQUIRE(in.good());
  return json::parse(in);
}

double arrival_per_s(const json& run) {
  return run["utilization"].get<double>() * run["servers"].get<double>() / run["mean_service_s"].get<double>();
}

}  // namespace

TEST_CASE("each M/M/c interval is narrower than 15 percent of its mean", "[station-run]") {
  for (const char* id : kMatchingRuns) {
    INFO(id);
    const json simulated = station_json(id)["simulated"];
    CHECK(simulated["mean_wait_s"].get<double>() > 0);
    CHECK(simulated["half_width_s"].get<double>() / simulated["mean_wait_s"].get<double>() < kMaxRelativeHalfWidth);
  }
}

TEST_CASE("each interval is the 95 percent interval of the replication means beside it", "[station-run]") {
  for (const char* id : {"mm1-0.5", "mm1-0.9", "mm4-0.5", "mm4-0.9", "md1-0.9"}) {
    INFO(id);
    const json run = station_json(id);
    const json& simulated = run["simulated"];
    const auto waits = simulated["replication_wait_s"].get<std::vector<double>>();
    CHECK(waits.size() == run["replications"].get<std::size_t>());
    const whatsim::MeanInterval recomputed = whatsim::mean_interval(waits, simulated["confidence"].get<double>());
    CHECK(simulated["mean_wait_s"].get<double>() == Approx(recomputed.mean).epsilon(kRoundingTolerance));
    CHECK(simulated["half_width_s"].get<double>() == Approx(recomputed.half_width).epsilon(kRecomputedTolerance));
    CHECK(simulated["low_s"].get<double>() < simulated["high_s"].get<double>());
  }
}

TEST_CASE("the closed form is M/M/c at the run's own arrival rate and its verdict follows", "[station-run]") {
  for (const char* id : {"mm1-0.5", "mm1-0.9", "mm4-0.5", "mm4-0.9", "md1-0.9"}) {
    INFO(id);
    const json run = station_json(id);
    const double closed_form_s = run["closed_form"]["wait_s"].get<double>();
    const auto servers = run["servers"].get<std::uint32_t>();
    CHECK(run["closed_form"]["model"] == "M/M/" + std::to_string(servers));
    CHECK(closed_form_s ==
          Approx(whatsim::mmc(arrival_per_s(run), run["mean_service_s"].get<double>(), servers).wait_s)
              .epsilon(kRoundingTolerance));
    const json& simulated = run["simulated"];
    const bool inside = simulated["low_s"].get<double>() <= closed_form_s && closed_form_s <= simulated["high_s"].get<double>();
    CHECK(run["inside"].get<bool>() == inside);
  }
}

TEST_CASE("M/D/1 misses the M/M/1 formula but matches Pollaczek-Khinchine", "[station-run]") {
  // The failure must come from the formula, not from a biased simulator: the same run's
  // interval holds the exact M/D/1 wait (half of M/M/1's).
  const json run = station_json("md1-0.9");
  CHECK(run["station"] == "M/D/1");
  CHECK_FALSE(run["inside"].get<bool>());
  const double exact_s = whatsim::mg1(arrival_per_s(run), run["mean_service_s"].get<double>(), 0.0).wait_s;
  CHECK(run["simulated"]["low_s"].get<double>() <= exact_s);
  CHECK(exact_s <= run["simulated"]["high_s"].get<double>());
}

TEST_CASE("another seed gives other replication waits", "[station-run]") {
  const json seed_1 = station_json("small-a");
  const json seed_7 = station_json("small-seed7");
  REQUIRE(seed_1["seed"] != seed_7["seed"]);
  CHECK(seed_1["simulated"]["replication_wait_s"] != seed_7["simulated"]["replication_wait_s"]);
}
