#pragma once
// Latency distribution of one message class, on a Boost.Histogram log axis: constant
// memory however many samples, percentiles within one bin's relative width (~0.5%).
#include <cstdint>

#include <boost/histogram.hpp>

namespace whatsim {

struct LatencySummary {
  std::uint64_t count = 0;
  double mean_ms = 0;
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
  double max_ms = 0;
};

class LatencyHistogram {
 public:
  LatencyHistogram();
  void add(double latency_ms);
  // The latency below which a share `q` (0..1) of samples fall; 0 when empty.
  double quantile(double q) const;
  LatencySummary summary() const;
  std::uint64_t count() const { return count_; }

 private:
  using Axis = boost::histogram::axis::regular<double, boost::histogram::axis::transform::log>;
  boost::histogram::histogram<std::tuple<Axis>> hist_;
  std::uint64_t count_ = 0;
  double sum_ms_ = 0;
  double max_ms_ = 0;
};

}  // namespace whatsim
