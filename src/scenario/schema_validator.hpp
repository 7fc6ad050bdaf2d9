#pragma once
// The subset of JSON Schema (draft-07) that scenarios/scenario.schema.json uses: type
// (with "integer" apart from "number"), properties, additionalProperties (false or a
// schema), required, minimum, maximum, exclusiveMinimum, exclusiveMaximum, enum, items,
// minItems, maxItems, default and local "$ref": "#/...". Debian 12 packages no C++
// validator, and this subset is small enough to own. Anything else in a schema is ignored
// (description, title, $id...), as a validator ignores annotations.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/scenario/scenario_error.hpp"

namespace whatsim {

// Fills every absent property that has a "default" in `schema`, recursively: inside
// present objects, array items and map values (additionalProperties schemas). An absent
// object without a default of its own is created when some descendant has a default, so
// {"simulation": {}} and a missing "simulation" both end up fully defaulted. Values of the
// wrong type are left alone for validate() to report.
void apply_defaults(nlohmann::json& doc, const nlohmann::json& schema);

// Throws ScenarioError (path set, file empty) at the first violation of `schema`.
void validate(const nlohmann::json& doc, const nlohmann::json& schema);

// Validates `value` against `subschema`, a part of `root` (which $refs resolve against),
// reporting paths under `path`. validate() is validate_at(doc, schema, schema, "").
void validate_at(const nlohmann::json& value, const nlohmann::json& subschema,
                 const nlohmann::json& root, const std::string& path);

// Follows "$ref": "#/json/pointer" (repeatedly) within `root`.
const nlohmann::json& resolve_ref(const nlohmann::json& subschema, const nlohmann::json& root);

// The schema a key of an object (matched by `schema`) must satisfy: its "properties"
// entry, else an "additionalProperties" schema; nullptr when the key is not allowed.
const nlohmann::json* schema_for_key(const nlohmann::json& schema, const std::string& key,
                                     const nlohmann::json& root);

// The "properties" names of an object schema, for "allowed: ..." messages.
std::vector<std::string> allowed_keys(const nlohmann::json& schema, const nlohmann::json& root);

// JSON paths as errors print them: a.b, a.b[3], a["odd key"].
std::string json_path_key(const std::string& parent, const std::string& key);
std::string json_path_index(const std::string& parent, std::size_t index);

}  // namespace whatsim
