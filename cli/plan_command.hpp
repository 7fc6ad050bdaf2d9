#pragma once
// `whatsim plan SCENARIO`: the analytic model sizes the full deployment for the scenario's
// targets (or the flags'), and writes plan.json, report.md and report.html with the latency-
// versus-load curve and the storage growth figures. No simulation: it answers in milliseconds.
#include <string>
#include <vector>

namespace whatsim {

struct PlanArgs {
  std::string scenario;
  std::string out_dir;            // empty: out/<scenario name>-plan
  std::vector<std::string> sets;  // "PATH=VALUE" overrides, in order
  double target_users = 0;        // 0: the scenario's population.users
  double target_messages_per_day = 0;  // 0: users x traffic.messages_per_user_per_day
  double max_utilization = 0;     // 0: the scenario's targets.max_utilization
  double p99_ms = 0;              // 0: the scenario's targets.p99_ms
  bool plots = true;              // --no-plots: skip gnuplot (the benchmark times the model alone)
};

// Returns the exit code: 0 (the plan was written, whether or not every target is met).
int plan_command(const PlanArgs& args);

}  // namespace whatsim
