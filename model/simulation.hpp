#pragma once
// Runs one scenario on SimGrid and returns what was measured. One simulation per process:
// SimGrid's engine cannot be reset. This header keeps SimGrid out of its callers.
#include <functional>
#include <ostream>
#include <string>

#include "analysis/run_report.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

struct RunOptions {
  std::string scenario_file;
  std::ostream* history = nullptr;  // lifecycle CSV, when asked for
  // Called now and then with (simulated seconds, wall seconds) for a progress line.
  std::function<void(double, double)> progress;
};

RunReport run_simulation(const Scenario& scenario, const RunOptions& options);

}  // namespace whatsim
