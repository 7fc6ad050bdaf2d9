#pragma once
// `whatsim compare BASE NEW`: what got worse between two report.json (two runs) or two
// sweep.json (two sweeps of the same variants), for CI. The rule and its tolerance are
// analysis/report_regression.hpp's; the table analysis/regression_table.hpp's.
// Exit codes: 0 nothing regressed, 1 something did, 2 bad input (a file that cannot be read,
// is not JSON, is of neither kind or not of the other's kind; bad flags): one line on
// stderr (whatsim.cpp turns a throw into it), nothing written.
#include <string>
#include <vector>

#include "analysis/report_regression.hpp"

namespace CLI {
class App;
}

namespace whatsim {

struct CompareArgs {
  std::string base;        // required
  std::string candidate;   // required: NEW
  double tolerance_pct = RegressionTolerance::kDefaultPct;
  std::vector<std::string> tolerance_for;  // "FIGURE=PCT", FIGURE a name or a prefix ending in '*'
  std::string json;        // empty: no JSON file
  std::string markdown;    // empty: no Markdown file
  bool all = false;        // list every changed figure, not only the regressions
};

// Adds the `compare` subcommand and its flags (with their validators) to `app`.
CLI::App* add_compare_command(CLI::App& app, CompareArgs& args);

// Prints the table, writes the files asked for. Returns 1 when a figure regressed, else 0.
// Throws std::invalid_argument (or std::runtime_error for a file it cannot write) before
// anything is written.
int compare_command(const CompareArgs& args);

}  // namespace whatsim
