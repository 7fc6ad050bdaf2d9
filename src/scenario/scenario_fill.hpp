#pragma once
// Copies a scenario document into struct Scenario, field by field. The document must
// already be complete and valid (defaults applied, schema and cross-field checks passed:
// scenario_loader.cpp does both), so every key is read without checking it is there.
#include <nlohmann/json.hpp>

#include "src/scenario/scenario.hpp"

namespace whatsim {

Scenario fill_scenario(nlohmann::json doc);

}  // namespace whatsim
