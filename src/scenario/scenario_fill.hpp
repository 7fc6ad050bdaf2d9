#pragma once
// Copies a scenario document into struct Scenario, field by field. The document must
// already be complete and valid (defaults applied, schema and cross-field checks passed:
// scenario_loader.cpp does both), so every key is read without checking it is there.
// The faults section's checks against the deployment (a fault's server, link and regions
// exist, the random campaign's ranges hold) are made here, on the filled structs, with the
// code that resolves faults for the run: they throw ScenarioError naming the JSON path.
#include <nlohmann/json.hpp>

#include "src/scenario/scenario.hpp"

namespace whatsim {

Scenario fill_scenario(nlohmann::json doc);

}  // namespace whatsim
