#include "src/workload/size_draw.hpp"

#include <algorithm>
#include <cmath>

#include <boost/random/lognormal_distribution.hpp>

namespace whatsim {

double draw_size_bytes(const SizeDistribution& size, Rng& rng) {
  double bytes = size.mean_bytes;
  if (size.kind == "lognormal") {
    const double mu = std::log(size.mean_bytes) - size.sigma * size.sigma / 2;  // so that the mean is mean_bytes
    bytes = boost::random::lognormal_distribution<double>(mu, size.sigma)(rng);
  }
  return std::clamp(std::round(bytes), 1.0, size.max_bytes);
}

}  // namespace whatsim
