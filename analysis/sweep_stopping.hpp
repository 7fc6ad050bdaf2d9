#pragma once
// Sequential stopping for `whatsim sweep --ci-width PCT`: rather than guess how many
// replications a variant needs, run a few, then add replications only to the variants whose
// interval for the chosen metric is still too wide, a round at a time, up to a maximum.
#include <cstddef>
#include <vector>

#include "analysis/sweep_aggregate.hpp"

namespace whatsim {

struct WidthTarget {
  double percent = 0;                // the half-width may be at most this % of the mean's magnitude
  std::size_t max_replications = 0;  // no variant gets more than this many
};

// Whether `metric` meets the target: false without a half-width (one replication cannot
// estimate its spread) or without the figure (metric null).
bool width_target_met(const FigureSummary* metric, double percent);

// How many replications to add to each variant in the next round (same order as `metric`,
// each variant's summary of the chosen metric, null when its runs did not report it, and
// `replications`, each variant's replications so far). The variants that miss the target and
// are below the maximum get one more each in turn, until `round_runs` runs are planned or none
// can take more. A variant whose runs do not report the metric gets none: more runs would not
// report it either. All zeros: stop.
std::vector<std::size_t> next_round(const std::vector<const FigureSummary*>& metric,
                                    const std::vector<std::size_t>& replications, const WidthTarget& target,
                                    std::size_t round_runs);

}  // namespace whatsim
