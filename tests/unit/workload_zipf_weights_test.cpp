#include <catch2/catch.hpp>

#include "src/workload/zipf_weights.hpp"

using namespace whatsim;

TEST_CASE("Zipf weights fall as a power of the rank", "[workload][zipf][media]") {
  const std::vector<double> weights = zipf_weights(4, 1.0);
  REQUIRE(weights.size() == 4);
  CHECK(weights[0] == Approx(1.0));
  CHECK(weights[1] == Approx(0.5));
  CHECK(weights[3] == Approx(0.25));
  CHECK(zipf_weights(3, 2.0)[2] == Approx(1.0 / 9));
  CHECK(zipf_weights(3, 0.0)[2] == Approx(1.0));  // exponent 0: uniform
  CHECK(zipf_weights(0, 1.0).empty());
}
