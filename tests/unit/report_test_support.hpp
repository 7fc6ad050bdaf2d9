#pragma once
// What the report-writer tests share: a machine timing for to_markdown, the keys of a JSON
// object in order, and substring search in the Markdown.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run_report.hpp"

namespace whatsim::report_test {

using Json = nlohmann::ordered_json;

inline RunTiming sample_timing() { return RunTiming{1.5, 1000.0, 100000000, 50000.0}; }

inline std::vector<std::string> keys(const Json& j) {
  std::vector<std::string> out;
  for (const auto& item : j.items()) out.push_back(item.key());
  return out;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace whatsim::report_test
