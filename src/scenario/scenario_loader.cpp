#include "src/scenario/scenario_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <sstream>

#include "src/core/join.hpp"
#include "src/scenario/embedded_schema.hpp"
#include "src/scenario/scenario_error.hpp"
#include "src/scenario/scenario_fill.hpp"
#include "src/scenario/schema_validator.hpp"

namespace whatsim {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// ---- Reading and parsing files ----

// The whole file, or a ScenarioError naming it with the OS's reason.
std::string read_text(const fs::path& file) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) throw ScenarioError(file.string(), "", "cannot read: is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(file.string(), "", std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ScenarioError(file.string(), "", std::string("cannot read: ") + std::strerror(errno));
  return text.str();
}

// nlohmann reports the 1-based byte index of the last character it read; editors want
// line and column.
std::string line_and_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else ++column;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's message minus its "[json.exception...] parse error at ...: " prefix.
std::string parse_problem(const json::parse_error& e) {
  const std::string what = e.what();
  const auto at = what.find("parse error");
  const auto colon = what.find(": ", at == std::string::npos ? 0 : at);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

json parse_document(const std::string& text, const std::string& file) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ScenarioError(file, "", "invalid JSON at " + line_and_column(text, e.byte) + ": " +
                                      parse_problem(e));
  }
  if (!doc.is_object())
    throw ScenarioError(file, "", std::string("expected a JSON object at the top level, got ") +
                                      doc.type_name());
  return doc;
}

// ---- extends ----

// Files being loaded, outermost first: to detect cycles and to name them.
struct ExtendsChain {
  std::vector<fs::path> canonical;
  std::vector<std::string> shown;
};

json load_document(const fs::path& file, ExtendsChain& chain);

[[noreturn]] void extends_cycle(const fs::path& parent, const std::string& file,
                                const ExtendsChain& chain) {
  std::vector<std::string> names = chain.shown;
  names.push_back(parent.lexically_normal().string());
  throw ScenarioError(file, "extends", "cycle: " + join(names, " -> "));
}

// The parent named by "extends", loaded (with its own parents) and checked for cycles.
json load_parent(const json& extends, const fs::path& file, ExtendsChain& chain) {
  if (!extends.is_string())
    throw ScenarioError(file.string(), "extends",
                        std::string("expected string (a file path), got ") + extends.type_name());
  const fs::path parent = file.parent_path() / extends.get<std::string>();
  if (std::count(chain.canonical.begin(), chain.canonical.end(), fs::weakly_canonical(parent)))
    extends_cycle(parent, file.string(), chain);
  std::error_code ec;
  if (!fs::exists(parent, ec)) {
    const std::string shown = parent.lexically_normal().string();
    const std::string where = shown == extends.get<std::string>() ? "" : " (" + shown + ")";
    throw ScenarioError(file.string(), "extends",
                        "cannot read " + extends.dump() + where + ": " + std::strerror(ENOENT));
  }
  return load_document(parent, chain);
}

// Child values override the parent's: objects merge key by key, arrays and scalars are
// replaced whole, null removes the parent's value (RFC 7386 merge patch).
json resolve_extends(json doc, const fs::path& file, ExtendsChain& chain) {
  if (!doc.contains("extends")) return doc;
  json merged = load_parent(doc["extends"], file, chain);
  doc.erase("extends");
  merged.merge_patch(doc);
  return merged;
}

json load_document(const fs::path& file, ExtendsChain& chain) {
  chain.canonical.push_back(fs::weakly_canonical(file));
  chain.shown.push_back(file.lexically_normal().string());
  json doc = resolve_extends(parse_document(read_text(file), file.string()), file, chain);
  chain.canonical.pop_back();
  chain.shown.pop_back();
  return doc;
}

// ---- --set overrides ----

struct PathStep {
  std::string key;       // object key, or the digits of an index
  bool bracket = false;  // written as [i]: must be an array index
};

// "a.b[2].c" and "a.b.2.c" -> a, b, 2, c.
std::vector<PathStep> split_path(const std::string& path, const std::string& where) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      const auto close = path.find(']', i);
      if (close == std::string::npos) fail_at(where, "unclosed \"[\" in path");
      steps.push_back({path.substr(i + 1, close - i - 1), true});
      i = close + 1;
    } else {
      const auto end = std::min(path.find_first_of(".[", i), path.size());
      steps.push_back({path.substr(i, end - i), false});
      i = end;
    }
    if (steps.back().key.empty()) fail_at(where, "empty step in path");
    if (i < path.size() && path[i] == '.') ++i;
  }
  if (steps.empty() || path.back() == '.') fail_at(where, "empty step in path");
  return steps;
}

std::size_t parse_index(const PathStep& step, const std::string& at, const std::string& where) {
  const bool digits = std::all_of(step.key.begin(), step.key.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || step.key.size() > 9)
    fail_at(where, "no such setting: " + at + " is an array, expected an index, got \"" + step.key + "\"");
  return std::stoul(step.key);
}

bool schema_allows(const json& s, const char* type) {
  auto it = s.find("type");
  if (it == s.end()) return true;
  if (it->is_string()) return *it == type;
  return std::find(it->begin(), it->end(), type) != it->end();
}

// One step into an array: index <= size (== size appends an element).
json* step_into_array(json& node, const PathStep& step, const std::string& at, const std::string& where) {
  const std::size_t index = parse_index(step, at, where);
  if (!node.is_null() && !node.is_array()) fail_at(where, at + " is not an array in the scenario");
  const std::size_t size = node.is_array() ? node.size() : 0;
  if (index > size)
    fail_at(where, "index " + std::to_string(index) + " out of range: " + at + " has " +
                       std::to_string(size) + " items");
  if (index == size) node.push_back(nullptr);
  return &node[index];
}

// One step into an object: the key must be one the schema allows there.
const json* step_into_object(json*& node, const json& s, const PathStep& step,
                             const std::string& at, const std::string& where) {
  const json& root = scenario_schema();
  const json* child = schema_allows(s, "object") ? schema_for_key(s, step.key, root) : nullptr;
  if (!child || step.bracket) {
    const std::string place = at.empty() ? "the top level" : at;
    const auto keys = allowed_keys(s, root);
    fail_at(where, "no such setting: " + place + " has no key \"" + step.key + "\"" +
                       (keys.empty() ? "" : " (allowed: " + join(keys, ", ") + ")"));
  }
  if (!node->is_null() && !node->is_object()) fail_at(where, at + " is not an object in the scenario");
  node = &(*node)[step.key];
  return child;
}

// Walks the schema and the document together, creating what is missing on the way.
void set_path(json& doc, const std::vector<PathStep>& steps, json value, const std::string& where) {
  const json& root = scenario_schema();
  const json* s = &root;
  json* node = &doc;
  std::string at;
  for (const auto& step : steps) {
    const json& rs = resolve_ref(*s, root);
    if (schema_allows(rs, "array") && !schema_allows(rs, "object")) {
      node = step_into_array(*node, step, at, where);
      s = rs.contains("items") ? &rs["items"] : &rs;
      at = json_path_index(at, std::stoul(step.key));
    } else {
      s = step_into_object(node, rs, step, at, where);
      at = json_path_key(at, step.key);
    }
  }
  *node = std::move(value);
}

// JSON when it parses (numbers, true, arrays, "quoted"), else the text itself (CM02).
json parse_value(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error&) {
    return json(text);
  }
}

void apply_override(json& doc, const std::string& override_text) {
  const auto eq = override_text.find('=');
  if (eq == std::string::npos)
    fail_at("--set " + override_text, "expected PATH=VALUE, e.g. deployment.chat_servers=4");
  const std::string path = override_text.substr(0, eq);
  const std::string where = "--set " + path;
  if (path == "extends") fail_at(where, "extends is resolved before --set and cannot be overridden");
  set_path(doc, split_path(path, where), parse_value(override_text.substr(eq + 1)), where);
}

// ---- Cross-field checks (what one field's schema cannot say) ----

double sum_of(const json& array, const char* key = nullptr) {
  double sum = 0;
  for (const auto& v : array) sum += key ? v.at(key).get<double>() : v.get<double>();
  return sum;
}

void check_sums_to_one(double sum, const std::string& path) {
  if (std::fabs(sum - 1.0) <= 1e-6) return;
  std::ostringstream got;
  got.precision(10);
  got << sum;
  fail_at(path, "must sum to 1 (within 1e-6), got " + got.str());
}

std::vector<std::string> region_names(const json& doc) {
  std::vector<std::string> names;
  for (const auto& r : doc["deployment"]["regions"]) names.push_back(r["name"].get<std::string>());
  return names;
}

// The items of `array` (at JSON path `at`) are told apart by their "name"; `kind` says
// what they are in the message ("region", "device profile").
void check_unique_names(const json& array, const std::string& at, const std::string& kind) {
  std::vector<std::string> names;
  for (const auto& item : array) names.push_back(item["name"].get<std::string>());
  for (std::size_t i = 0; i < names.size(); ++i)
    if (std::find(names.begin(), names.begin() + i, names[i]) != names.begin() + i)
      fail_at(json_path_index(at, i) + ".name", "duplicate " + kind + " name \"" + names[i] + "\"");
}

void check_profiles_exist(const json& doc) {
  const json& profiles = doc["hardware"]["profiles"];
  std::vector<std::string> defined;
  for (const auto& [name, p] : profiles.items()) defined.push_back("\"" + name + "\"");
  for (const char* field : {"chat_server_profile", "manager_profile", "message_profile",
                            "group_service_profile", "broker_profile", "group_handler_profile",
                            "asset_profile", "storage_profile", "cdn_pop_profile", "user_service_profile"}) {
    const std::string name = doc["deployment"][field].get<std::string>();
    if (!profiles.contains(name))
      fail_at(std::string("deployment.") + field, "unknown profile \"" + name +
                                                      "\" (hardware.profiles defines: " + join(defined, ", ") + ")");
  }
}

void check_link_endpoints(const json& doc) {
  const auto names = region_names(doc);
  const json& links = doc["deployment"]["links"];
  for (std::size_t i = 0; i < links.size(); ++i) {
    const std::string at = json_path_index("deployment.links", i);
    for (const char* end : {"from", "to"}) {
      const std::string name = links[i][end].get<std::string>();
      if (std::find(names.begin(), names.end(), name) == names.end())
        fail_at(at + "." + end, "unknown region \"" + name + "\" (regions: " + join(names, ", ") + ")");
    }
    if (links[i]["from"] == links[i]["to"]) fail_at(at, "a link must join two different regions");
  }
}

// Union-find over regions: every region must reach the first one through links.
void check_regions_connected(const json& doc) {
  const auto names = region_names(doc);
  std::vector<std::size_t> parent(names.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto root_of = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto index_of = [&](const json& name) {
    const auto it = std::find(names.begin(), names.end(), name.get<std::string>());
    return static_cast<std::size_t>(it - names.begin());
  };
  for (const auto& link : doc["deployment"]["links"])
    parent[root_of(index_of(link["from"]))] = root_of(index_of(link["to"]));
  for (std::size_t i = 1; i < names.size(); ++i)
    if (root_of(i) != root_of(0))
      fail_at("deployment.links", "regions \"" + names[0] + "\" and \"" + names[i] +
                                      "\" are not connected (add a link between them, directly or via other regions)");
}

void check_chat_servers_cover_regions(const json& doc) {
  const auto regions = doc["deployment"]["regions"].size();
  const auto servers = doc["deployment"]["chat_servers"].get<double>();
  if (servers < static_cast<double>(regions))
    fail_at("deployment.chat_servers", "must be >= the number of regions (" + std::to_string(regions) +
                                           ") so every region has a chat server, got " +
                                           doc["deployment"]["chat_servers"].dump());
}

void check_simulation_times(const json& doc) {
  const json& sim = doc["simulation"];
  if (sim["warmup_s"].get<double>() >= sim["duration_s"].get<double>())
    fail_at("simulation.warmup_s", "must be < simulation.duration_s (" + sim["duration_s"].dump() +
                                       "), got " + sim["warmup_s"].dump());
}

void check_size_cap(const json& doc) {
  const json& size = doc["traffic"]["size"];
  if (size["max_bytes"].get<double>() < size["mean_bytes"].get<double>())
    fail_at("traffic.size.max_bytes", "must be >= traffic.size.mean_bytes (" + size["mean_bytes"].dump() +
                                          "), got " + size["max_bytes"].dump());
}

// Groups are drawn between min_members and size_limit around mean_members; each bound
// must leave room for the next.
void check_group_sizes(const json& doc) {
  const json& groups = doc["groups"];
  const json& size = groups["size"];
  if (size["min_members"].get<double>() > groups["size_limit"].get<double>())
    fail_at("groups.size.min_members", "must be <= groups.size_limit (" + groups["size_limit"].dump() +
                                           "), got " + size["min_members"].dump());
  if (size["mean_members"].get<double>() < size["min_members"].get<double>())
    fail_at("groups.size.mean_members", "must be >= groups.size.min_members (" + size["min_members"].dump() +
                                            "), got " + size["mean_members"].dump());
  if (size["mean_members"].get<double>() > groups["size_limit"].get<double>())
    fail_at("groups.size.mean_members", "must be <= groups.size_limit (" + groups["size_limit"].dump() +
                                            "), got " + size["mean_members"].dump());
}

// Every replica of a partition lives on a different broker.
void check_replicas_fit_brokers(const json& doc) {
  const json& replication_factor = doc["groups"]["log"]["replication_factor"];
  const json& brokers = doc["deployment"]["brokers"];
  if (replication_factor.get<double>() > brokers.get<double>())
    fail_at("groups.log.replication_factor", "must be <= deployment.brokers (" + brokers.dump() +
                                                 "), got " + replication_factor.dump());
}

// Group messages need groups to go to.
void check_group_traffic_has_groups(const json& doc) {
  const json& groups = doc["groups"];
  if (groups["message_share"].get<double>() > 0 && groups["groups_per_user"].get<double>() <= 0)
    fail_at("groups.groups_per_user", "must be > 0 when groups.message_share is > 0 (" +
                                          groups["message_share"].dump() + "), got " +
                                          groups["groups_per_user"].dump());
}

// The type mix is a distribution over media messages, so it must be one when there are any.
void check_media_type_shares(const json& doc) {
  const json& media = doc["media"];
  if (media["message_share"].get<double>() <= 0) return;
  double sum = 0;
  for (const auto& [name, type] : media["types"].items()) sum += type["share"].get<double>();
  check_sums_to_one(sum, "media.types.*.share");
}

void check_media_size_caps(const json& doc) {
  for (const auto& [name, type] : doc["media"]["types"].items()) {
    const std::string at = json_path_key("media.types", name) + ".size";
    const json& size = type["size"];
    if (size["max_bytes"].get<double>() < size["mean_bytes"].get<double>())
      fail_at(at + ".max_bytes", "must be >= " + at + ".mean_bytes (" + size["mean_bytes"].dump() +
                                     "), got " + size["max_bytes"].dump());
  }
}

// A media message carries fresh, forwarded or viral content: the last two cannot take more
// than all of it.
void check_media_content_shares(const json& doc) {
  const json& forwarded = doc["media"]["popularity"]["forwarded_share"];
  const json& viral = doc["media"]["viral"]["share"];
  if (viral.get<double>() + forwarded.get<double>() > 1 + 1e-9)
    fail_at("media.viral.share", "must be <= 1 - media.popularity.forwarded_share (" + forwarded.dump() +
                                     "), got " + viral.dump());
}

// A viral item over its type's limit would be refused on every phone and never spread.
void check_viral_item_fits_limit(const json& doc) {
  const json& viral = doc["media"]["viral"];
  if (viral["share"].get<double>() <= 0) return;
  const std::string type = viral["type"].get<std::string>();
  const json& limit = doc["media"]["types"][type]["limit_bytes"];
  if (viral["bytes"].get<double>() > limit.get<double>())
    fail_at("media.viral.bytes", "must be <= media.types." + type + ".limit_bytes (" + limit.dump() +
                                     ") when media.viral.share is > 0, got " + viral["bytes"].dump());
}

// A device keeps a stock of one-time prekeys on the user service and replenishes when it
// falls to the threshold; a batch no larger than the threshold would never lift it above.
void check_prekey_threshold(const json& doc) {
  const json& prekeys = doc["crypto"]["prekeys"];
  if (prekeys["low_threshold"].get<double>() >= prekeys["batch"].get<double>())
    fail_at("crypto.prekeys.low_threshold", "must be < crypto.prekeys.batch (" + prekeys["batch"].dump() +
                                                "), got " + prekeys["low_threshold"].dump());
}

// The schema already fixes diurnal_profile at 24 entries; kept here because the model
// indexes it by hour and must never see another length.
void check_diurnal_hours(const json& doc) {
  const auto n = doc["population"]["diurnal_profile"].size();
  if (n != 24) fail_at("population.diurnal_profile", "must have 24 hourly entries, got " + std::to_string(n));
}

void cross_check(const json& doc) {
  check_sums_to_one(sum_of(doc["population"]["devices_per_user_weights"]),
                    "population.devices_per_user_weights");
  check_diurnal_hours(doc);
  check_size_cap(doc);
  check_profiles_exist(doc);
  check_unique_names(doc["deployment"]["regions"], "deployment.regions", "region");
  check_sums_to_one(sum_of(doc["deployment"]["regions"], "user_share"), "deployment.regions[*].user_share");
  check_link_endpoints(doc);
  check_regions_connected(doc);
  check_chat_servers_cover_regions(doc);
  check_simulation_times(doc);
  check_group_sizes(doc);
  check_replicas_fit_brokers(doc);
  check_group_traffic_has_groups(doc);
  check_media_type_shares(doc);
  check_media_size_caps(doc);
  check_media_content_shares(doc);
  check_viral_item_fits_limit(doc);
  check_unique_names(doc["phone"]["profiles"], "phone.profiles", "device profile");
  check_sums_to_one(sum_of(doc["phone"]["profiles"], "share"), "phone.profiles[*].share");
  check_prekey_threshold(doc);
}

Scenario checked_scenario(json doc, const std::string& origin) {
  if (!doc.is_object())
    fail_at("", std::string("expected a JSON object at the top level, got ") + doc.type_name());
  if (doc.contains("extends")) {
    ExtendsChain chain{{fs::weakly_canonical(origin)}, {fs::path(origin).lexically_normal().string()}};
    doc = resolve_extends(std::move(doc), origin, chain);
  }
  doc.erase("$schema");  // only for editors
  apply_defaults(doc, scenario_schema());
  validate(doc, scenario_schema());
  cross_check(doc);
  return fill_scenario(std::move(doc));
}

}  // namespace

const json& scenario_schema() {
  static const json schema = json::parse(embedded_scenario_schema());
  return schema;
}

void apply_overrides(json& doc, const std::vector<std::string>& overrides) {
  for (const auto& o : overrides) apply_override(doc, o);
}

Scenario scenario_from_json(json doc, const std::string& origin) {
  try {
    return checked_scenario(std::move(doc), origin);
  } catch (const ScenarioError& e) {
    throw e.in_file(origin);
  }
}

Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  ExtendsChain chain;
  json doc = load_document(file, chain);
  if (overrides.empty()) return scenario_from_json(std::move(doc), file);
  // Defaults first, so --set can index arrays the file leaves to their defaults.
  apply_defaults(doc, scenario_schema());
  apply_overrides(doc, overrides);
  return scenario_from_json(std::move(doc), file + " (with --set)");
}

}  // namespace whatsim
