#include "analysis/sweep_report.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "analysis/report_format.hpp"
#include "analysis/sweep_grid.hpp"
#include "src/core/join.hpp"

namespace whatsim {

namespace {

namespace fmt = report_format;

constexpr int kShownDigits = 4;  // a mean and its half-width in the tables
constexpr int kRatioDigits = 3;  // a half-width as a share of its mean
constexpr double kPercent = 100;

// Text inside a Markdown table cell: a '|' would end the cell.
std::string cell_text(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

// A setting as a person writes it: 95, 2.5, never 95.0.
std::string plain(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", x);
  return text;
}

std::string introduction(const SweepDefinition& sweep, const std::vector<VariantResult>& variants) {
  std::string varying;
  for (const VariedParameter& p : sweep.vary)
    varying += (varying.empty() ? "" : "; ") + ("`" + p.path + "` (" + join(p.values, ", ") + ")");
  std::string out = "# Sweep of " + std::filesystem::path(sweep.scenario).stem().string() + "\n\n";
  out += counted(variants.size(), "variant") + " × " + counted(sweep.replications, "replication") + " of `" +
         sweep.scenario + "`, varying " + varying + ". Replication r of every variant runs with seed " +
         std::to_string(sweep.base_seed) +
         " + r − 1: common random numbers, so the variants differ by what was varied rather than by their draws.\n\n";
  out += "Each figure is the mean over the replications that reported it, ± the half-width of its " +
         plain(sweep.confidence * kPercent) +
         " % confidence interval (Student t), with n the replications. The runs' figures already leave out the "
         "warm-up (`simulation.warmup_s`), as every report.json does; the sweep drops nothing else. ";
  return out + "Every figure of every variant: [sweep.csv](sweep.csv) and [sweep.json](sweep.json); each run's own "
               "report: `runs/<variant>-r<NN>/report.md`.\n";
}

std::string metrics_table(const SweepDefinition& sweep, const std::vector<VariantResult>& variants,
                          const std::vector<std::string>& metrics) {
  std::string head = "| variant |";
  std::string rule = "|---|";
  for (const VariedParameter& p : sweep.vary) {
    head += " " + cell_text(p.path) + " |";
    rule += "---|";
  }
  for (const std::string& m : metrics) {
    head += " " + cell_text(m) + " |";
    rule += "---:|";
  }
  std::string out = "\n## Metrics\n\n" + head + "\n" + rule + "\n";
  for (const VariantResult& v : variants) {
    out += "| " + v.variant.id + " |";
    for (const Setting& s : v.variant.settings) out += " " + cell_text(s.value) + " |";
    for (const std::string& m : metrics) out += " " + metric_cell(v.find(m)) + " |";
    out += "\n";
  }
  return out;
}

// The half-width as a share of the mean's magnitude, or why there is none.
std::string relative_width(const FigureSummary* f) {
  if (f == nullptr) return "not reported";
  if (!f->half_width) return "no interval (n 1)";
  if (f->mean == 0) return *f->half_width == 0 ? "0 %" : "mean 0";
  return fmt::significant(*f->half_width / std::fabs(f->mean) * kPercent, kRatioDigits) + " %";
}

std::string width_section(const std::vector<VariantResult>& variants, const std::string& metric,
                          const WidthTarget& target) {
  std::string out = "\n## Width target\n\nReplications were added to a variant while the half-width of `" + metric +
                    "` was above " + plain(target.percent) + " % of its mean, up to " +
                    std::to_string(target.max_replications) + " replications.\n\n"
                    "| variant | replications | half-width / mean | target |\n|---|---:|---:|---|\n";
  for (const VariantResult& v : variants) {
    const FigureSummary* f = v.find(metric);
    out += "| " + v.variant.id + " | " + std::to_string(v.runs.size()) + " | " + relative_width(f) + " | " +
           (width_target_met(f, target.percent) ? "met" : "**not met**") + " |\n";
  }
  return out;
}

std::string failures_section(const std::vector<std::string>& failed_runs) {
  std::string out = "\n## Failed runs\n\nThese runs did not finish (no report.json); the figures above leave them "
                    "out. Running the same sweep command again retries them, and only them.\n\n";
  for (const std::string& run : failed_runs) out += "- `" + run + "`\n";
  return out;
}

}  // namespace

std::string counted(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string metric_cell(const FigureSummary* figure) {
  if (figure == nullptr) return "not reported";
  const std::string n = " (n " + std::to_string(figure->n) + ")";
  if (!figure->half_width) return fmt::significant(figure->mean, kShownDigits) + n;
  return fmt::significant(figure->mean, kShownDigits) + " ± " + fmt::significant(*figure->half_width, kShownDigits - 1) + n;
}

std::string sweep_markdown(const SweepDefinition& sweep, const std::vector<VariantResult>& variants,
                           const SweepReportNotes& notes) {
  std::string out = introduction(sweep, variants) + metrics_table(sweep, variants, notes.metrics);
  if (notes.width_target && !notes.metrics.empty())
    out += width_section(variants, notes.metrics.front(), *notes.width_target);
  if (!notes.failed_runs.empty()) out += failures_section(notes.failed_runs);
  return out;
}

}  // namespace whatsim
