#pragma once
// What a run says about the whole deployment. A slice (simulation.scale) simulates some of
// the cells; each figure here says whether it was measured on the slice and stands for every
// cell, or was scaled by cells / simulated cells, and under which assumption; and the
// scenario's targets are checked against the measured per-cell figures, which answers
// "does the design carry this population and traffic?".
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run_report.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

struct DeploymentFigure {
  std::string name;       // "messages sent per second", "chat_server CPU utilization (busiest)"
  double simulated = 0;   // on the simulated part
  double full = 0;        // for the whole deployment
  std::string unit;       // "1/s", "share", "ms", "bytes", "servers", "users"
  std::string basis;      // "measured" (a per-cell figure, the same in every cell) or "scaled"
};

struct TargetCheck {
  std::string name;   // "websocket_manager CPU utilization (busiest server)"
  double actual = 0;
  double limit = 0;   // the check holds when actual <= limit
  bool met = false;
};

struct FullDeployment {
  std::uint32_t cells = 0;
  double simulated_cells = 0;
  double factor = 1;                     // cells / simulated cells: what totals are multiplied by
  double users = 0;                      // the deployment's, and the messages a day they send
  double messages_per_day = 0;
  std::vector<DeploymentFigure> figures;
  std::vector<TargetCheck> checks;
  bool met = false;                      // every check holds
  std::string assumptions;               // the slice's, in plain words
};

FullDeployment extrapolate_to_full(const Scenario& s, const RunReport& r);
nlohmann::ordered_json to_json(const FullDeployment& d);
// "## Full deployment": the verdict first, then the checks and the figures with their basis.
std::string full_deployment_markdown(const FullDeployment& d);

}  // namespace whatsim
