#pragma once
// Each tier of the analytic model as one station per server: its frames' rate and CPU demand
// from the solved frame flows, spread evenly over the tier's servers (keys are hashed), its
// cores an M/G/c station, and the other resources a server has (memory, NIC, disk) next to
// their capacity, so the binding one can be named.
#include <string>
#include <vector>

#include "analysis/capacity_model.hpp"
#include "analysis/frame_flows.hpp"

namespace whatsim {

std::vector<StationLoad> tier_stations(const Scenario& s, ModelSize size, const TrafficRates& rates,
                                       const FlowShares& shares, const std::vector<FrameStation>& frames);

// Servers of a tier in the modeled deployment (the simulated one, or the full one), placed
// as the simulation places them: at least one per region.
std::uint32_t tier_servers(const Scenario& s, ModelSize size, const std::string& tier);

// Mean wait of a frame at a station whose cores are also busy with background work: the
// frames see the share left over, so their service stretches by 1 / (1 - background share).
// Infinite when the cores the station runs on are saturated. Its cpu_utilization is measured
// against capacity_cores: in a slice, a server below one core's worth runs on one modeled
// core and stands for part of it, so its core is less busy than its utilization says and
// it queues as a lone core at that lighter load (src/scenario/server_placement.hpp).
void solve_station_queue(StationLoad& station);

// Mean response of one kind of frame at its tier: the tier's wait plus this frame's service.
double frame_response_s(const StationLoad& tier, double frame_cycles);

}  // namespace whatsim
