#include "analysis/confidence_interval.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>

namespace whatsim {

namespace {

void require_usable(const std::vector<double>& samples, double confidence) {
  if (samples.size() < 2) {
    std::ostringstream message;
    message << "mean_interval: needs at least 2 samples to estimate their spread, got " << samples.size();
    throw std::invalid_argument(message.str());
  }
  // Written so that NaN, which fails every comparison, is rejected too.
  if (!(confidence > 0 && confidence < 1)) {
    std::ostringstream message;
    message << "mean_interval: confidence must be in (0, 1), got " << confidence;
    throw std::invalid_argument(message.str());
  }
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::isfinite(samples[i])) continue;
    std::ostringstream message;
    message << "mean_interval: sample " << i << " is not a finite number: " << samples[i];
    throw std::invalid_argument(message.str());
  }
}

// Two passes (mean, then squared deviations): no cancellation when the spread is small
// against the mean, as replication means of a long run are.
double sample_variance(const std::vector<double>& samples, double mean) {
  double squares = 0;
  for (const double x : samples) squares += (x - mean) * (x - mean);
  return squares / static_cast<double>(samples.size() - 1);
}

}  // namespace

MeanInterval mean_interval(const std::vector<double>& samples, double confidence) {
  require_usable(samples, confidence);
  const double n = static_cast<double>(samples.size());
  double sum = 0;
  for (const double x : samples) sum += x;
  MeanInterval interval;
  interval.samples = samples.size();
  interval.mean = sum / n;
  const boost::math::students_t t_distribution(n - 1);
  const double t = boost::math::quantile(t_distribution, (1 + confidence) / 2);
  interval.half_width = t * std::sqrt(sample_variance(samples, interval.mean) / n);
  return interval;
}

}  // namespace whatsim
