#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "analysis/sweep_aggregate.hpp"
#include "analysis/sweep_stopping.hpp"

using namespace whatsim;

namespace {

// t(0.975, 2 degrees of freedom), from printed tables: the 95 % interval of three replications.
constexpr double kT975With2Dof = 4.302652729911275;

Variant variant_a() { return sweep_variants(parse_varies({"a=1,2"}))[0]; }

nlohmann::json report(double p99, double seed) {
  return {{"latency_ms", {{"delivered", {{"p99", p99}}}}}, {"scenario", {{"seed", seed}, {"users", 500}}}};
}

}  // namespace

TEST_CASE("three replications give mean plus or minus t times s over root 3", "[unit][sweep]") {
  // mean 302; deviations -2, 0, 2: s = 2; half-width 4.3027 * 2 / sqrt(3) = 4.9683.
  const FigureSummary f = summarize({300, 302, 304}, 0.95);
  CHECK(f.n == 3);
  CHECK(f.mean == Approx(302));
  REQUIRE(f.half_width);
  CHECK(*f.half_width == Approx(kT975With2Dof * 2 / std::sqrt(3.0)));
  CHECK(*f.half_width == Approx(4.9683).epsilon(1e-4));
  CHECK(*f.low() == Approx(302 - 4.9683).epsilon(1e-4));
  CHECK(*f.high() == Approx(302 + 4.9683).epsilon(1e-4));
}

TEST_CASE("a figure equal in every replication has half-width 0 exactly", "[unit][sweep]") {
  const FigureSummary f = summarize({0.1, 0.1, 0.1}, 0.95);  // 0.1 * 3 / 3 is not 0.1 in binary
  CHECK(f.mean == 0.1);
  REQUIRE(f.half_width);
  CHECK(*f.half_width == 0.0);
}

TEST_CASE("one replication has a mean and no interval", "[unit][sweep]") {
  const FigureSummary f = summarize({7.5}, 0.95);
  CHECK(f.n == 1);
  CHECK(f.mean == 7.5);
  CHECK_FALSE(f.half_width);
  CHECK_FALSE(f.low());
}

TEST_CASE("a variant's figures are summarized over the runs that report them", "[unit][sweep]") {
  nlohmann::json third = report(304, 3);
  third["latency_ms"]["read"] = {{"p99", 9000}};  // a class only one run measured
  const VariantResult r =
      aggregate_runs(variant_a(), {{"runs/v01-r01", report(300, 1)}, {"runs/v01-r02", report(302, 2)}, {"runs/v01-r03", third}}, 0.95);
  CHECK(r.runs == std::vector<std::string>{"runs/v01-r01", "runs/v01-r02", "runs/v01-r03"});
  REQUIRE(r.find("/latency_ms/delivered/p99"));
  CHECK(r.find("/latency_ms/delivered/p99")->mean == Approx(302));
  CHECK(r.find("/scenario/seed")->mean == Approx(2));
  CHECK(*r.find("/scenario/users")->half_width == 0.0);
  REQUIRE(r.find("/latency_ms/read/p99"));
  CHECK(r.find("/latency_ms/read/p99")->n == 1);
  CHECK(r.find("/no/such") == nullptr);
}

TEST_CASE("sweep.json has the format whatsim compare reads", "[unit][sweep]") {
  const std::vector<VariedParameter> vary = parse_varies({"a=1,2"});
  const SweepDefinition sweep{"small.json", vary, 2, 0.95, 1};
  const VariantResult v1 = aggregate_runs(sweep_variants(vary)[0], {{"runs/v01-r01", report(300, 1)}, {"runs/v01-r02", report(304, 2)}}, 0.95);
  const VariantResult v2 = aggregate_runs(sweep_variants(vary)[1], {{"runs/v02-r01", report(310, 1)}}, 0.95);
  const nlohmann::json j = nlohmann::json::parse(sweep_json(sweep, {v1, v2}).dump());
  CHECK(j["sweep"] == nlohmann::json::parse(R"({"scenario": "small.json", "vary": {"a": ["1", "2"]},
                                                "replications": 2, "confidence": 0.95, "base_seed": 1})"));
  REQUIRE(j["variants"].size() == 2);
  CHECK(j["variants"][0]["id"] == "v01");
  CHECK(j["variants"][0]["settings"] == nlohmann::json{{"a", "1"}});
  CHECK(j["variants"][0]["replications"] == 2);
  CHECK(j["variants"][0]["runs"] == nlohmann::json{"runs/v01-r01", "runs/v01-r02"});
  const nlohmann::json& p99 = j["variants"][0]["figures"]["/latency_ms/delivered/p99"];
  CHECK(p99["n"] == 2);
  CHECK(p99["mean"].get<double>() == Approx(302));
  // Two replications: t(0.975, 1) = 12.7062, s = 2.8284, s / sqrt(2) = 2.
  CHECK(p99["half_width"].get<double>() == Approx(25.4124).epsilon(1e-5));
  CHECK(p99["low"].get<double>() == Approx(302 - 25.4124).epsilon(1e-5));
  CHECK(p99["high"].get<double>() == Approx(302 + 25.4124).epsilon(1e-5));
  const nlohmann::json& single = j["variants"][1]["figures"]["/latency_ms/delivered/p99"];
  CHECK(single["n"] == 1);
  CHECK(single["half_width"].is_null());
  CHECK(single["low"].is_null());
  CHECK(single["high"].is_null());
}

TEST_CASE("sweep.csv has one row per variant and figure and empty cells without an interval", "[unit][sweep]") {
  const std::vector<VariedParameter> vary = parse_varies({"name=a,b \"c\""});
  const SweepDefinition sweep{"s.json", vary, 1, 0.95, 1};
  const VariantResult v1 = aggregate_runs(sweep_variants(vary)[0], {{"runs/v01-r01", report(300, 1)}}, 0.95);
  const VariantResult v2 = aggregate_runs(sweep_variants(vary)[1], {{"runs/v02-r01", report(310, 1)}}, 0.95);
  const std::string csv = sweep_csv(sweep, {v1, v2});
  CHECK(csv.rfind("variant,name,figure,n,mean,half_width,low,high\n", 0) == 0);
  CHECK_THAT(csv, Catch::Contains("v01,a,/latency_ms/delivered/p99,1,300.0,,,\n"));
  CHECK_THAT(csv, Catch::Contains("v02,\"b \"\"c\"\"\",/latency_ms/delivered/p99,1,310.0,,,\n"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 2 * 3);  // header + 2 variants x 3 figures
  CHECK(csv_field("x,y") == "\"x,y\"");
  CHECK(csv_field("plain") == "plain");
}

TEST_CASE("the width target is a half-width within a share of the mean", "[unit][sweep]") {
  FigureSummary f;
  f.n = 3;
  f.mean = -200;
  f.half_width = 10;
  CHECK(width_target_met(&f, 5));   // 10 <= 5 % of |-200|
  CHECK_FALSE(width_target_met(&f, 4.9));
  f.half_width.reset();
  CHECK_FALSE(width_target_met(&f, 50));  // one replication cannot tell
  CHECK_FALSE(width_target_met(nullptr, 50));
}

TEST_CASE("a round adds replications only where the interval is too wide and below the maximum", "[unit][sweep]") {
  FigureSummary narrow{3, 100, 1.0};
  FigureSummary wide{3, 100, 30.0};
  const WidthTarget target{5, 6};
  // Round-robin over the wide variants until the round's 4 runs are planned.
  CHECK(next_round({&narrow, &wide, &wide}, {3, 3, 3}, target, 4) == std::vector<std::size_t>{0, 2, 2});
  // The maximum caps a variant; its share goes to the others.
  CHECK(next_round({&wide, &wide}, {5, 3}, target, 4) == std::vector<std::size_t>{1, 3});
  // Nothing left to do: stop.
  CHECK(next_round({&narrow, &wide}, {3, 6}, target, 4) == std::vector<std::size_t>{0, 0});
  // A metric the runs do not report gets no more runs.
  CHECK(next_round({nullptr}, {3}, target, 4) == std::vector<std::size_t>{0});
}
