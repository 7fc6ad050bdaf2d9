#include "analysis/regression_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/report_format.hpp"

namespace whatsim {
namespace {

using Json = nlohmann::ordered_json;
using Row = std::vector<std::string>;
namespace fmt = report_format;

constexpr int kShownDigits = 6;      // as report.json rounds its figures
constexpr int kChangeDigits = 3;     // a change in % needs no more
constexpr const char* kColumnGap = "  ";
constexpr double kPercent = 100;

std::string number(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", kShownDigits, x);
  return buf;
}

// Three significant digits, and no exponent for the big moves of figures that were near 0.
std::string pct(double x) {
  constexpr double kNoExponentFrom = 1000;
  char buf[64];
  if (std::fabs(x) >= kNoExponentFrom) std::snprintf(buf, sizeof buf, "%.0f%%", x);
  else std::snprintf(buf, sizeof buf, "%.*g%%", kChangeDigits, x);
  return buf;
}

bool sweeps(const ReportComparison& c) { return c.kind == ComparedKind::sweeps; }

// A sweep figure with its interval and replications; a report figure as it is.
std::string estimate(const FigureEstimate& e, bool with_interval) {
  if (!with_interval) return number(e.mean);
  if (e.n == 1) return number(e.mean) + " n=1";
  return number(e.mean) + " [" + number(e.low) + ", " + number(e.high) + "] n=" + std::to_string(e.n);
}

std::string change(const FigureChange& c) {
  const auto p = c.change_pct();
  if (!p) return "from 0";
  return (*p > 0 ? "+" : "") + pct(*p);
}

// One sentence: what counts as a regression in this comparison.
std::string rule(const ComparedFiles& files, const ReportComparison& c) {
  std::string text = "regressed = worse by more than " + pct(files.tolerance.default_pct) + " of the base" +
                     (sweeps(c) ? " mean" : "") + " (and more than " + number(files.tolerance.absolute_floor) + ")";
  for (const auto& [pattern, value] : files.tolerance.per_figure_pct) text += ", " + pattern + " " + pct(value);
  if (sweeps(c)) text += ", with the " + pct(kPercent * c.confidence) + " intervals apart";
  return text;
}

std::string kinds(const ReportComparison& c) { return sweeps(c) ? "two sweep.json" : "two report.json"; }

Row header(const ReportComparison& c) {
  Row row = {"figure", "base", "new", "change", "tolerance", "verdict"};
  if (sweeps(c)) row.insert(row.begin(), "variant");
  return row;
}

Row cells(const FigureChange& f, const ReportComparison& c) {
  Row row = {f.figure, estimate(f.base, sweeps(c)), estimate(f.candidate, sweeps(c)), change(f), pct(f.tolerance_pct),
             to_string(f.verdict)};
  if (sweeps(c)) row.insert(row.begin(), f.variant);
  return row;
}

std::vector<Row> table_rows(const ReportComparison& c, bool all) {
  std::vector<Row> rows = {header(c)};
  for (const FigureChange& f : c.figures) {
    if (shown_in_table(f, all)) rows.push_back(cells(f, c));
  }
  return rows;
}

// Columns padded to their widest cell; the last one is not padded (no trailing spaces).
std::string aligned(const std::vector<Row>& rows) {
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const Row& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  std::string out;
  for (const Row& row : rows) {
    for (std::size_t i = 0; i + 1 < row.size(); ++i) out += row[i] + std::string(width[i] - row[i].size(), ' ') + kColumnGap;
    out += row.back() + "\n";
  }
  return out;
}

std::string joined(const std::vector<std::string>& names, const std::string& quote) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + quote + name + quote;
  return out;
}

std::string markdown_cell(std::string text) {
  std::string out;
  for (char ch : text) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

std::string markdown_table(const ReportComparison& c, bool all) {
  const std::vector<Row> rows = table_rows(c, all);
  const std::size_t figure_column = sweeps(c) ? 1 : 0;
  std::ostringstream out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << "|";
    for (std::size_t i = 0; i < rows[r].size(); ++i) {
      const bool code = r > 0 && i == figure_column;
      const bool strong = r > 0 && rows[r][i] == to_string(Verdict::regressed);
      const std::string cell = markdown_cell(rows[r][i]);
      out << " " << (code ? "`" + cell + "`" : strong ? "**" + cell + "**" : cell) << " |";
    }
    out << "\n";
    if (r == 0) out << (sweeps(c) ? "|---" : "") << "|---|---:|---:|---:|---:|---|\n";
  }
  return out.str();
}

const char* verdict_key(Verdict verdict) {
  switch (verdict) {
    case Verdict::unchanged: return "unchanged";
    case Verdict::changed: return "changed";
    case Verdict::worse_within_tolerance: return "worse_within_tolerance";
    case Verdict::worse_intervals_overlap: return "worse_intervals_overlap";
    case Verdict::regressed: return "regressed";
    case Verdict::better_within_tolerance: return "better_within_tolerance";
    case Verdict::better_intervals_overlap: return "better_intervals_overlap";
    case Verdict::improved: return "improved";
  }
  return "unchanged";
}

Json estimate_json(const FigureEstimate& e, bool with_interval) {
  if (!with_interval) return fmt::round_sig(e.mean);
  Json out = {{"n", e.n}, {"mean", fmt::round_sig(e.mean)}, {"low", nullptr}, {"high", nullptr}};
  if (e.n > 1) out["low"] = fmt::round_sig(e.low), out["high"] = fmt::round_sig(e.high);
  return out;
}

Json change_json(const FigureChange& f, const ReportComparison& c) {
  Json out;
  if (sweeps(c)) out["variant"] = f.variant;
  out["figure"] = f.figure;
  out["worse"] = to_string(f.direction);
  out["base"] = estimate_json(f.base, sweeps(c));
  out["new"] = estimate_json(f.candidate, sweeps(c));
  const auto p = f.change_pct();
  out["change_pct"] = p ? Json(fmt::round_sig(*p)) : Json(nullptr);
  out["tolerance_pct"] = f.tolerance_pct;
  out["verdict"] = verdict_key(f.verdict);
  return out;
}

}  // namespace

bool shown_in_table(const FigureChange& change, bool all) {
  return change.verdict == Verdict::regressed || (all && change.verdict != Verdict::unchanged);
}

std::string regression_summary(const ReportComparison& c) {
  const std::size_t regressed = c.regressed();
  if (regressed == 0) return "compare: no regression (" + std::to_string(c.figures.size()) + " figures compared)";
  return "compare: " + std::to_string(regressed) + (regressed == 1 ? " figure" : " figures") + " regressed";
}

std::string regression_text(const ComparedFiles& files, const ReportComparison& c, bool all) {
  std::string out = "compare " + files.base + " -> " + files.candidate + ": " + kinds(c) + "; " + rule(files, c) + "\n";
  const std::vector<Row> rows = table_rows(c, all);
  if (rows.size() > 1) out += "\n" + aligned(rows);
  if (!c.only_in_base.empty() || !c.only_in_candidate.empty()) out += "\n";
  if (!c.only_in_base.empty())
    out += "only in " + files.base + " (" + std::to_string(c.only_in_base.size()) + "): " + joined(c.only_in_base, "") + "\n";
  if (!c.only_in_candidate.empty())
    out += "only in " + files.candidate + " (" + std::to_string(c.only_in_candidate.size()) +
           "): " + joined(c.only_in_candidate, "") + "\n";
  return out + "\n" + regression_summary(c) + "\n";
}

std::string regression_markdown(const ComparedFiles& files, const ReportComparison& c, bool all) {
  std::string out = "# whatsim compare\n\nBase `" + files.base + "`, new `" + files.candidate + "`: " + kinds(c) +
                    "; " + rule(files, c) + ".\n\n**" + regression_summary(c) + "**\n";
  if (table_rows(c, all).size() > 1) out += "\n" + markdown_table(c, all);
  if (!c.only_in_base.empty())
    out += "\nOnly in the base (" + std::to_string(c.only_in_base.size()) + "): " + joined(c.only_in_base, "`") + "\n";
  if (!c.only_in_candidate.empty())
    out += "\nOnly in the new file (" + std::to_string(c.only_in_candidate.size()) +
           "): " + joined(c.only_in_candidate, "`") + "\n";
  return out;
}

std::string regression_json(const ComparedFiles& files, const ReportComparison& c) {
  Json out = {{"base", files.base}, {"new", files.candidate}, {"kind", sweeps(c) ? "sweep.json" : "report.json"}};
  if (sweeps(c)) out["confidence"] = c.confidence;
  Json per_figure = Json::object();
  for (const auto& [pattern, value] : files.tolerance.per_figure_pct) per_figure[pattern] = value;
  out["tolerance"] = {{"default_pct", files.tolerance.default_pct},
                      {"absolute_floor", files.tolerance.absolute_floor},
                      {"per_figure_pct", per_figure}};
  out["compared"] = c.figures.size();
  out["regressed"] = c.regressed();
  out["improved"] = c.count(Verdict::improved);
  Json changes = Json::array();
  for (const FigureChange& f : c.figures)
    if (f.verdict != Verdict::unchanged) changes.push_back(change_json(f, c));
  out["changes"] = changes;
  out["only_in_base"] = c.only_in_base;
  out["only_in_new"] = c.only_in_candidate;
  return out.dump(2) + "\n";
}

}  // namespace whatsim
