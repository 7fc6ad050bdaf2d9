#include "analysis/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace whatsim {

namespace {

// 0.001 ms (1 us) to 1e7 ms (~2.8 h) covers everything from a same-rack hop to a message
// held offline for hours. 10 decades / 4620 bins = a bin ratio of 1.00500, i.e. each bin
// is at most 0.5% wide relative to its lower edge, which bounds the percentile error.
constexpr double kMinMs = 0.001;
constexpr double kMaxMs = 1e7;
constexpr unsigned kBins = 4620;

}  // namespace

LatencyHistogram::LatencyHistogram() : hist_(Axis(kBins, kMinMs, kMaxMs)) {}

void LatencyHistogram::add(double latency_ms) {
  // A negative or NaN latency is a clock bug upstream; count it as zero rather than let
  // it poison the sum (NaN) or land in overflow (the log of a negative is NaN).
  if (!(latency_ms >= 0)) latency_ms = 0;
  // At or below the axis minimum: force the underflow bin (log of 0 is -inf, fine, but
  // exactly kMinMs would otherwise fall into bin 0).
  hist_(latency_ms <= kMinMs ? 0.0 : latency_ms);
  ++count_;
  sum_ms_ += latency_ms;
  max_ms_ = std::max(max_ms_, latency_ms);
}

double LatencyHistogram::quantile(double q) const {
  if (count_ == 0) return 0;
  return quantiles({q}).front();
}

std::vector<double> LatencyHistogram::quantiles(const std::vector<double>& shares) const {
  const auto& axis = hist_.axis();
  // The latency `into_bin` samples into bin idx, which holds `in_bin` of them.
  const auto within_bin = [&](int idx, double into_bin, double in_bin) {
    if (idx < 0) return std::min(kMinMs, max_ms_);  // underflow samples count as 1 us
    if (idx == axis.size()) return max_ms_;         // overflow samples count as the max
    // Interpolate inside the bin; Axis::value() of a fractional index is log-linear.
    return std::min(axis.value(idx + into_bin / in_bin), max_ms_);
  };
  std::vector<double> out;
  out.reserve(shares.size());
  double below = 0;  // samples in bins before idx
  // Index -1 is underflow, size() is overflow; Boost gives both with coverage::all.
  for (int idx = -1; idx <= axis.size() && out.size() < shares.size(); ++idx) {
    const double in_bin = static_cast<double>(hist_.at(idx));
    if (in_bin <= 0) continue;
    // Every share whose target count this bin reaches has its quantile here.
    while (out.size() < shares.size()) {
      const double target = std::clamp(shares[out.size()], 0.0, 1.0) * static_cast<double>(count_);
      if (below + in_bin < target) break;
      out.push_back(within_bin(idx, target - below, in_bin));
    }
    below += in_bin;
  }
  out.resize(shares.size(), max_ms_);  // rounding left a target just above the total
  return out;
}

std::vector<CdfPoint> LatencyHistogram::cdf(std::size_t points) const {
  if (count_ == 0) return {};
  if (points < 2) return {CdfPoint{max_ms_, 1}};
  std::vector<double> shares;
  for (std::size_t i = 0; i < points; ++i)
    shares.push_back(static_cast<double>(i) / static_cast<double>(points - 1));
  const std::vector<double> latencies_ms = quantiles(shares);
  std::vector<CdfPoint> out;
  for (std::size_t i = 0; i < points; ++i) out.push_back(CdfPoint{latencies_ms[i], shares[i]});
  return out;
}

LatencySummary LatencyHistogram::summary() const {
  LatencySummary s;
  s.count = count_;
  if (count_ == 0) return s;
  s.mean_ms = sum_ms_ / static_cast<double>(count_);
  s.p50_ms = quantile(0.50);
  s.p90_ms = quantile(0.90);
  s.p99_ms = quantile(0.99);
  s.p999_ms = quantile(0.999);
  s.max_ms = max_ms_;
  s.cdf = cdf(kSummaryCdfPoints);
  return s;
}

}  // namespace whatsim
