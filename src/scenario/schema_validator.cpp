#include "src/scenario/schema_validator.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "src/core/join.hpp"

namespace whatsim {

using nlohmann::json;

namespace {

// ---- Describing values and schemas in messages ----

// Long values (a whole object given where a number belongs) are cut so the error stays
// one readable line.
std::string show(const json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

// An integral float (2e9, 1.0) is an "integer" as JSON Schema defines it.
bool is_integral(const json& v) {
  if (v.is_number_integer()) return true;  // covers unsigned too
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "value";
  }
}

// ---- Numbers ----

// long double holds every int64, uint64 and double exactly on the platforms we build for,
// so one comparison covers 2e9 users, 2^64-1 seeds and 0.5 shares alike.
long double as_long_double(const json& v) {
  if (v.is_number_unsigned()) return static_cast<long double>(v.get<std::uint64_t>());
  if (v.is_number_integer()) return static_cast<long double>(v.get<std::int64_t>());
  return static_cast<long double>(v.get<double>());
}

// ---- Types ----

bool matches_type(const json& v, const std::string& type) {
  if (type == "integer") return is_integral(v);
  if (type == "number") return v.is_number();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "null") return v.is_null();
  throw std::logic_error("scenario schema: unsupported type \"" + type + "\"");
}

// "type" may be one name or a list of names.
std::vector<std::string> schema_types(const json& s) {
  auto it = s.find("type");
  if (it == s.end()) return {};
  if (it->is_string()) return {it->get<std::string>()};
  return it->get<std::vector<std::string>>();
}

void check_type(const json& v, const json& s, const std::string& path) {
  const auto types = schema_types(s);
  if (types.empty()) return;
  for (const auto& t : types)
    if (matches_type(v, t)) return;
  throw ScenarioError("", path,
                      "expected " + join(types, " or ") + ", got " + type_name(v) + " " + show(v));
}

void check_enum(const json& v, const json& s, const std::string& path) {
  auto it = s.find("enum");
  if (it == s.end()) return;
  std::vector<std::string> options;
  for (const auto& option : *it) {
    if (option == v) return;
    options.push_back(option.dump());
  }
  throw ScenarioError("", path, "must be one of " + join(options, ", ") + ", got " + show(v));
}

// One bound keyword: fails when `holds(value, bound)` is false.
template <typename Holds>
void check_bound(const json& v, const json& s, const char* keyword, const char* op,
                 Holds holds, const std::string& path) {
  auto it = s.find(keyword);
  if (it == s.end()) return;
  if (holds(as_long_double(v), as_long_double(*it))) return;
  throw ScenarioError("", path, std::string("must be ") + op + " " + it->dump() + ", got " + show(v));
}

void check_bounds(const json& v, const json& s, const std::string& path) {
  if (!v.is_number()) return;
  using LD = long double;
  check_bound(v, s, "minimum", ">=", [](LD x, LD b) { return x >= b; }, path);
  check_bound(v, s, "exclusiveMinimum", ">", [](LD x, LD b) { return x > b; }, path);
  check_bound(v, s, "maximum", "<=", [](LD x, LD b) { return x <= b; }, path);
  check_bound(v, s, "exclusiveMaximum", "<", [](LD x, LD b) { return x < b; }, path);
}

// ---- Objects ----

// Levenshtein distance, to suggest the key a typo meant.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

// "; did you mean "x"?" when one allowed key is close to the unknown one, else "".
std::string suggestion(const std::string& key, const std::vector<std::string>& allowed) {
  std::string best;
  std::size_t best_distance = key.size() / 3 + 1;
  for (const auto& candidate : allowed) {
    const std::size_t d = edit_distance(key, candidate);
    if (d <= best_distance) best = candidate, best_distance = d;
  }
  return best.empty() ? "" : "; did you mean \"" + best + "\"?";
}

[[noreturn]] void unknown_key(const std::string& key, const json& s, const json& root,
                              const std::string& path) {
  const auto allowed = allowed_keys(s, root);
  throw ScenarioError("", path,
                      "unknown key \"" + key + "\" (allowed: " + join(allowed, ", ") + ")" +
                          suggestion(key, allowed));
}

// A short "what is allowed" for a missing required key, e.g. "integer >= 1".
std::string summarize(const json& s) {
  static const std::pair<const char*, const char*> bounds[] = {
      {"minimum", ">="}, {"exclusiveMinimum", ">"}, {"maximum", "<="}, {"exclusiveMaximum", "<"}};
  std::string out = join(schema_types(s), " or ");
  for (const auto& [keyword, op] : bounds)
    if (s.contains(keyword)) out += std::string(" ") + op + " " + s.at(keyword).dump();
  return out;
}

void check_required(const json& v, const json& s, const json& root, const std::string& path) {
  auto it = s.find("required");
  if (it == s.end()) return;
  for (const auto& key : *it) {
    if (v.contains(key.get<std::string>())) continue;
    const json* ks = schema_for_key(s, key.get<std::string>(), root);
    const std::string what = ks ? " (" + summarize(resolve_ref(*ks, root)) + ")" : "";
    throw ScenarioError("", path, "missing required key " + key.dump() + what);
  }
}

// Unknown keys first: a typo is the likeliest mistake and also explains a "missing" key.
void check_object(const json& v, const json& s, const json& root, const std::string& path) {
  for (const auto& [key, value] : v.items())
    if (!schema_for_key(s, key, root)) unknown_key(key, s, root, path);
  check_required(v, s, root, path);
  for (const auto& [key, value] : v.items())
    validate_at(value, *schema_for_key(s, key, root), root, json_path_key(path, key));
}

// ---- Arrays ----

void check_array(const json& v, const json& s, const json& root, const std::string& path) {
  if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>())
    throw ScenarioError("", path, "must have at least " + s["minItems"].dump() + " items, got " +
                                      std::to_string(v.size()));
  if (s.contains("maxItems") && v.size() > s["maxItems"].get<std::size_t>())
    throw ScenarioError("", path, "must have at most " + s["maxItems"].dump() + " items, got " +
                                      std::to_string(v.size()));
  auto items = s.find("items");
  if (items == s.end()) return;
  for (std::size_t i = 0; i < v.size(); ++i)
    validate_at(v[i], *items, root, json_path_index(path, i));
}

// ---- Defaults ----

// True when an object schema has a default somewhere below it, so an absent instance of
// it is worth creating. Scenario schemas are not recursive, so this terminates.
bool has_defaults(const json& s0, const json& root) {
  const json& s = resolve_ref(s0, root);
  auto props = s.find("properties");
  if (props == s.end()) return false;
  for (const auto& [key, ps] : props->items()) {
    const json& resolved = resolve_ref(ps, root);
    if (resolved.contains("default") || has_defaults(resolved, root)) return true;
  }
  return false;
}

// The value an absent property takes: its default, or {} when its children have defaults.
bool value_for_absent(const json& ps, const json& root, json& out) {
  const json& s = resolve_ref(ps, root);
  if (s.contains("default")) {
    out = s["default"];
    return true;
  }
  if (!has_defaults(s, root)) return false;
  out = json::object();
  return true;
}

void apply_defaults_at(json& node, const json& s0, const json& root);

void apply_object_defaults(json& node, const json& s, const json& root) {
  if (auto props = s.find("properties"); props != s.end()) {
    for (const auto& [key, ps] : props->items()) {
      json value;
      if (!node.contains(key) && value_for_absent(ps, root, value)) node[key] = std::move(value);
      if (node.contains(key)) apply_defaults_at(node[key], ps, root);
    }
  }
  auto extra = s.find("additionalProperties");
  if (extra == s.end() || !extra->is_object()) return;
  for (auto& [key, value] : node.items())
    if (!s.contains("properties") || !s["properties"].contains(key))
      apply_defaults_at(value, *extra, root);
}

void apply_defaults_at(json& node, const json& s0, const json& root) {
  const json& s = resolve_ref(s0, root);
  if (node.is_object()) apply_object_defaults(node, s, root);
  if (node.is_array() && s.contains("items"))
    for (auto& item : node) apply_defaults_at(item, s["items"], root);
}

}  // namespace

// ---- Public ----

const json& resolve_ref(const json& subschema, const json& root) {
  const json* s = &subschema;
  for (int hops = 0; s->is_object() && s->contains("$ref"); ++hops) {
    const std::string ref = (*s)["$ref"].get<std::string>();
    if (hops > 32 || ref.empty() || ref[0] != '#')
      throw std::logic_error("scenario schema: unsupported $ref \"" + ref + "\"");
    s = &root.at(json::json_pointer(ref.substr(1)));
  }
  return *s;
}

const json* schema_for_key(const json& schema, const std::string& key, const json& root) {
  static const json anything = json::object();  // a schema without constraints
  const json& s = resolve_ref(schema, root);
  if (auto props = s.find("properties"); props != s.end() && props->contains(key))
    return &props->at(key);
  auto extra = s.find("additionalProperties");
  if (extra == s.end()) return &anything;  // draft-07: extra keys allowed unless forbidden
  if (extra->is_object()) return &*extra;
  return extra->get<bool>() ? &anything : nullptr;
}

std::vector<std::string> allowed_keys(const json& schema, const json& root) {
  const json& s = resolve_ref(schema, root);
  std::vector<std::string> keys;
  if (auto props = s.find("properties"); props != s.end())
    for (const auto& [key, value] : props->items()) keys.push_back(key);
  return keys;
}

void validate_at(const json& value, const json& subschema, const json& root, const std::string& path) {
  const json& s = resolve_ref(subschema, root);
  check_type(value, s, path);
  check_enum(value, s, path);
  check_bounds(value, s, path);
  if (value.is_object()) check_object(value, s, root, path);
  if (value.is_array()) check_array(value, s, root, path);
}

void validate(const json& doc, const json& schema) { validate_at(doc, schema, schema, ""); }

void apply_defaults(json& doc, const json& schema) { apply_defaults_at(doc, schema, schema); }

std::string json_path_key(const std::string& parent, const std::string& key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '$';
  });
  if (!plain) return parent + "[" + json(key).dump() + "]";
  return parent.empty() ? key : parent + "." + key;
}

std::string json_path_index(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

}  // namespace whatsim
