#pragma once
// Zipf weights: rank k (0-based) of `count` gets (k+1)^-exponent. People write most to a
// few contacts and forward a few items most; both skews are this one shape, so they share
// it. The weights are not normalized: boost::random::discrete_distribution does that.
#include <cstdint>
#include <vector>

namespace whatsim {

std::vector<double> zipf_weights(std::uint32_t count, double exponent);

}  // namespace whatsim
