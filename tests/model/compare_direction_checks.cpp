// The direction rules of `whatsim compare` (analysis/figure_direction.hpp) on every figure a
// real run wrote: small.json's, groups-small.json's and media-small.json's run A. A renamed or
// new report section shows up here when the rules no longer judge it as they should.
// One tag per run: Catch.cmake names its test list after the TEST_SPEC (not the prefix), so
// each run's discovery needs a spec of its own.
#include <catch2/catch.hpp>

#include <string>

#include "analysis/figure_direction.hpp"
#include "analysis/numeric_figures.hpp"
#include "analysis/report_regression.hpp"
#include "tests/model/run_files.hpp"

using namespace whatsim;

namespace {

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// What a section's figures must be judged as, whatever figures the run wrote there.
WorseDirection expected_direction(const std::string& figure) {
  for (const char* section : {"/scenario/", "/model/", "/model_comparison/", "/full_deployment/"})
    if (starts_with(figure, section)) return WorseDirection::neutral;
  if (starts_with(figure, "/latency_ms/")) return ends_with(figure, "/count") ? WorseDirection::neutral : WorseDirection::higher;
  if (starts_with(figure, "/consistency/") || starts_with(figure, "/storage/")) return WorseDirection::higher;
  if (starts_with(figure, "/tiers/") && figure.find("/cpu_utilization_") != std::string::npos) return WorseDirection::higher;
  if (starts_with(figure, "/tiers/") && ends_with(figure, "/servers")) return WorseDirection::neutral;
  if (starts_with(figure, "/latency_breakdown/") && ends_with(figure, "_ms")) return WorseDirection::higher;
  return worse_direction(figure);  // no claim for the rest
}

}  // namespace

TEST_CASE("every figure of a real report is judged in its section's direction",
          "[compare-run][compare-run-small][compare-run-groups][compare-run-media]") {
  const auto figures = numeric_figures(run_files::report());
  REQUIRE(!figures.empty());
  bool some_lower_is_worse = false;
  for (const auto& [figure, value] : figures) {
    INFO(figure);
    CHECK(to_string(worse_direction(figure)) == std::string(to_string(expected_direction(figure))));
    some_lower_is_worse = some_lower_is_worse || worse_direction(figure) == WorseDirection::lower;
  }
  // Throughput and availability: a run that delivered less must be able to regress.
  CHECK(some_lower_is_worse);
}

TEST_CASE("a real report compared with itself has no regression and no change",
          "[compare-run][compare-run-small][compare-run-groups][compare-run-media]") {
  const nlohmann::json report = run_files::report();
  const ReportComparison c = compare_documents({"a", report}, {"b", report}, RegressionTolerance{});
  CHECK(c.figures.size() == numeric_figures(report).size());
  CHECK(c.count(Verdict::unchanged) == c.figures.size());
  CHECK(c.only_in_base.empty());
  CHECK(c.only_in_candidate.empty());
}
