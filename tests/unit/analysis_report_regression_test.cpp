#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "analysis/report_regression.hpp"

using namespace whatsim;
using Json = nlohmann::json;

namespace {

constexpr double kFloor = RegressionTolerance::kDefaultAbsoluteFloor;

FigureEstimate point(double value) { return {1, value, value, value}; }
FigureEstimate interval(double mean, double low, double high) { return {3, mean, low, high}; }

// A report.json as far as compare reads it: "scenario" and "sim" make it one.
Json report(double p99_ms, double availability) {
  return Json{{"scenario", {{"seed", 1}}},
              {"sim", {{"hops", 100}}},
              {"latency_ms", {{"delivered", {{"p99", p99_ms}, {"count", 10}}}}},
              {"availability", {{"overall", availability}}}};
}

Json sweep_figure(double mean, double low, double high) {
  return Json{{"n", 3}, {"mean", mean}, {"half_width", (high - low) / 2}, {"low", low}, {"high", high}};
}

Json variant(const std::string& id, const std::string& servers, Json figures) {
  return Json{{"id", id}, {"settings", {{"deployment.chat_servers", servers}}}, {"replications", 3},
              {"runs", Json::array()}, {"figures", std::move(figures)}};
}

Json sweep(Json variants) {
  return Json{{"sweep", {{"scenario", "small"},
                         {"vary", {{"deployment.chat_servers", {"4", "8"}}}},
                         {"replications", 3},
                         {"confidence", 0.95},
                         {"base_seed", 1}}},
              {"variants", std::move(variants)}};
}

std::string error_of(const Json& base, const Json& candidate, const RegressionTolerance& tolerance = {}) {
  try {
    compare_documents({"base.json", base}, {"new.json", candidate}, tolerance);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a figure regresses only beyond its relative tolerance", "[unit][report-regression]") {
  using D = WorseDirection;
  CHECK(judge(D::higher, point(100), point(105), 5, kFloor) == Verdict::worse_within_tolerance);
  CHECK(judge(D::higher, point(100), point(105.1), 5, kFloor) == Verdict::regressed);
  CHECK(judge(D::higher, point(100), point(105.1), 10, kFloor) == Verdict::worse_within_tolerance);
  CHECK(judge(D::lower, point(100), point(96), 5, kFloor) == Verdict::worse_within_tolerance);
  CHECK(judge(D::lower, point(100), point(94), 5, kFloor) == Verdict::regressed);
  // The same moves the other way are improvements, never regressions.
  CHECK(judge(D::higher, point(100), point(94), 5, kFloor) == Verdict::improved);
  CHECK(judge(D::lower, point(100), point(106), 5, kFloor) == Verdict::improved);
  CHECK(judge(D::higher, point(100), point(97), 5, kFloor) == Verdict::better_within_tolerance);
  // Negative bases: the tolerance is a share of the base's size.
  CHECK(judge(D::higher, point(-100), point(-94), 5, kFloor) == Verdict::regressed);
}

TEST_CASE("the absolute floor keeps changes of nothing from regressing", "[unit][report-regression]") {
  using D = WorseDirection;
  CHECK(judge(D::higher, point(0), point(kFloor), 5, kFloor) == Verdict::worse_within_tolerance);
  CHECK(judge(D::higher, point(0.0001), point(0.0002), 5, kFloor) == Verdict::worse_within_tolerance);
  CHECK(judge(D::higher, point(0), point(2 * kFloor), 5, kFloor) == Verdict::regressed);
  // An anomaly count going from none to one is a regression whatever the tolerance.
  CHECK(judge(D::higher, point(0), point(1), 50, kFloor) == Verdict::regressed);
  CHECK(judge(D::lower, point(kFloor), point(0), 5, kFloor) == Verdict::worse_within_tolerance);
}

TEST_CASE("neutral and unchanged figures never regress", "[unit][report-regression]") {
  CHECK(judge(WorseDirection::neutral, point(1), point(1000), 5, kFloor) == Verdict::changed);
  CHECK(judge(WorseDirection::higher, point(7), point(7), 0, 0) == Verdict::unchanged);
}

TEST_CASE("per-figure tolerances by name and prefix with the longest match winning", "[unit][report-regression]") {
  RegressionTolerance t;
  t.default_pct = 5;
  t.per_figure_pct = {{"/latency_ms/*", 10}, {"/latency_ms/delivered/p99", 20}, {"/latency_ms/read*", 30}};
  CHECK(t.pct_for("/consistency/lost") == 5);
  CHECK(t.pct_for("/latency_ms/server_ack/p99") == 10);
  CHECK(t.pct_for("/latency_ms/delivered/p99") == 20);
  CHECK(t.pct_for("/latency_ms/delivered/p999") == 10);
  CHECK(t.pct_for("/latency_ms/read/p50") == 30);
  CHECK(t.pct_for("/latency_ms") == 5);  // a prefix with its '/' does not name its parent
}

TEST_CASE("two reports are judged figure by figure in the base order", "[unit][report-regression]") {
  Json base = report(300, 0.99);
  Json worse = report(450, 0.80);
  base["only_base"] = 1;
  worse["only_new"] = 2;
  worse["latency_ms"]["delivered"]["count"] = 20;
  const ReportComparison c = compare_documents({"a", base}, {"b", worse}, RegressionTolerance{});
  CHECK(c.kind == ComparedKind::reports);
  REQUIRE(c.figures.size() == 5);
  CHECK(c.regressed() == 2);  // p99 up by half, availability down by a fifth
  CHECK(c.count(Verdict::changed) == 1);  // the sample count: neutral
  CHECK(c.figures.front().figure == "/availability/overall");
  CHECK(c.figures.front().change_pct().value() == Approx(100.0 * (0.80 - 0.99) / 0.99));
  CHECK(c.only_in_base == std::vector<std::string>{"/only_base"});
  CHECK(c.only_in_candidate == std::vector<std::string>{"/only_new"});
  CHECK(compare_documents({"a", base}, {"b", base}, RegressionTolerance{}).regressed() == 0);
}

TEST_CASE("sweeps regress only when the intervals lie apart beyond the tolerance", "[unit][report-regression]") {
  using D = WorseDirection;
  const FigureEstimate base = interval(100, 90, 110);
  CHECK(judge(D::higher, base, interval(120, 111, 129), 5, kFloor) == Verdict::regressed);
  CHECK(judge(D::higher, base, interval(120, 110, 130), 5, kFloor) == Verdict::worse_intervals_overlap);
  CHECK(judge(D::higher, base, interval(120, 105, 135), 5, kFloor) == Verdict::worse_intervals_overlap);
  // Apart, but not by more than the tolerance: 110.5 is within 20 % of 100.
  CHECK(judge(D::higher, base, interval(110.5, 110.2, 110.8), 20, kFloor) == Verdict::worse_within_tolerance);
  CHECK(judge(D::lower, base, interval(80, 71, 89), 5, kFloor) == Verdict::regressed);
  CHECK(judge(D::lower, base, interval(120, 111, 129), 5, kFloor) == Verdict::improved);
  CHECK(judge(D::higher, base, interval(80, 70, 95), 5, kFloor) == Verdict::better_intervals_overlap);
}

TEST_CASE("sweep variants are matched by their settings not their order", "[unit][report-regression]") {
  const Json base = sweep({variant("v01", "4", {{"/latency_ms/delivered/p99", sweep_figure(300, 290, 310)}}),
                           variant("v02", "8", {{"/latency_ms/delivered/p99", sweep_figure(250, 240, 260)}})});
  const Json shifted = sweep({variant("v01", "8", {{"/latency_ms/delivered/p99", sweep_figure(250, 245, 255)}}),
                              variant("v02", "4", {{"/latency_ms/delivered/p99", sweep_figure(400, 380, 420)},
                                                   {"/consistency/lost", sweep_figure(0, 0, 0)}})});
  const ReportComparison c = compare_documents({"a", base}, {"b", shifted}, RegressionTolerance{});
  CHECK(c.kind == ComparedKind::sweeps);
  CHECK(c.confidence == 0.95);
  REQUIRE(c.figures.size() == 2);
  CHECK(c.figures[0].variant == "deployment.chat_servers=4");
  CHECK(c.figures[0].verdict == Verdict::regressed);
  CHECK(c.figures[0].candidate.n == 3);
  CHECK(c.figures[1].variant == "deployment.chat_servers=8");
  CHECK(c.figures[1].verdict == Verdict::unchanged);
  CHECK(c.only_in_candidate == std::vector<std::string>{"deployment.chat_servers=4: /consistency/lost"});
}

TEST_CASE("a sweep figure of one replication has no interval and is judged as a report's", "[unit][report-regression]") {
  const Json single = {{"n", 1}, {"mean", 300.0}, {"half_width", nullptr}, {"low", nullptr}, {"high", nullptr}};
  Json worse = single;
  worse["mean"] = 400.0;
  const Json base = sweep({variant("v01", "4", {{"/latency_ms/delivered/p99", single}})});
  const Json candidate = sweep({variant("v01", "4", {{"/latency_ms/delivered/p99", worse}})});
  const ReportComparison c = compare_documents({"a", base}, {"b", candidate}, RegressionTolerance{});
  REQUIRE(c.figures.size() == 1);
  CHECK(c.figures[0].verdict == Verdict::regressed);
  CHECK(c.figures[0].base.low == 300.0);
}

TEST_CASE("mismatched sweep variants are bad input", "[unit][report-regression]") {
  const Json four = sweep({variant("v01", "4", Json::object())});
  const Json eight = sweep({variant("v01", "8", Json::object())});
  CHECK_THAT(error_of(four, eight), Catch::Contains("new.json: variant deployment.chat_servers=8 has no match in base.json"));
  const Json both = sweep({variant("v01", "4", Json::object()), variant("v02", "8", Json::object())});
  CHECK_THAT(error_of(both, four), Catch::Contains("base.json: variant deployment.chat_servers=8 has no match"));
  const Json twice = sweep({variant("v01", "4", Json::object()), variant("v02", "4", Json::object())});
  CHECK_THAT(error_of(twice, twice), Catch::Contains("variants[1]: the same settings as variants[0]"));
}

TEST_CASE("documents of different or unknown kinds are bad input", "[unit][report-regression]") {
  const Json a_sweep = sweep({variant("v01", "4", Json::object())});
  CHECK_THAT(error_of(report(1, 1), a_sweep), Catch::Contains("base.json is a report.json but new.json a sweep.json"));
  CHECK_THAT(error_of(Json{{"wall_seconds", 1}}, report(1, 1)), Catch::Contains("base.json: neither a report.json"));
  CHECK_THAT(error_of(Json::array(), Json::array()), Catch::Contains("neither"));
  Json other_level = a_sweep;
  other_level["sweep"]["confidence"] = 0.9;
  CHECK_THAT(error_of(a_sweep, other_level), Catch::Contains("confidence differs"));
}

TEST_CASE("a malformed sweep figure is bad input naming where", "[unit][report-regression]") {
  Json no_high = sweep_figure(300, 290, 310);
  no_high["high"] = nullptr;
  const Json bad = sweep({variant("v01", "4", {{"/latency_ms/delivered/p99", no_high}})});
  CHECK_THAT(error_of(bad, bad), Catch::Contains("variants[0].figures[\"/latency_ms/delivered/p99\"].high: expected a number"));
  Json inverted = sweep_figure(300, 310, 290);
  const Json bad_order = sweep({variant("v01", "4", {{"/latency_ms/delivered/p99", inverted}})});
  CHECK_THAT(error_of(bad_order, bad_order), Catch::Contains("low <= mean <= high"));
}

TEST_CASE("a per-figure tolerance naming no figure is bad input", "[unit][report-regression]") {
  RegressionTolerance typo;
  typo.per_figure_pct = {{"/latency_ms/delivred/p99", 10}};
  CHECK_THAT(error_of(report(1, 1), report(1, 1), typo), Catch::Contains("tolerance for /latency_ms/delivred/p99"));
  RegressionTolerance prefix;
  prefix.per_figure_pct = {{"/latency_ms/*", 10}};
  CHECK(error_of(report(1, 1), report(1, 1), prefix).empty());
}
