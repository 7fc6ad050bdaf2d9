#pragma once
// Per-tier figures from what each server's process measured.
#include <vector>

#include "analysis/run_report.hpp"
#include "model/world.hpp"

namespace whatsim {

std::vector<TierReport> tier_reports(World& world, double end_s);
// Share of one server's cores busy over the measured window (after the warm-up), 0..1.
double server_utilization(World& world, Tier tier, std::uint32_t index, double end_s);

}  // namespace whatsim
