#pragma once
// `whatsim run SCENARIO`: load a scenario (with --set overrides and --seed), simulate it,
// and write report.json, run.json and report.md (and the history when asked) into the out
// directory. `whatsim check` runs scenarios the same way, so both share this.
//
// Loading and running are two steps because check must look at the loaded scenario (its
// `expect` block) before anything runs: bad input is refused before the out directory is
// touched, and files appear under their final names only once complete.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/capacity_model.hpp"
#include "analysis/load_curve.hpp"
#include "analysis/run_report.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

struct RunArgs {
  std::string scenario;           // scenario file, as given on the command line
  std::string out_dir;            // empty: out/<scenario name>
  std::vector<std::string> sets;  // "PATH=VALUE" overrides, in order
  long long seed = -1;            // -1: the scenario's own simulation.seed
  std::string history;            // lifecycle CSV file; empty: none
};

// What a finished run wrote.
struct CompletedRun {
  Scenario scenario;                    // as run: extends, defaults, --set and --seed applied
  RunReport report;
  nlohmann::ordered_json report_json;   // report.json's content
  std::filesystem::path out_dir;
};

// The scenario with args.sets applied, then args.seed (as simulation.seed). Throws
// ScenarioError; touches no file.
Scenario load_run_scenario(const RunArgs& args);

// Simulates `scenario` (loaded from args by load_run_scenario), writes the report files
// atomically into the out directory and prints where they are. Throws on a run that could
// not finish or a file that could not be written.
CompletedRun simulate_and_write(const Scenario& scenario, const RunArgs& args);

// Draws the analytic model's figures (load curve, storage growth) into `out` and adds them to
// `markdown`; `whatsim plan` adds the same figures for the planned deployment.
void append_model_figures(std::string& markdown, const Scenario& scenario, const CapacityModel& model,
                          const LoadCurve& curve, const std::filesystem::path& out);

// `whatsim run`: load, simulate, write. Returns the exit code (0).
int run_command(const RunArgs& args);

}  // namespace whatsim
