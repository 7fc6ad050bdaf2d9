#pragma once
// Loading a scenario file into a validated Scenario:
//   read -> parse -> resolve "extends" -> defaults -> --set overrides -> defaults
//   -> validate against the schema -> cross-field checks -> fill the struct.
// The schema (scenarios/scenario.schema.json, compiled in) is the only source of structure,
// ranges and defaults. Every problem is reported as one ScenarioError naming the file, the
// JSON path and what is allowed.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/scenario/scenario.hpp"
#include "src/scenario/scenario_error.hpp"

namespace whatsim {

// Loads `file` and applies `overrides`, each "PATH=VALUE" as given to --set:
// PATH is dotted with array indexes as [i] or .i (deployment.regions[0].user_share);
// VALUE is JSON when it parses as JSON (4, 0.5, true, [1,2], {"a":1}, "quoted"),
// otherwise a plain string (CM02).
Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides = {});

// Defaults, validation, cross-field checks and filling for an already parsed document.
// `origin` names it in errors; an "extends" in `doc` is resolved relative to the
// directory of `origin`.
Scenario scenario_from_json(nlohmann::json doc, const std::string& origin);

// Applies --set overrides to `doc` in order. A path the schema does not have, an index
// past the end of an array (one past appends) or a missing "=" throws ScenarioError
// whose path is "--set PATH".
void apply_overrides(nlohmann::json& doc, const std::vector<std::string>& overrides);

// The compiled-in schema, parsed once.
const nlohmann::json& scenario_schema();

}  // namespace whatsim
