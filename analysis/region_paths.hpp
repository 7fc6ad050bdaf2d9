#pragma once
// One-way latency between regions over the scenario's inter-region links, by the
// lowest-latency path (as the simulated platform routes them), for the analytic model.
#include <vector>

#include "src/scenario/scenario.hpp"

namespace whatsim {

// latency_s[a][b]: the lowest total link latency from region a to region b (0 on the
// diagonal). Throws std::invalid_argument when a link names an unknown region or some
// region cannot reach another.
std::vector<std::vector<double>> region_latency_s(const DeploymentSpec& deployment);

}  // namespace whatsim
