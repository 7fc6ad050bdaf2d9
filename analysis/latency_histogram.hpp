#pragma once
// Latency distribution of one message class, on a Boost.Histogram log axis: constant
// memory however many samples, percentiles within one bin's relative width (~0.5%).
#include <cstddef>
#include <cstdint>
#include <vector>

#include <boost/histogram.hpp>

namespace whatsim {

// One point of a latency distribution: a share `share` (0..1) of samples took at most `latency_ms`.
struct CdfPoint {
  double latency_ms = 0;
  double share = 0;
};

struct LatencySummary {
  std::uint64_t count = 0;
  double mean_ms = 0;
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
  double max_ms = 0;
  // The whole distribution, for the report's latency CDF figure (kSummaryCdfPoints points;
  // empty without samples). Not in report.json: the percentiles above are its figures.
  std::vector<CdfPoint> cdf;
};

// Points summary() puts in a LatencySummary's cdf: a step of 0.5 % of the samples, finer
// than a figure's share axis can show.
inline constexpr std::size_t kSummaryCdfPoints = 201;

class LatencyHistogram {
 public:
  LatencyHistogram();
  void add(double latency_ms);
  // The latency below which a share `q` (0..1) of samples fall; 0 when empty.
  double quantile(double q) const;
  // The distribution as `points` points at evenly spaced shares from 0 to 1, each point's
  // latency the quantile() of its share: monotone, the last at share 1 and the max latency.
  // Fewer than 2 points give just that last one; no samples give none. One pass over the bins.
  std::vector<CdfPoint> cdf(std::size_t points) const;
  LatencySummary summary() const;
  std::uint64_t count() const { return count_; }

 private:
  using Axis = boost::histogram::axis::regular<double, boost::histogram::axis::transform::log>;
  // quantile() of each of `shares` (0..1, ascending), in one walk over the bins.
  std::vector<double> quantiles(const std::vector<double>& shares) const;
  boost::histogram::histogram<std::tuple<Axis>> hist_;
  std::uint64_t count_ = 0;
  double sum_ms_ = 0;
  double max_ms_ = 0;
};

}  // namespace whatsim
