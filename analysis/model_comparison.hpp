#pragma once
// The analytic model against a simulation of the same scenario: per tier, CPU utilization,
// frames per server and the mean wait for a core; per latency class, the mean. Each row says
// whether the two agree within its tolerance and, when they do not, which of the model's
// assumptions the simulation broke (plan_report.hpp lists them all).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/capacity_model.hpp"
#include "analysis/run_report.hpp"

namespace whatsim {

struct ComparisonRow {
  std::string figure;     // e.g. "cpu_utilization.chat_server", "latency_ms.server_ack.mean"
  double model = 0;
  double simulated = 0;
  std::string tolerance;  // in words, e.g. "2 percentage points"
  bool agrees = false;
  std::string broken_assumption;  // empty when it agrees
};

struct ModelComparison {
  std::vector<ComparisonRow> rows;
  std::size_t disagreements = 0;
};

// Utilization agrees within this many points; frame rates and latencies within this share;
// waits also when both are below kWaitFloor_ms (too small for any latency class to notice).
inline constexpr double kUtilizationPoints = 0.02;
inline constexpr double kRelativeTolerance = 0.10;
inline constexpr double kWaitFloor_ms = 0.01;

// `model` must describe the simulated deployment (ModelSize::simulated, the run's hours).
ModelComparison compare_with_simulation(const Scenario& s, const CapacityModel& model, const RunReport& report);

nlohmann::ordered_json to_json(const ModelComparison& c);
// The report's "Model versus simulation" section.
std::string comparison_markdown(const ModelComparison& c);

}  // namespace whatsim
