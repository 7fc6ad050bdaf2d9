#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "analysis/confidence_interval.hpp"

using whatsim::mean_interval;
using whatsim::MeanInterval;

// Reference quantiles of Student's t from printed tables (4 decimals), so the tests do not
// check Boost against itself.
TEST_CASE("a 95% interval for 1 to 5 is 3 plus or minus 1.9632", "[analysis][confidence]") {
  // mean 3; s² = (4 + 1 + 0 + 1 + 4) / 4 = 2.5, s = 1.5811; s/√5 = 0.70711;
  // t(0.975, 4 dof) = 2.7764; half-width 2.7764 · 0.70711 = 1.9632.
  const MeanInterval ci = mean_interval({1, 2, 3, 4, 5}, 0.95);
  CHECK(ci.samples == 5);
  CHECK(ci.mean == Approx(3.0));
  CHECK(ci.half_width == Approx(1.9632).epsilon(1e-4));
  CHECK(ci.low() == Approx(3.0 - 1.9632).epsilon(1e-4));
  CHECK(ci.high() == Approx(3.0 + 1.9632).epsilon(1e-4));
}

TEST_CASE("a 90% interval uses the 0.95 quantile of t", "[analysis][confidence]") {
  // t(0.95, 4 dof) = 2.1318; half-width 2.1318 · 0.70711 = 1.5074.
  const MeanInterval ci = mean_interval({5, 1, 4, 2, 3}, 0.90);
  CHECK(ci.mean == Approx(3.0));
  CHECK(ci.half_width == Approx(1.5074).epsilon(1e-4));
}

TEST_CASE("two samples give the wide interval of one degree of freedom", "[analysis][confidence]") {
  // mean 1, s = √2, s/√2 = 1; t(0.975, 1 dof) = 12.7062.
  const MeanInterval ci = mean_interval({0, 2}, 0.95);
  CHECK(ci.mean == Approx(1.0));
  CHECK(ci.half_width == Approx(12.7062).epsilon(1e-4));
}

TEST_CASE("more confidence gives a wider interval around the same mean", "[analysis][confidence]") {
  const std::vector<double> samples{8.1, 9.4, 10.2, 8.8, 9.9, 10.6};
  const MeanInterval at_90 = mean_interval(samples, 0.90);
  const MeanInterval at_99 = mean_interval(samples, 0.99);
  CHECK(at_90.mean == at_99.mean);
  CHECK(at_99.half_width > at_90.half_width);
}

TEST_CASE("identical samples give a zero-width interval holding only their value", "[analysis][confidence]") {
  const MeanInterval ci = mean_interval({4.5, 4.5, 4.5}, 0.95);
  CHECK(ci.mean == 4.5);
  CHECK(ci.half_width == 0);
  CHECK(ci.contains(4.5));
  CHECK_FALSE(ci.contains(4.5001));
}

TEST_CASE("a mean interval contains both its ends and nothing beyond them", "[analysis][confidence]") {
  const MeanInterval ci{10, 3.0, 0.5};
  CHECK(ci.contains(2.5));
  CHECK(ci.contains(3.5));
  CHECK(ci.contains(3.0));
  CHECK_FALSE(ci.contains(2.49));
  CHECK_FALSE(ci.contains(3.51));
  CHECK_FALSE(ci.contains(std::nan("")));
}

TEST_CASE("mean_interval rejects fewer than two samples", "[analysis][confidence]") {
  CHECK_THROWS_AS(mean_interval({}, 0.95), std::invalid_argument);
  CHECK_THROWS_WITH(mean_interval({1.0}, 0.95), Catch::Contains("at least 2 samples") && Catch::Contains("got 1"));
}

TEST_CASE("mean_interval rejects a confidence outside the open unit interval", "[analysis][confidence]") {
  const std::vector<double> samples{1, 2, 3};
  CHECK_THROWS_WITH(mean_interval(samples, 0.0), Catch::Contains("confidence must be in (0, 1)"));
  CHECK_THROWS_AS(mean_interval(samples, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(mean_interval(samples, 95), std::invalid_argument);
  CHECK_THROWS_AS(mean_interval(samples, -0.5), std::invalid_argument);
  CHECK_THROWS_AS(mean_interval(samples, std::nan("")), std::invalid_argument);
}

TEST_CASE("mean_interval rejects a sample that is not a finite number", "[analysis][confidence]") {
  CHECK_THROWS_WITH(mean_interval({1, std::nan(""), 3}, 0.95), Catch::Contains("sample 1"));
  CHECK_THROWS_AS(mean_interval({1, std::numeric_limits<double>::infinity()}, 0.95), std::invalid_argument);
}
