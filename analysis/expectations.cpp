#include "analysis/expectations.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace whatsim {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kForm = "expected PATH OP NUMBER, e.g. \"latency_ms.delivered.p99 <= 300\"";
constexpr const char* kOperators = "OP is one of <= < >= > == !=";
constexpr const char* kOperatorChars = "<>=!";

// Two-character operators first, so "<=" is not read as "<" followed by "=3".
constexpr std::array<std::pair<const char*, Comparison>, 6> kComparisons = {{{"<=", Comparison::less_equal},
                                                                              {">=", Comparison::greater_equal},
                                                                              {"==", Comparison::equal},
                                                                              {"!=", Comparison::not_equal},
                                                                              {"<", Comparison::less},
                                                                              {">", Comparison::greater}}};

std::string trimmed(const std::string& text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

[[noreturn]] void reject(const std::string& text, const std::string& reason) {
  throw std::invalid_argument("\"" + text + "\": " + reason);
}

bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// One dotted segment, "name" or "name[1][2]", appended to `keys` as "name", "1", "2".
void split_segment(const std::string& text, const std::string& segment, std::vector<std::string>& keys) {
  const std::size_t bracket = segment.find('[');
  const std::string name = segment.substr(0, bracket);
  if (name.empty()) reject(text, "empty key in PATH (keys are separated by single dots, indexes written key[N])");
  for (char c : name) {
    if (!is_key_char(c)) reject(text, std::string("'") + c + "' in PATH: keys are letters, digits, _ and -");
  }
  keys.push_back(name);
  std::size_t at = bracket;
  while (at != std::string::npos) {
    const std::size_t close = segment.find(']', at);
    const std::string index = close == std::string::npos ? std::string() : segment.substr(at + 1, close - at - 1);
    if (!all_digits(index)) reject(text, "an array index in PATH is written [N], N a whole number");
    keys.push_back(index);
    at = close + 1 == segment.size() ? std::string::npos : close + 1;
    if (at != std::string::npos && segment[at] != '[') reject(text, "nothing may follow ] in a PATH segment but [N]");
  }
}

std::vector<std::string> path_keys(const std::string& text, const std::string& path) {
  std::vector<std::string> keys;
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = path.find('.', begin);
    split_segment(text, path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin), keys);
    if (dot == std::string::npos) return keys;
    begin = dot + 1;
  }
}

// The operator starting at `at` (the first of "<>=!" in the text), and its length.
std::pair<Comparison, std::size_t> read_operator(const std::string& text, std::size_t at) {
  for (const auto& [symbol, comparison] : kComparisons) {
    if (text.compare(at, std::char_traits<char>::length(symbol), symbol) == 0) {
      return {comparison, std::char_traits<char>::length(symbol)};
    }
  }
  reject(text, std::string("'") + text[at] + "' is not a comparison: " + kOperators);
}

// NUMBER is a JSON number: the same syntax as every number in the scenario, parsed by the
// same library, so "300 ms", ".5", "inf" or "0x10" are refused rather than half-read.
double read_bound(const std::string& text, const std::string& number) {
  if (number.empty()) reject(text, std::string("no NUMBER after the comparison; ") + kForm);
  Json parsed;
  try {
    parsed = Json::parse(number);
  } catch (const Json::exception&) {
    reject(text, "\"" + number + "\" is not a number (write a JSON number: 300, 0.5, -2, 1e3)");
  }
  if (!parsed.is_number() || !std::isfinite(parsed.get<double>())) {
    reject(text, "\"" + number + "\" is not a finite number (write a JSON number: 300, 0.5, -2, 1e3)");
  }
  return parsed.get<double>();
}

bool compare(double actual, Comparison comparison, double bound) {
  switch (comparison) {
    case Comparison::less_equal: return actual <= bound;
    case Comparison::less: return actual < bound;
    case Comparison::greater_equal: return actual >= bound;
    case Comparison::greater: return actual > bound;
    case Comparison::equal: return actual == bound;
    case Comparison::not_equal: return actual != bound;
  }
  return false;
}

// "an object", "a number": how a JSON value's type reads in a sentence.
std::string kind_of(const Json& node) {
  const std::string type = node.type_name();
  return (type == "object" || type == "array" ? "an " : "a ") + type;
}

std::string listed_keys(const Json& object) {
  std::string out;
  for (const auto& item : object.items()) out += (out.empty() ? "" : ", ") + item.key();
  return out.empty() ? "nothing" : out;
}

// Why `key` cannot be followed from `node`, reached by `walked` ("" for the report itself).
std::string missing_key_message(const std::string& walked, const std::string& key, const Json& node) {
  const std::string where = walked.empty() ? std::string("report.json") : walked;
  const std::string wanted = walked.empty() ? key : walked + "." + key;
  if (node.is_object()) return "report.json has no " + wanted + " (" + where + " has: " + listed_keys(node) + ")";
  if (node.is_array() && node.empty()) return "report.json has no " + wanted + " (" + where + " is an empty array)";
  if (node.is_array()) {
    return "report.json has no " + wanted + " (" + where + " is an array: index it from 0 to " +
           std::to_string(node.size() - 1) + ")";
  }
  return "report.json has no " + wanted + " (" + where + " is " + kind_of(node) + ", it has no keys)";
}

// The element `key` names in `node`, or nullptr.
const Json* child(const Json& node, const std::string& key) {
  if (node.is_object()) {
    const auto it = node.find(key);
    return it == node.end() ? nullptr : &*it;
  }
  if (node.is_array() && all_digits(key)) {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
    if (error == std::errc() && index < node.size()) return &node[index];
  }
  return nullptr;
}

ExpectationResult undecided(const Expectation& expectation, std::string why) {
  ExpectationResult result;
  result.text = expectation.text;
  result.message = std::move(why);
  return result;
}

}  // namespace

const char* to_string(Comparison c) {
  for (const auto& [symbol, comparison] : kComparisons) {
    if (comparison == c) return symbol;
  }
  return "?";
}

Expectation parse_expectation(const std::string& text) {
  const std::string clean = trimmed(text);
  if (clean.empty()) reject(text, std::string("empty; ") + kForm);
  const std::size_t op_at = clean.find_first_of(kOperatorChars);
  if (op_at == std::string::npos) reject(clean, std::string("no comparison; ") + kForm + ", " + kOperators);

  Expectation expectation;
  expectation.text = clean;
  expectation.path = trimmed(clean.substr(0, op_at));
  if (expectation.path.empty()) reject(clean, std::string("no PATH before the comparison; ") + kForm);
  expectation.keys = path_keys(clean, expectation.path);
  const auto [comparison, op_length] = read_operator(clean, op_at);
  expectation.comparison = comparison;
  expectation.bound = read_bound(clean, trimmed(clean.substr(op_at + op_length)));
  return expectation;
}

ExpectationResult evaluate(const Expectation& expectation, const nlohmann::ordered_json& report) {
  const Json* node = &report;
  std::string walked;
  for (const std::string& key : expectation.keys) {
    const Json* next = child(*node, key);
    if (next == nullptr) return undecided(expectation, missing_key_message(walked, key, *node));
    walked += (walked.empty() ? "" : ".") + key;
    node = next;
  }
  if (!node->is_number()) {
    return undecided(expectation, expectation.path + " is " + kind_of(*node) + " in report.json, not a number");
  }
  ExpectationResult result;
  result.text = expectation.text;
  result.decided = true;
  result.actual = node->get<double>();
  result.holds = compare(result.actual, expectation.comparison, expectation.bound);
  result.message = node->dump();  // as report.json writes it: exact, and integers stay integers
  return result;
}

Verdict overall_verdict(const std::vector<ExpectationResult>& results) {
  bool undecided_seen = false;
  for (const ExpectationResult& r : results) {
    if (r.decided && !r.holds) return Verdict::fails;
    undecided_seen = undecided_seen || !r.decided;
  }
  return undecided_seen ? Verdict::undecided : Verdict::holds;
}

std::vector<Expectation> anomaly_expectations(const nlohmann::ordered_json& report) {
  const auto zero_of = [](const std::vector<std::string>& keys) {
    Expectation e;
    for (const std::string& key : keys) e.path += (e.path.empty() ? "" : ".") + key;
    e.keys = keys;
    e.comparison = Comparison::equal;
    e.bound = 0;
    e.text = e.path + " == 0";
    return e;
  };
  const auto consistency = report.find("consistency");
  if (consistency == report.end() || !consistency->is_object()) return {zero_of({"consistency"})};
  std::vector<Expectation> out;
  for (const auto& item : consistency->items()) {
    const bool anomaly_count = item.key() != "examples" && item.value().is_number_integer();
    if (anomaly_count) out.push_back(zero_of({"consistency", item.key()}));
  }
  return out;
}

}  // namespace whatsim
