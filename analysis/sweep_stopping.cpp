#include "analysis/sweep_stopping.hpp"

#include <cmath>

namespace whatsim {

namespace {

constexpr double kPercent = 100;

}  // namespace

bool width_target_met(const FigureSummary* metric, double percent) {
  if (metric == nullptr || !metric->half_width) return false;
  return *metric->half_width <= percent / kPercent * std::fabs(metric->mean);
}

std::vector<std::size_t> next_round(const std::vector<const FigureSummary*>& metric,
                                    const std::vector<std::size_t>& replications, const WidthTarget& target,
                                    std::size_t round_runs) {
  std::vector<std::size_t> added(metric.size(), 0);
  std::vector<std::size_t> wanting;
  for (std::size_t v = 0; v < metric.size(); ++v)
    if (metric[v] != nullptr && !width_target_met(metric[v], target.percent)) wanting.push_back(v);
  std::size_t planned = 0;
  bool progress = true;
  // Round-robin, so a round's runs are spread over the variants that need them.
  while (planned < round_runs && progress) {
    progress = false;
    for (std::size_t v : wanting) {
      if (planned == round_runs || replications[v] + added[v] >= target.max_replications) continue;
      ++added[v];
      ++planned;
      progress = true;
    }
  }
  return added;
}

}  // namespace whatsim
