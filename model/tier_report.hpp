#pragma once
// Per-tier figures from what each server's process measured.
#include <vector>

#include "analysis/run_report.hpp"
#include "model/world.hpp"

namespace whatsim {

std::vector<TierReport> tier_reports(World& world, double end_s);

}  // namespace whatsim
