#include "analysis/report_regression.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>

#include "analysis/numeric_figures.hpp"

namespace whatsim {
namespace {

using Json = nlohmann::json;
using NamedEstimates = std::vector<std::pair<std::string, FigureEstimate>>;

constexpr double kPercent = 100;
constexpr char kPrefixWildcard = '*';

// A per-figure tolerance's pattern: an exact name, or a prefix followed by '*'.
bool pattern_matches(const std::string& pattern, const std::string& figure) {
  if (!pattern.empty() && pattern.back() == kPrefixWildcard)
    return figure.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  return figure == pattern;
}

// `upper` lies wholly above `lower`: the intervals do not touch.
bool apart_above(const FigureEstimate& upper, const FigureEstimate& lower) { return upper.low > lower.high; }

// ---- reading the two kinds of file ----

bool is_report(const Json& doc) { return doc.is_object() && doc.contains("scenario") && doc.contains("sim"); }
bool is_sweep(const Json& doc) {
  return doc.is_object() && doc.contains("sweep") && doc["sweep"].is_object() && doc.contains("variants") &&
         doc["variants"].is_array();
}

ComparedKind kind_of(const NamedDocument& file) {
  if (is_report(file.document)) return ComparedKind::reports;
  if (is_sweep(file.document)) return ComparedKind::sweeps;
  throw std::invalid_argument(file.name +
                              ": neither a report.json (with \"scenario\" and \"sim\") nor a sweep.json "
                              "(with \"sweep\" and \"variants\")");
}

const char* kind_name(ComparedKind kind) { return kind == ComparedKind::reports ? "report.json" : "sweep.json"; }

NamedEstimates report_estimates(const Json& report) {
  NamedEstimates estimates;
  for (const auto& [name, value] : numeric_figures(report)) estimates.emplace_back(name, FigureEstimate{1, value, value, value});
  return estimates;
}

// One problem in a sweep file, named by where it is.
[[noreturn]] void sweep_error(const std::string& file, const std::string& where, const std::string& problem) {
  throw std::invalid_argument(file + ": " + where + ": " + problem);
}

double number_at(const Json& object, const char* key, const std::string& file, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number() || !std::isfinite(it->get<double>()))
    sweep_error(file, where + "." + key,
                "expected a number, got " + std::string(it == object.end() ? "nothing" : it->type_name()));
  return it->get<double>();
}

// {"n": 3, "mean": 1.0, "half_width": 0.1, "low": 0.9, "high": 1.1}; the interval is null at n = 1.
FigureEstimate sweep_estimate(const Json& figure, const std::string& file, const std::string& where) {
  if (!figure.is_object()) sweep_error(file, where, std::string("expected an object, got ") + figure.type_name());
  const auto n = figure.find("n");
  if (n == figure.end() || !n->is_number_integer() || n->get<std::int64_t>() < 1)
    sweep_error(file, where + ".n", "expected a whole number >= 1");
  FigureEstimate estimate;
  estimate.n = n->get<std::size_t>();
  estimate.mean = number_at(figure, "mean", file, where);
  estimate.low = estimate.n == 1 ? estimate.mean : number_at(figure, "low", file, where);
  estimate.high = estimate.n == 1 ? estimate.mean : number_at(figure, "high", file, where);
  if (!(estimate.low <= estimate.mean && estimate.mean <= estimate.high))
    sweep_error(file, where, "expected low <= mean <= high");
  return estimate;
}

struct SweepVariant {
  std::string label;  // its settings, "PATH=V, PATH=V"
  Json settings;
  NamedEstimates figures;
};

std::string settings_label(const Json& settings) {
  std::string label;
  for (auto it = settings.begin(); it != settings.end(); ++it) {
    if (!label.empty()) label += ", ";
    label += it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump());
  }
  return label.empty() ? "(no settings)" : label;
}

SweepVariant sweep_variant(const Json& variant, const std::string& file, const std::string& where) {
  if (!variant.is_object() || !variant.contains("settings") || !variant["settings"].is_object())
    sweep_error(file, where + ".settings", "expected an object of the variant's settings");
  if (!variant.contains("figures") || !variant["figures"].is_object())
    sweep_error(file, where + ".figures", "expected an object of figures");
  SweepVariant out{settings_label(variant["settings"]), variant["settings"], {}};
  const Json& figures = variant["figures"];
  for (auto it = figures.begin(); it != figures.end(); ++it)
    out.figures.emplace_back(it.key(), sweep_estimate(*it, file, where + ".figures[\"" + it.key() + "\"]"));
  return out;
}

std::vector<SweepVariant> sweep_variants(const NamedDocument& file) {
  std::vector<SweepVariant> variants;
  const Json& list = file.document["variants"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "variants[" + std::to_string(i) + "]";
    variants.push_back(sweep_variant(list[i], file.name, where));
    for (std::size_t j = 0; j + 1 < variants.size(); ++j) {
      if (variants[j].settings == variants.back().settings)
        sweep_error(file.name, where, "the same settings as variants[" + std::to_string(j) + "] (" +
                                          variants.back().label + ")");
    }
  }
  return variants;
}

double sweep_confidence(const NamedDocument& file) {
  return number_at(file.document["sweep"], "confidence", file.name, "sweep");
}

// ---- comparing ----

// Collects the comparison of two lists of figures, and every name seen (for the tolerance check).
class FigureComparer {
 public:
  FigureComparer(const RegressionTolerance& tolerance, ReportComparison& out) : tolerance_(tolerance), out_(out) {}

  void compare(const std::string& variant, const NamedEstimates& base, const NamedEstimates& candidate) {
    std::map<std::string, const FigureEstimate*> in_candidate;
    for (const auto& [name, estimate] : candidate) in_candidate.emplace(name, &estimate);
    std::set<std::string> in_base;
    for (const auto& [name, estimate] : base) {
      in_base.insert(name);
      seen_.insert(name);
      const auto match = in_candidate.find(name);
      if (match == in_candidate.end()) out_.only_in_base.push_back(qualified(variant, name));
      else out_.figures.push_back(change(variant, name, estimate, *match->second));
    }
    for (const auto& [name, estimate] : candidate) {
      seen_.insert(name);
      if (!in_base.count(name)) out_.only_in_candidate.push_back(qualified(variant, name));
    }
  }

  // A per-figure tolerance that names nothing is a typo: it would silently check nothing.
  void require_tolerances_name_figures(const NamedDocument& base, const NamedDocument& candidate) const {
    for (const auto& [pattern, pct] : tolerance_.per_figure_pct) {
      const bool named = std::any_of(seen_.begin(), seen_.end(),
                                     [&](const std::string& name) { return pattern_matches(pattern, name); });
      if (!named)
        throw std::invalid_argument("tolerance for " + pattern + ": no figure of " + base.name + " or " +
                                    candidate.name + " has this name");
    }
  }

 private:
  static std::string qualified(const std::string& variant, const std::string& name) {
    return variant.empty() ? name : variant + ": " + name;
  }

  FigureChange change(const std::string& variant, const std::string& name, const FigureEstimate& base,
                      const FigureEstimate& candidate) const {
    FigureChange c{variant, name, worse_direction(name), base, candidate, tolerance_.pct_for(name), Verdict::unchanged};
    c.verdict = judge(c.direction, base, candidate, c.tolerance_pct, tolerance_.absolute_floor);
    return c;
  }

  const RegressionTolerance& tolerance_;
  ReportComparison& out_;
  std::set<std::string> seen_;
};

void compare_sweeps(const NamedDocument& base, const NamedDocument& candidate, FigureComparer& comparer,
                    ReportComparison& out) {
  out.confidence = sweep_confidence(base);
  if (sweep_confidence(candidate) != out.confidence)
    throw std::invalid_argument(candidate.name + ": sweep.confidence differs from " + base.name +
                                "'s: compare intervals of one confidence level");
  const std::vector<SweepVariant> base_variants = sweep_variants(base);
  const std::vector<SweepVariant> candidate_variants = sweep_variants(candidate);
  auto find = [](const std::vector<SweepVariant>& in, const Json& settings) {
    return std::find_if(in.begin(), in.end(), [&](const SweepVariant& v) { return v.settings == settings; });
  };
  for (const SweepVariant& v : candidate_variants) {
    if (find(base_variants, v.settings) == base_variants.end())
      throw std::invalid_argument(candidate.name + ": variant " + v.label + " has no match in " + base.name +
                                  ": compare sweeps of the same variants");
  }
  for (const SweepVariant& v : base_variants) {
    const auto match = find(candidate_variants, v.settings);
    if (match == candidate_variants.end())
      throw std::invalid_argument(base.name + ": variant " + v.label + " has no match in " + candidate.name +
                                  ": compare sweeps of the same variants");
    comparer.compare(v.label, v.figures, match->figures);
  }
}

}  // namespace

double RegressionTolerance::pct_for(const std::string& figure) const {
  double pct = default_pct;
  std::size_t longest = 0;
  for (const auto& [pattern, value] : per_figure_pct) {
    if (pattern_matches(pattern, figure) && (longest == 0 || pattern.size() > longest)) {
      pct = value;
      longest = pattern.size();
    }
  }
  return pct;
}

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::unchanged: return "unchanged";
    case Verdict::changed: return "changed (neutral)";
    case Verdict::worse_within_tolerance: return "worse, within tolerance";
    case Verdict::worse_intervals_overlap: return "worse, intervals overlap";
    case Verdict::regressed: return "REGRESSED";
    case Verdict::better_within_tolerance: return "better, within tolerance";
    case Verdict::better_intervals_overlap: return "better, intervals overlap";
    case Verdict::improved: return "improved";
  }
  return "unchanged";
}

std::optional<double> FigureChange::change_pct() const {
  if (base.mean == 0) return std::nullopt;
  return kPercent * (candidate.mean - base.mean) / std::fabs(base.mean);
}

std::size_t ReportComparison::count(Verdict verdict) const {
  return static_cast<std::size_t>(
      std::count_if(figures.begin(), figures.end(), [&](const FigureChange& c) { return c.verdict == verdict; }));
}

Verdict judge(WorseDirection direction, const FigureEstimate& base, const FigureEstimate& candidate,
              double tolerance_pct, double absolute_floor) {
  if (candidate.mean == base.mean) return Verdict::unchanged;
  if (direction == WorseDirection::neutral) return Verdict::changed;
  const bool higher_is_worse = direction == WorseDirection::higher;
  const double worse_by = higher_is_worse ? candidate.mean - base.mean : base.mean - candidate.mean;
  const double allowed = std::max(tolerance_pct / kPercent * std::fabs(base.mean), absolute_floor);
  if (worse_by > 0) {
    if (worse_by <= allowed) return Verdict::worse_within_tolerance;
    const bool apart = higher_is_worse ? apart_above(candidate, base) : apart_above(base, candidate);
    return apart ? Verdict::regressed : Verdict::worse_intervals_overlap;
  }
  if (-worse_by <= allowed) return Verdict::better_within_tolerance;
  const bool apart = higher_is_worse ? apart_above(base, candidate) : apart_above(candidate, base);
  return apart ? Verdict::improved : Verdict::better_intervals_overlap;
}

ReportComparison compare_documents(const NamedDocument& base, const NamedDocument& candidate,
                                   const RegressionTolerance& tolerance) {
  const ComparedKind kind = kind_of(base);
  if (kind_of(candidate) != kind)
    throw std::invalid_argument(base.name + " is a " + kind_name(kind) + " but " + candidate.name + " a " +
                                kind_name(kind_of(candidate)) + ": compare two of a kind");
  ReportComparison out;
  out.kind = kind;
  FigureComparer comparer(tolerance, out);
  if (kind == ComparedKind::reports)
    comparer.compare("", report_estimates(base.document), report_estimates(candidate.document));
  else
    compare_sweeps(base, candidate, comparer, out);
  comparer.require_tolerances_name_figures(base, candidate);
  return out;
}

}  // namespace whatsim
