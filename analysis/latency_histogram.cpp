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
  q = std::clamp(q, 0.0, 1.0);
  const auto& axis = hist_.axis();
  const double target = q * static_cast<double>(count_);
  double below = 0;  // samples in bins before idx
  // Index -1 is underflow, size() is overflow; Boost gives both with coverage::all.
  for (int idx = -1; idx <= axis.size(); ++idx) {
    const double in_bin = static_cast<double>(hist_.at(idx));
    if (in_bin <= 0 || below + in_bin < target) {
      below += in_bin;
      continue;
    }
    if (idx < 0) return std::min(kMinMs, max_ms_);  // underflow samples count as 1 us
    if (idx == axis.size()) return max_ms_;         // overflow samples count as the max
    // Interpolate inside the bin; Axis::value() of a fractional index is log-linear.
    const double frac = (target - below) / in_bin;
    return std::min(axis.value(idx + frac), max_ms_);
  }
  return max_ms_;  // rounding left target just above the total
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
  return s;
}

}  // namespace whatsim
