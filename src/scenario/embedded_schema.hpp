#pragma once

namespace whatsim {
// The text of scenarios/scenario.schema.json, compiled in at build time.
const char* embedded_scenario_schema();
}  // namespace whatsim
