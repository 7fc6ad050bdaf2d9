#include "analysis/numeric_figures.hpp"

#include <array>
#include <optional>

namespace whatsim {
namespace {

using Figures = std::vector<std::pair<std::string, double>>;

// JSON pointer escaping (RFC 6901): "~" becomes "~0" and "/" becomes "~1".
std::string pointer_token(const std::string& key) {
  std::string token;
  for (char c : key) {
    if (c == '~') token += "~0";
    else if (c == '/') token += "~1";
    else token += c;
  }
  return token;
}

// The field that names an array element, if it has one.
std::optional<std::string> element_name(const nlohmann::json& element) {
  static const std::array<const char*, 3> kNameFields = {"name", "tier", "figure"};
  if (!element.is_object()) return std::nullopt;
  for (const char* field : kNameFields) {
    auto it = element.find(field);
    if (it != element.end() && it->is_string()) return it->get<std::string>();
  }
  return std::nullopt;
}

void collect(const nlohmann::json& value, const std::string& pointer, Figures& figures) {
  if (value.is_number() && !value.is_boolean()) {
    figures.emplace_back(pointer, value.get<double>());
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) collect(*it, pointer + "/" + pointer_token(it.key()), figures);
  } else if (value.is_array()) {
    for (const auto& element : value) {
      if (auto name = element_name(element)) collect(element, pointer + "/" + pointer_token(*name), figures);
    }
  }
}

}  // namespace

std::vector<std::pair<std::string, double>> numeric_figures(const nlohmann::json& report) {
  Figures figures;
  collect(report, "", figures);
  return figures;
}

}  // namespace whatsim
