#include "src/workload/zipf_weights.hpp"

#include <cmath>

namespace whatsim {

std::vector<double> zipf_weights(std::uint32_t count, double exponent) {
  std::vector<double> weights(count);
  for (std::uint32_t k = 0; k < count; ++k) weights[k] = std::pow(static_cast<double>(k) + 1.0, -exponent);
  return weights;
}

}  // namespace whatsim
