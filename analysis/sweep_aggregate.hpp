#pragma once
// What a sweep found: per variant, every numeric figure of its runs' report.json (by
// numeric_figures' names) as a mean over replications with its confidence interval; and the
// files that hold it: sweep.json (read by `whatsim compare`) and sweep.csv (long format, one
// row per variant and figure, for pandas or R).
//
// The runs' figures already leave out the warm-up (simulation.warmup_s), as every report.json
// does; nothing else is dropped here.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/sweep_grid.hpp"

namespace whatsim {

// One figure over the replications that reported it.
struct FigureSummary {
  std::size_t n = 0;
  double mean = 0;
  // mean_interval's half-width; 0 when every replication gave the same value (a configuration
  // echo, a count the seed does not change); none with one replication (no spread to estimate).
  std::optional<double> half_width;

  std::optional<double> low() const;
  std::optional<double> high() const;
};

// The summary of `values` (at least one) at `confidence`, e.g. 0.95.
FigureSummary summarize(const std::vector<double>& values, double confidence);

struct VariantResult {
  Variant variant;
  std::vector<std::string> runs;  // finished runs used, relative to the sweep directory: "runs/v01-r01"
  std::vector<std::pair<std::string, FigureSummary>> figures;  // in the order the reports first name them

  // The figure's summary, or null when no run of the variant reported it.
  const FigureSummary* find(const std::string& figure) const;
};

// One finished run: its directory relative to the sweep's, and its report.json.
struct FinishedRun {
  std::string run;
  nlohmann::json report;
};

// Aggregates the given runs of `variant` (in replication order).
VariantResult aggregate_runs(const Variant& variant, const std::vector<FinishedRun>& runs, double confidence);

// A run is finished when its report.json exists: whatsim writes it whole or not at all.
bool run_finished(const std::filesystem::path& run_dir);

// Reads the finished runs among replications 1..replications of `variant` under sweep_dir and
// aggregates them; unfinished ones are left out. Throws std::runtime_error naming a
// report.json that is not JSON.
VariantResult aggregate_variant(const std::filesystem::path& sweep_dir, const Variant& variant,
                                std::size_t replications, double confidence);

// The sweep as a whole, as sweep.json's "sweep" object states it.
struct SweepDefinition {
  std::string scenario;  // the scenario file as given on the command line
  std::vector<VariedParameter> vary;
  std::size_t replications = 0;  // asked for per variant (--ci-width may have added some)
  double confidence = 0;
  std::uint64_t base_seed = 0;
};

// sweep.json: {"sweep": {scenario, vary, replications, confidence, base_seed}, "variants":
// [{id, settings, replications, runs, figures: {NAME: {n, mean, half_width, low, high}}}]}, with
// half_width, low and high null for a figure of one replication. `whatsim compare` reads it: its
// format is fixed.
nlohmann::ordered_json sweep_json(const SweepDefinition& sweep, const std::vector<VariantResult>& variants);

// sweep.csv: variant,<one column per varied path>,figure,n,mean,half_width,low,high; one row
// per variant and figure; half_width, low and high empty for one replication. Fields quoted
// as RFC 4180 says; lines end in \n (as pandas and R write them).
std::string sweep_csv(const SweepDefinition& sweep, const std::vector<VariantResult>& variants);

// A CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break,
// with each quote doubled.
std::string csv_field(const std::string& text);

}  // namespace whatsim
