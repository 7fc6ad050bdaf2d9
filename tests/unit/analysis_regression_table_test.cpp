#include <catch2/catch.hpp>

#include <string>

#include "analysis/numeric_figures.hpp"
#include "analysis/regression_table.hpp"

using namespace whatsim;
using Json = nlohmann::json;

namespace {

Json report(double p99_ms, double server_cpu_ms, double count) {
  return Json{{"scenario", {{"seed", 1}}},
              {"sim", {{"hops", 100}}},
              {"latency_ms", {{"delivered", {{"p99", p99_ms}, {"count", count}}}}},
              {"latency_breakdown", {{"delivered", {{"server_cpu_ms", server_cpu_ms}}}}}};
}

ReportComparison compare(const Json& base, const Json& candidate) {
  return compare_documents({"base", base}, {"new", candidate}, RegressionTolerance{});
}

const ComparedFiles kFiles{"base/report.json", "new/report.json", RegressionTolerance{}};

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  return text.substr(text.rfind('\n', end) + 1, end - text.rfind('\n', end));
}

}  // namespace

TEST_CASE("the summary counts regressions or the figures compared", "[unit][regression-table]") {
  const Json base = report(300, 0.1, 10);
  const std::string figures = std::to_string(numeric_figures(base).size());
  CHECK(regression_summary(compare(base, base)) == "compare: no regression (" + figures + " figures compared)");
  CHECK(regression_summary(compare(base, report(400, 0.1, 10))) == "compare: 1 figure regressed");
  CHECK(regression_summary(compare(base, report(400, 0.2, 10))) == "compare: 2 figures regressed");
}

TEST_CASE("the text table lists regressions and with all every change", "[unit][regression-table]") {
  const Json base = report(300, 0.1, 10);
  // p99 regresses, server CPU improves, the sample count changes (neutral).
  const ReportComparison c = compare(base, report(450, 0.05, 20));
  const std::string regressions = regression_text(kFiles, c, false);
  CHECK_THAT(regressions, Catch::Contains("/latency_ms/delivered/p99"));
  CHECK_THAT(regressions, Catch::Contains("+50%"));
  CHECK_THAT(regressions, Catch::Contains("REGRESSED"));
  CHECK_THAT(regressions, !Catch::Contains("server_cpu_ms"));
  CHECK(last_line(regressions) == "compare: 1 figure regressed");
  const std::string everything = regression_text(kFiles, c, true);
  CHECK_THAT(everything, Catch::Contains("improved"));
  CHECK_THAT(everything, Catch::Contains("changed (neutral)"));
  CHECK_THAT(everything, !Catch::Contains("/sim/hops"));  // unchanged figures are never listed
  CHECK(last_line(everything) == "compare: 1 figure regressed");
}

TEST_CASE("the markdown and JSON say the same as the table", "[unit][regression-table]") {
  Json candidate = report(450, 0.1, 10);
  candidate["only_new"] = 1;
  const ReportComparison c = compare(report(300, 0.1, 10), candidate);
  const std::string markdown = regression_markdown(kFiles, c, false);
  CHECK_THAT(markdown, Catch::Contains("| `/latency_ms/delivered/p99` | 300 | 450 | +50% | 5% | **REGRESSED** |"));
  CHECK_THAT(markdown, Catch::Contains("Only in the new file (1): `/only_new`"));
  const Json json = Json::parse(regression_json(kFiles, c));
  CHECK(json["regressed"] == 1);
  CHECK(json["compared"] == numeric_figures(candidate).size() - 1);  // all but /only_new
  REQUIRE(json["changes"].size() == 1);
  CHECK(json["changes"][0]["figure"] == "/latency_ms/delivered/p99");
  CHECK(json["changes"][0]["worse"] == "higher");
  CHECK(json["changes"][0]["verdict"] == "regressed");
  CHECK(json["only_in_new"] == Json::array({"/only_new"}));
}

TEST_CASE("a sweep table shows each variant and both intervals with n", "[unit][regression-table]") {
  auto figure = [](double mean, double low, double high) {
    return Json{{"n", 3}, {"mean", mean}, {"half_width", (high - low) / 2}, {"low", low}, {"high", high}};
  };
  auto sweep = [](Json figures) {
    return Json{{"sweep", {{"confidence", 0.95}}},
                {"variants", {{{"id", "v01"}, {"settings", {{"traffic.messages_per_user_per_day", "50"}}},
                               {"figures", std::move(figures)}}}}};
  };
  const ReportComparison c = compare(sweep({{"/latency_ms/delivered/p99", figure(300, 290, 310)}}),
                                     sweep({{"/latency_ms/delivered/p99", figure(400, 380, 420)}}));
  const std::string text = regression_text(kFiles, c, false);
  CHECK_THAT(text, Catch::Contains("traffic.messages_per_user_per_day=50"));
  CHECK_THAT(text, Catch::Contains("300 [290, 310] n=3"));
  CHECK_THAT(text, Catch::Contains("400 [380, 420] n=3"));
  CHECK_THAT(text, Catch::Contains("95% intervals apart"));
  CHECK(last_line(text) == "compare: 1 figure regressed");
}

TEST_CASE("a change from near zero prints without an exponent", "[unit][regression-table]") {
  const ReportComparison c = compare(report(300, 0.01, 10), report(300, 100, 10));
  const std::string text = regression_text(kFiles, c, false);
  CHECK_THAT(text, Catch::Contains(" +999900% "));
  CHECK_THAT(text, Catch::Contains("/latency_breakdown/delivered/server_cpu_ms"));
}
