#include <catch2/catch.hpp>

#include "analysis/sweep_plots.hpp"
#include "analysis/sweep_report.hpp"

using namespace whatsim;

namespace {

// A variant whose runs reported `value` for /m (with the given spread: two runs value ± spread).
VariantResult result(const Variant& v, double value, double spread) {
  return aggregate_runs(v, {{"runs/a", {{"m", value - spread}}}, {"runs/b", {{"m", value + spread}}}}, 0.95);
}

}  // namespace

TEST_CASE("a numeric parameter is plotted to scale with one line per value of the others", "[unit][sweep]") {
  const std::vector<VariedParameter> vary = parse_varies({"servers=2,8", "mode=fast,slow"});
  const SweepDefinition sweep{"s.json", vary, 2, 0.95, 1};
  const std::vector<Variant> v = sweep_variants(vary);  // (2,fast) (2,slow) (8,fast) (8,slow)
  const std::vector<VariantResult> results = {result(v[0], 10, 1), result(v[1], 20, 0), result(v[2], 30, 1),
                                              result(v[3], 40, 0)};
  const SweepPlotData by_servers = sweep_plot_data(sweep, results, "/m", 0);
  CHECK(by_servers.numeric_x);
  REQUIRE(by_servers.lines.size() == 2);
  CHECK(by_servers.lines[0].title == "mode=fast");
  REQUIRE(by_servers.lines[0].points.size() == 2);
  CHECK(by_servers.lines[0].points[0].x == 2);
  CHECK(by_servers.lines[0].points[1].x == 8);
  CHECK(by_servers.lines[0].points[1].mean == Approx(30));
  CHECK(by_servers.lines[0].points[1].half_width > 0);
  CHECK(by_servers.lines[1].points[1].mean == Approx(40));
  CHECK(by_servers.lines[1].points[1].half_width == 0);

  const SweepPlotData by_mode = sweep_plot_data(sweep, results, "/m", 1);
  CHECK_FALSE(by_mode.numeric_x);  // "fast" is not a number: categories at 0 and 1
  CHECK(by_mode.x_labels == std::vector<std::string>{"fast", "slow"});
  REQUIRE(by_mode.lines.size() == 2);
  CHECK(by_mode.lines[1].title == "servers=8");
  CHECK(by_mode.lines[1].points[1].x == 1);
  CHECK(by_mode.lines[1].points[1].mean == Approx(40));
}

TEST_CASE("a metric no run reported leaves its lines without points", "[unit][sweep]") {
  const std::vector<VariedParameter> vary = parse_varies({"a=1,2"});
  const SweepDefinition sweep{"s.json", vary, 2, 0.95, 1};
  const std::vector<Variant> v = sweep_variants(vary);
  const SweepPlotData data = sweep_plot_data(sweep, {result(v[0], 1, 0), result(v[1], 2, 0)}, "/missing", 0);
  REQUIRE(data.lines.size() == 1);
  CHECK(data.lines[0].points.empty());
}

TEST_CASE("plot file names are unique per metric and parameter and safe in a path", "[unit][sweep]") {
  CHECK(sweep_plot_stem("/latency_ms/server_ack/p99", 0, "deployment.regions[0].user_share", 1) ==
        "m01p02-latency_ms_server_ack_p99-by-deployment_regions_0_user_share");
}

TEST_CASE("a metric cell shows mean plus or minus half-width and n", "[unit][sweep]") {
  FigureSummary f{3, 301.456, 2.1234};
  CHECK(metric_cell(&f) == "301.5 ± 2.12 (n 3)");
  f.half_width.reset();
  f.n = 1;
  CHECK(metric_cell(&f) == "301.5 (n 1)");
  CHECK(metric_cell(nullptr) == "not reported");
}

TEST_CASE("sweep.md states the warm-up and seeds and lists the metrics and failed runs", "[unit][sweep]") {
  const std::vector<VariedParameter> vary = parse_varies({"a=1,2"});
  const SweepDefinition sweep{"scenarios/small.json", vary, 2, 0.95, 7};
  const std::vector<Variant> v = sweep_variants(vary);
  SweepReportNotes notes{{"/m"}, WidthTarget{5, 20}, {"runs/v02-r02"}};
  const std::string md = sweep_markdown(sweep, {result(v[0], 100, 1), result(v[1], 100, 20)}, notes);
  CHECK_THAT(md, Catch::Contains("warm-up (`simulation.warmup_s`)"));
  CHECK_THAT(md, Catch::Contains("seed 7 + r − 1"));
  CHECK_THAT(md, Catch::Contains("95 % confidence interval"));
  CHECK_THAT(md, Catch::Contains("| variant | a | /m |"));
  CHECK_THAT(md, Catch::Contains("| v01 | 1 | 100.0 ± 12.7 (n 2) |"));
  // v01: 12.7 / 100 is above 5 %; so is v02's.
  CHECK_THAT(md, Catch::Contains("| v01 | 2 | 12.7 % | **not met** |"));
  CHECK_THAT(md, Catch::Contains("- `runs/v02-r02`"));
}
