#pragma once
// One size drawn from a scenario's size distribution (message bodies, media files): whole
// bytes, at least 1 and at most max_bytes. A lognormal is parameterized so that its mean is
// mean_bytes before clamping.
#include "src/core/random_streams.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

double draw_size_bytes(const SizeDistribution& size, Rng& rng);

}  // namespace whatsim
