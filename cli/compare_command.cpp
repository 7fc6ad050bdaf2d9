// `whatsim compare`: see compare_command.hpp.
#include "cli/compare_command.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/atomic_file.hpp"
#include "analysis/regression_table.hpp"

namespace whatsim {
namespace {

constexpr int kExitNoRegression = 0;
constexpr int kExitRegressed = 1;

// A finite number >= 0, or nothing when `text` is not one.
std::optional<double> non_negative_number(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(value) || value < 0) return std::nullopt;
  return value;
}

CLI::Validator percent_validator() {
  return CLI::Validator(
      [](std::string& text) {
        return non_negative_number(text) ? std::string() : "must be a percentage >= 0, got " + text;
      },
      "");  // the help text says what it is
}

// FIGURE=PCT, FIGURE a JSON pointer (the names the table prints), optionally ending in '*'.
std::pair<std::string, double> figure_tolerance(const std::string& text) {
  const auto equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0 || text[0] != '/')
    throw std::invalid_argument("expected FIGURE=PCT with FIGURE a name as the table prints it "
                                "(/latency_ms/delivered/p99, or a prefix ending in *), got " + text);
  const auto pct = non_negative_number(text.substr(equals + 1));
  if (!pct) throw std::invalid_argument("PCT must be a percentage >= 0, got " + text);
  return {text.substr(0, equals), *pct};
}

CLI::Validator figure_tolerance_validator() {
  return CLI::Validator(
      [](std::string& text) {
        try {
          figure_tolerance(text);
          return std::string();
        } catch (const std::invalid_argument& e) {
          return std::string(e.what());
        }
      },
      "");
}

RegressionTolerance tolerance_from(const CompareArgs& args) {
  RegressionTolerance tolerance;
  tolerance.default_pct = args.tolerance_pct;
  std::set<std::string> given;
  for (const std::string& text : args.tolerance_for) {
    auto [figure, pct] = figure_tolerance(text);
    if (!given.insert(figure).second)
      throw std::invalid_argument("--tolerance-for " + figure + " given twice");
    tolerance.per_figure_pct.emplace_back(figure, pct);
  }
  return tolerance;
}

std::string read_text(const std::string& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw std::invalid_argument(file + ": cannot read: is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument(file + ": cannot read: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// nlohmann's message ("[json.exception.parse_error.101] parse error at line 3, column 7:
// ...") without its bracketed id: it names the line and column already.
NamedDocument read_json(const std::string& file) {
  const std::string text = read_text(file);
  try {
    return {file, nlohmann::json::parse(text)};
  } catch (const nlohmann::json::parse_error& e) {
    const std::string what = e.what();
    const auto id_end = what.find("] ");
    throw std::invalid_argument(file + ": invalid JSON: " + (id_end == std::string::npos ? what : what.substr(id_end + 2)));
  }
}

}  // namespace

CLI::App* add_compare_command(CLI::App& app, CompareArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "compare", "list the figures that got worse from BASE to NEW: two report.json, or two sweep.json");
  cmd->add_option("base", args.base, "the report.json or sweep.json to compare against")->required();
  cmd->add_option("new", args.candidate, "the report.json or sweep.json to judge")->required();
  cmd->add_option("--tolerance", args.tolerance_pct, "how much worse than the base is still no regression, in %")
      ->capture_default_str()
      ->check(percent_validator());
  cmd->add_option("--tolerance-for", args.tolerance_for,
                  "FIGURE=PCT: another tolerance for one figure, e.g. /latency_ms/delivered/p99=10, or for every "
                  "figure under a prefix, /latency_ms/*=10 (repeatable)")
      ->check(figure_tolerance_validator());
  cmd->add_option("--json", args.json, "write every changed figure and its verdict as JSON to this file");
  cmd->add_option("--markdown", args.markdown, "write the table as Markdown to this file (a pull-request comment)");
  cmd->add_flag("--all", args.all, "list every changed figure, improvements and neutral changes marked");
  std::ostringstream floor;
  floor << RegressionTolerance::kDefaultAbsoluteFloor;
  cmd->footer("A figure regressed when it moved the way that is worse for it by more than its tolerance of the base, "
              "and by more than " + floor.str() +
              " in its own unit; between two sweeps, also only when the new confidence interval lies wholly beyond "
              "the base's. Exit 0: nothing regressed. 1: a figure regressed. 2: bad input (nothing written).");
  return cmd;
}

int compare_command(const CompareArgs& args) {
  const ComparedFiles files{args.base, args.candidate, tolerance_from(args)};
  const NamedDocument base = read_json(args.base);  // first: an error names BASE before NEW
  const NamedDocument candidate = read_json(args.candidate);
  const ReportComparison comparison = compare_documents(base, candidate, files.tolerance);
  // Everything is rendered before anything is written: a failure leaves no file behind.
  const std::string text = regression_text(files, comparison, args.all);
  const std::string json = args.json.empty() ? "" : regression_json(files, comparison);
  const std::string markdown = args.markdown.empty() ? "" : regression_markdown(files, comparison, args.all);
  if (!args.json.empty()) write_file_atomically(args.json, json);
  if (!args.markdown.empty()) write_file_atomically(args.markdown, markdown);
  std::cout << text;
  return comparison.regressed() > 0 ? kExitRegressed : kExitNoRegression;
}

}  // namespace whatsim
