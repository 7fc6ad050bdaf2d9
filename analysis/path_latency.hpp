#pragma once
// The modeled latency of a message class: the sum, along the path its frames take, of every
// hop's network time (route latency and transfer), every server's wait and service, and the
// phones' crypto. The paths are the design's (see frame_flows.hpp); where a path branches
// (a recipient on the same chat server needs no lookup), each branch is weighted by its share.
#include <vector>

#include "analysis/capacity_model.hpp"
#include "analysis/frame_flows.hpp"

namespace whatsim {

// server_ack (one check: send, stored, acknowledged) and delivered (two checks: the
// recipient's device has it and its receipt is back), for a recipient device that is
// online and sessions already set up.
std::vector<ClassLatency> class_latencies(const Scenario& s, const std::vector<StationLoad>& stations,
                                          const std::vector<FrameStation>& frames, const FlowShares& shares);

}  // namespace whatsim
