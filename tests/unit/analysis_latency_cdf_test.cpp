#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "analysis/latency_histogram.hpp"

using whatsim::CdfPoint;
using whatsim::kSummaryCdfPoints;
using whatsim::LatencyHistogram;

namespace {

// Two modes far apart (a same-region and a cross-region round trip), so the curve has a flat
// stretch between them: points evenly spaced in share must still land on the right mode.
LatencyHistogram two_modes() {
  LatencyHistogram h;
  for (int i = 0; i < 700; ++i) h.add(200 + i * 0.01);
  for (int i = 0; i < 300; ++i) h.add(1000 + i * 0.5);
  return h;
}

}  // namespace

TEST_CASE("a latency CDF rises monotonically from share 0 to share 1 at the max", "[analysis][histogram][cdf]") {
  const LatencyHistogram h = two_modes();
  const std::vector<CdfPoint> cdf = h.cdf(51);
  REQUIRE(cdf.size() == 51);
  CHECK(cdf.front().share == 0);
  CHECK(cdf.back().share == 1);
  CHECK(cdf.back().latency_ms == h.summary().max_ms);
  for (std::size_t i = 1; i < cdf.size(); ++i) {
    CHECK(cdf[i].share > cdf[i - 1].share);
    CHECK(cdf[i].latency_ms >= cdf[i - 1].latency_ms);
  }
}

TEST_CASE("every CDF point is the quantile of its share", "[analysis][histogram][cdf]") {
  const LatencyHistogram h = two_modes();
  for (const CdfPoint& p : h.cdf(101)) CHECK(p.latency_ms == Approx(h.quantile(p.share)).epsilon(1e-12));
  // The shape, from how the samples were made: 70 % at about 200 ms, the rest from 1000 ms.
  const std::vector<CdfPoint> cdf = h.cdf(11);  // shares 0, 0.1, ..., 1
  CHECK(cdf[6].latency_ms == Approx(206).epsilon(0.01));
  CHECK(cdf[8].latency_ms >= 1000 * 0.995);
}

TEST_CASE("the CDF takes underflow and overflow samples at the axis minimum and the max",
          "[analysis][histogram][cdf]") {
  LatencyHistogram h;
  h.add(0);
  h.add(50);
  h.add(1e9);  // beyond the axis
  const std::vector<CdfPoint> cdf = h.cdf(3);
  REQUIRE(cdf.size() == 3);
  CHECK(cdf.front().latency_ms == Approx(0.001));
  CHECK(cdf.back().latency_ms == 1e9);
}

TEST_CASE("an empty histogram has no CDF and one point gives just the end", "[analysis][histogram][cdf]") {
  LatencyHistogram empty;
  CHECK(empty.cdf(10).empty());
  CHECK(empty.summary().cdf.empty());

  LatencyHistogram h;
  h.add(5);
  h.add(7);
  const std::vector<CdfPoint> one = h.cdf(1);
  REQUIRE(one.size() == 1);
  CHECK(one[0].share == 1);
  CHECK(one[0].latency_ms == 7);
}

TEST_CASE("a latency summary carries its CDF", "[analysis][histogram][cdf]") {
  const LatencyHistogram h = two_modes();
  const auto s = h.summary();
  REQUIRE(s.cdf.size() == kSummaryCdfPoints);
  CHECK(s.cdf.back().latency_ms == s.max_ms);
  // The summary's percentiles are points of the same distribution.
  const CdfPoint& median = s.cdf[(kSummaryCdfPoints - 1) / 2];
  CHECK(median.share == 0.5);
  CHECK(median.latency_ms == Approx(s.p50_ms).epsilon(1e-12));
}
