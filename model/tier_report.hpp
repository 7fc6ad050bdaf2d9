#pragma once
// Per-tier figures from what each server's process measured.
#include <vector>

#include "analysis/run_report.hpp"
#include "model/world.hpp"

namespace whatsim {

std::vector<TierReport> tier_reports(World& world, double end_s);
// Share of one server's capacity busy over the measured window (after the warm-up), 0..1:
// its CPU cycles over the cycles the part of a modeled server it stands for has (in a slice,
// a server below one core's worth is one core standing for part of it: server_placement.hpp).
double server_utilization(World& world, Tier tier, std::uint32_t index, double end_s);

}  // namespace whatsim
