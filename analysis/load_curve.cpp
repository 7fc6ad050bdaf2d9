#include "analysis/load_curve.hpp"

#include <algorithm>
#include <cmath>

namespace whatsim {

namespace {

constexpr double kLargestFactor = 1e6;     // no tier saturates below this: the curve stops here
constexpr int kBisectionSteps = 60;        // halvings of the saturation bracket: far below any plotted step
constexpr double kClosestToSaturation = 0.97;  // the last point's share of the saturating load

double busiest_cpu(const CapacityModel& m) {
  double busiest = 0;
  for (const StationLoad& st : m.stations) busiest = std::max(busiest, st.cpu_utilization);
  return busiest;
}

// The load factor at which the busiest tier's CPU reaches 1 (utilization is linear in the
// load, plus load-independent heartbeats), by bisection.
double saturation_factor(const Scenario& s, ModelOptions o, std::string& bottleneck) {
  double low = 0, high = 1;
  auto saturated = [&](double f) {
    o.load_factor = f;
    return busiest_cpu(build_capacity_model(s, o)) >= 1;
  };
  while (!saturated(high) && high < kLargestFactor) high *= 2;
  for (int i = 0; i < kBisectionSteps; ++i) {
    const double mid = (low + high) / 2;
    (saturated(mid) ? high : low) = mid;
  }
  o.load_factor = high;
  const CapacityModel at = build_capacity_model(s, o);
  for (const StationLoad& st : at.stations)
    if (st.cpu_utilization >= busiest_cpu(at)) bottleneck = st.tier;
  return low;
}

}  // namespace

LoadCurve sweep_load(const Scenario& scenario, const ModelOptions& options, std::size_t points) {
  LoadCurve curve;
  curve.saturation_factor = saturation_factor(scenario, options, curve.bottleneck);
  std::vector<double> load, latency;
  for (std::size_t i = 1; i <= points; ++i) {
    ModelOptions o = options;
    o.load_factor = curve.saturation_factor * kClosestToSaturation * static_cast<double>(i) / static_cast<double>(points);
    const CapacityModel m = build_capacity_model(scenario, o);
    LoadPoint p;
    p.load_factor = o.load_factor;
    p.messages_per_s = m.rates.messages_per_s;
    const ClassLatency& ack = *find_class(m, "server_ack");
    const ClassLatency& delivered = *find_class(m, "delivered");
    p.server_ack_mean_ms = ack.mean_ms - ack.other_ms;
    p.delivered_mean_ms = delivered.mean_ms - delivered.other_ms;
    const StationLoad& bottleneck = *find_station(m, curve.bottleneck);
    p.bottleneck_utilization = bottleneck.cpu_utilization;
    p.bottleneck_response_ms = (bottleneck.wait_s + bottleneck.service_s) * 1000;
    curve.points.push_back(p);
    load.push_back(p.load_factor);
    latency.push_back(p.bottleneck_response_ms);
  }
  curve.knee = find_knee(load, latency);
  return curve;
}

std::size_t find_knee(const std::vector<double>& load, const std::vector<double>& latency) {
  const std::size_t n = std::min(load.size(), latency.size());
  if (n < 3) return 0;
  const double x0 = load.front(), x1 = load[n - 1], y0 = latency.front(), y1 = latency[n - 1];
  if (x1 <= x0 || y1 <= y0) return 0;  // flat: no knee
  std::size_t knee = 0;
  double farthest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = (load[i] - x0) / (x1 - x0), y = (latency[i] - y0) / (y1 - y0);
    if (x - y > farthest) {  // below the chord y = x of a convex, rising curve
      farthest = x - y;
      knee = i;
    }
  }
  return knee;
}

}  // namespace whatsim
