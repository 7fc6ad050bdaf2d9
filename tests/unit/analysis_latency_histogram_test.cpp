#include <catch2/catch.hpp>

#include "analysis/latency_histogram.hpp"

using whatsim::LatencyHistogram;

TEST_CASE("histogram percentiles of 1..1000 ms are within 1%", "[analysis][histogram]") {
  LatencyHistogram h;
  for (int ms = 1; ms <= 1000; ++ms) h.add(ms);
  const auto s = h.summary();
  CHECK(s.count == 1000);
  CHECK(s.mean_ms == Approx(500.5));  // exact, from the sum
  CHECK(s.max_ms == 1000.0);          // exact
  CHECK(s.p50_ms == Approx(500).epsilon(0.01));
  CHECK(s.p90_ms == Approx(900).epsilon(0.01));
  CHECK(s.p99_ms == Approx(990).epsilon(0.01));
  CHECK(s.p999_ms == Approx(999).epsilon(0.01));
  CHECK(s.p999_ms <= s.max_ms);
  CHECK(h.quantile(1.0) == 1000.0);  // clamped to the exact max, not the bin's upper edge
}

TEST_CASE("histogram of one sample reports that sample", "[analysis][histogram]") {
  LatencyHistogram h;
  h.add(42.0);
  const auto s = h.summary();
  CHECK(s.count == 1);
  CHECK(s.mean_ms == 42.0);
  CHECK(s.max_ms == 42.0);
  CHECK(s.p50_ms == Approx(42).epsilon(0.01));
  CHECK(s.p999_ms == Approx(42).epsilon(0.01));
  CHECK(s.p999_ms <= 42.0);
}

TEST_CASE("empty histogram reports zeros", "[analysis][histogram]") {
  LatencyHistogram h;
  const auto s = h.summary();
  CHECK(s.count == 0);
  CHECK(s.mean_ms == 0);
  CHECK(s.p50_ms == 0);
  CHECK(s.p99_ms == 0);
  CHECK(s.max_ms == 0);
  CHECK(h.quantile(0.5) == 0);
}

TEST_CASE("histogram under- and overflow count as the axis minimum and the max", "[analysis][histogram]") {
  LatencyHistogram low;
  low.add(0.0);
  low.add(0.0005);
  low.add(0.001);
  CHECK(low.quantile(0.5) == Approx(0.001));
  CHECK(low.summary().max_ms == 0.001);

  LatencyHistogram high;
  high.add(5e7);  // beyond the 1e7 ms axis
  high.add(9e7);
  CHECK(high.quantile(0.5) == 9e7);
  CHECK(high.summary().max_ms == 9e7);
}

TEST_CASE("histogram stays within half a percent across decades", "[analysis][histogram]") {
  for (double v : {0.01, 0.37, 3.3, 57.0, 2500.0, 8.6e5}) {
    LatencyHistogram h;
    for (int i = 0; i < 10; ++i) h.add(v);
    CHECK(h.quantile(0.5) == Approx(v).epsilon(0.005));
  }
}
