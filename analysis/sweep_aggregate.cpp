#include "analysis/sweep_aggregate.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include "analysis/confidence_interval.hpp"
#include "analysis/numeric_figures.hpp"
#include "analysis/report_format.hpp"

namespace whatsim {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kReportFile = "report.json";

// Summaries are written with the reports' own six significant digits: more would only show
// the noise of averaging, and fewer digits keep sweep.json short and stable.
double rounded(double x) { return report_format::round_sig(x); }

Json optional_number(const std::optional<double>& x) { return x ? Json(rounded(*x)) : Json(nullptr); }

Json figure_json(const FigureSummary& f) {
  return Json{{"n", f.n},
              {"mean", rounded(f.mean)},
              {"half_width", optional_number(f.half_width)},
              {"low", optional_number(f.low())},
              {"high", optional_number(f.high())}};
}

Json variant_json(const VariantResult& v) {
  Json settings = Json::object();
  for (const Setting& s : v.variant.settings) settings[s.path] = s.value;
  Json figures = Json::object();
  for (const auto& [name, summary] : v.figures) figures[name] = figure_json(summary);
  return Json{{"id", v.variant.id},
              {"settings", settings},
              {"replications", v.runs.size()},
              {"runs", v.runs},
              {"figures", figures}};
}

// A number as sweep.json prints it, so the CSV and the JSON agree digit for digit.
std::string csv_number(const std::optional<double>& x) { return x ? Json(rounded(*x)).dump() : std::string(); }

std::string csv_row(const VariantResult& v, const std::string& figure, const FigureSummary& f) {
  std::string row = csv_field(v.variant.id);
  for (const Setting& s : v.variant.settings) row += "," + csv_field(s.value);
  row += "," + csv_field(figure) + "," + std::to_string(f.n) + "," + csv_number(f.mean) + "," +
         csv_number(f.half_width) + "," + csv_number(f.low()) + "," + csv_number(f.high());
  return row + "\n";
}

nlohmann::json read_report(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(file.string() + ": not JSON: " + e.what());
  }
}

}  // namespace

std::optional<double> FigureSummary::low() const {
  return half_width ? std::optional<double>(mean - *half_width) : std::nullopt;
}

std::optional<double> FigureSummary::high() const {
  return half_width ? std::optional<double>(mean + *half_width) : std::nullopt;
}

FigureSummary summarize(const std::vector<double>& values, double confidence) {
  if (values.empty()) throw std::invalid_argument("summarize: no values");
  FigureSummary summary;
  summary.n = values.size();
  if (values.size() == 1) {
    summary.mean = values.front();
    return summary;
  }
  // Exactly equal values have no spread; averaging them could still leave a rounding error
  // that mean_interval would turn into a tiny, meaningless width.
  if (std::all_of(values.begin(), values.end(), [&](double x) { return x == values.front(); })) {
    summary.mean = values.front();
    summary.half_width = 0.0;
    return summary;
  }
  const MeanInterval interval = mean_interval(values, confidence);
  summary.mean = interval.mean;
  summary.half_width = interval.half_width;
  return summary;
}

const FigureSummary* VariantResult::find(const std::string& figure) const {
  for (const auto& [name, summary] : figures)
    if (name == figure) return &summary;
  return nullptr;
}

VariantResult aggregate_runs(const Variant& variant, const std::vector<FinishedRun>& runs, double confidence) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<double>> values;
  VariantResult result{variant, {}, {}};
  for (const FinishedRun& run : runs) {
    result.runs.push_back(run.run);
    for (const auto& [name, value] : numeric_figures(run.report)) {
      auto [it, first] = values.try_emplace(name);
      if (first) order.push_back(name);
      it->second.push_back(value);
    }
  }
  for (const std::string& name : order) result.figures.emplace_back(name, summarize(values[name], confidence));
  return result;
}

bool run_finished(const fs::path& run_dir) { return fs::is_regular_file(run_dir / kReportFile); }

VariantResult aggregate_variant(const fs::path& sweep_dir, const Variant& variant, std::size_t replications,
                                double confidence) {
  std::vector<FinishedRun> runs;
  for (std::size_t r = 1; r <= replications; ++r) {
    const fs::path dir = run_dir(sweep_dir, variant, r);
    if (!run_finished(dir)) continue;
    runs.push_back({(fs::path("runs") / run_name(variant, r)).generic_string(), read_report(dir / kReportFile)});
  }
  return aggregate_runs(variant, runs, confidence);
}

Json sweep_json(const SweepDefinition& sweep, const std::vector<VariantResult>& variants) {
  Json vary = Json::object();
  for (const VariedParameter& p : sweep.vary) vary[p.path] = p.values;
  Json out = {{"sweep",
               {{"scenario", sweep.scenario},
                {"vary", vary},
                {"replications", sweep.replications},
                {"confidence", sweep.confidence},
                {"base_seed", sweep.base_seed}}},
              {"variants", Json::array()}};
  for (const VariantResult& v : variants) out["variants"].push_back(variant_json(v));
  return out;
}

std::string sweep_csv(const SweepDefinition& sweep, const std::vector<VariantResult>& variants) {
  std::string out = "variant";
  for (const VariedParameter& p : sweep.vary) out += "," + csv_field(p.path);
  out += ",figure,n,mean,half_width,low,high\n";
  for (const VariantResult& v : variants)
    for (const auto& [name, summary] : v.figures) out += csv_row(v, name, summary);
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace whatsim
