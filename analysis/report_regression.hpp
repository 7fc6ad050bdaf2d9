#pragma once
// What got worse between two runs: `whatsim compare BASE NEW` for CI. Both files are
// report.json (one run each) or both sweep.json (a sweep's per-variant means and confidence
// intervals). Every numeric figure (numeric_figures.hpp) present in both is judged in the
// direction that is worse for it (figure_direction.hpp).
//
// The rule, for a figure whose worse direction is known, with d the move of the mean the
// worse way (new − base when higher is worse, base − new when lower is worse):
//   regressed  ⇔  d > max(tolerance · |base|, absolute floor)   (beyond the tolerance)
//              and the intervals lie apart the worse way:
//                  new.low > base.high   (higher is worse)
//                  new.high < base.low   (lower is worse)
// A report's figure is one measurement: its interval is the value itself (low = high =
// mean), so only the tolerance decides. The same holds for a sweep figure of n = 1 (its
// half-width is null). The symmetric move the better way is an improvement.
//
// The tolerance is relative (5 % by default, per figure overridable); the absolute floor
// (0.001 in the figure's own unit) keeps changes of nothing from counting: a share moving
// from 0 to 0.001, a wait from 0.0001 ms to 0.0002 ms. The report's units make 0.001 small
// everywhere it matters (a tenth of a utilization point, a microsecond, one byte, 1 Mb/s),
// and an anomaly count going from 0 to 1 still regresses.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/figure_direction.hpp"

namespace whatsim {

struct RegressionTolerance {
  static constexpr double kDefaultPct = 5;
  static constexpr double kDefaultAbsoluteFloor = 0.001;

  double default_pct = kDefaultPct;
  double absolute_floor = kDefaultAbsoluteFloor;
  // Per-figure tolerances in %, by exact figure name or by a prefix written with a trailing
  // '*' ("/latency_ms/*"); the longest match wins, then default_pct.
  std::vector<std::pair<std::string, double>> per_figure_pct;

  double pct_for(const std::string& figure) const;
};

// A report figure (n = 1, low = high = mean) or a sweep variant's mean and interval.
struct FigureEstimate {
  std::size_t n = 1;
  double mean = 0;
  double low = 0;
  double high = 0;
};

enum class Verdict {
  unchanged,
  changed,                   // a neutral figure moved
  worse_within_tolerance,    // the worse way, by no more than the tolerance
  worse_intervals_overlap,   // beyond the tolerance, but the intervals cannot tell them apart
  regressed,
  better_within_tolerance,
  better_intervals_overlap,
  improved,
};
// "REGRESSED", "worse, within tolerance", ...: the words the table prints.
const char* to_string(Verdict verdict);

struct FigureChange {
  std::string variant;  // empty for reports; a sweep variant's settings, "PATH=V, PATH=V"
  std::string figure;
  WorseDirection direction = WorseDirection::neutral;
  FigureEstimate base;
  FigureEstimate candidate;
  double tolerance_pct = 0;
  Verdict verdict = Verdict::unchanged;

  // (new − base) / |base| in %; none when base is 0.
  std::optional<double> change_pct() const;
};

enum class ComparedKind { reports, sweeps };

struct ReportComparison {
  ComparedKind kind = ComparedKind::reports;
  double confidence = 0;              // sweeps: the level of their intervals
  std::vector<FigureChange> figures;  // every figure in both, in the base's order
  std::vector<std::string> only_in_base;       // "figure" or, for sweeps, "variant: figure"
  std::vector<std::string> only_in_candidate;

  std::size_t count(Verdict verdict) const;
  std::size_t regressed() const { return count(Verdict::regressed); }
};

// A file's name (for error messages) and its parsed content.
struct NamedDocument {
  std::string name;
  nlohmann::json document;
};

// Judges one figure. Exposed for the tests; compare_documents applies it to every figure.
Verdict judge(WorseDirection direction, const FigureEstimate& base, const FigureEstimate& candidate,
              double tolerance_pct, double absolute_floor);

// Both report.json or both sweep.json, whose variants must match one to one by their
// settings. Throws std::invalid_argument with a one-line message naming the file and what is
// wrong: a document of neither kind, two of different kinds, a sweep variant without a
// match, a malformed sweep figure, sweeps at different confidence levels, a per-figure
// tolerance naming no figure of either file.
ReportComparison compare_documents(const NamedDocument& base, const NamedDocument& candidate,
                                   const RegressionTolerance& tolerance);

}  // namespace whatsim
