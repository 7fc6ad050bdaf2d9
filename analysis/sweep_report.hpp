#pragma once
// sweep.md: what a sweep found, for people: the chosen metrics per variant as mean ±
// half-width with the replications behind them, whether --ci-width's target was met, the runs
// that failed. The command adds the figures (sweep_plots.hpp); sweep.html is rendered from it.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analysis/sweep_aggregate.hpp"
#include "analysis/sweep_stopping.hpp"

namespace whatsim {

struct SweepReportNotes {
  std::vector<std::string> metrics;         // the chosen figures, the first one --ci-width's
  std::optional<WidthTarget> width_target;  // when --ci-width was given
  std::vector<std::string> failed_runs;     // relative run directories: "runs/v01-r02"
};

// "1 run", "6 runs": a count with its noun, in the report and the command's messages alike.
std::string counted(std::size_t n, const std::string& noun);

// "301.4 ± 2.13 (n 3)"; "301.4 (n 1)" without an interval; "not reported" for null.
std::string metric_cell(const FigureSummary* figure);

// The whole report but its figures. Identical input gives identical text (no times, no paths
// but the scenario's as given).
std::string sweep_markdown(const SweepDefinition& sweep, const std::vector<VariantResult>& variants,
                           const SweepReportNotes& notes);

}  // namespace whatsim
