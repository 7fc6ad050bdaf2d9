#pragma once
// Latency versus load from the analytic model: every traffic rate scaled by a load factor,
// the model solved at each, and the knee marked: the load beyond which the bottleneck tier's
// response time climbs much faster than it did before. (The message classes' latencies need
// not show it: the bottleneck may be off their path, e.g. the media tiers, and more traffic
// keeps route caches warmer.) Architects read their headroom off it.
#include <cstddef>
#include <string>
#include <vector>

#include "analysis/capacity_model.hpp"

namespace whatsim {

struct LoadPoint {
  double load_factor = 0;             // times the scenario's traffic
  double messages_per_s = 0;          // whole modeled deployment
  // Modeled mean latencies of the one-check and two-check classes, for devices that stay
  // online: a wait for an offline device does not depend on load and would hide the curve.
  double server_ack_mean_ms = 0;
  double delivered_mean_ms = 0;
  double bottleneck_utilization = 0;  // busiest tier's CPU, 0..1
  double bottleneck_response_ms = 0;  // a frame's mean wait and service at the bottleneck tier
};

struct LoadCurve {
  std::vector<LoadPoint> points;  // stable loads only, increasing load factor
  std::size_t knee = 0;           // index into points: the knee of bottleneck_response_ms
  std::string bottleneck;         // tier that saturates first
  double saturation_factor = 0;   // load factor at which the bottleneck reaches utilization 1
};

// Points the reports' curves have: enough for a smooth curve and a well-placed knee.
inline constexpr std::size_t kLoadCurvePoints = 40;

// The model at load factors from a small share of the scenario's traffic up to just below
// saturation, evenly spaced; `options` says which deployment and hour.
LoadCurve sweep_load(const Scenario& scenario, const ModelOptions& options, std::size_t points);

// The knee by the Kneedle method: on both axes normalized to [0, 1], the point farthest below
// the chord from the first to the last point. Needs at least 3 points (else 0).
std::size_t find_knee(const std::vector<double>& load, const std::vector<double>& latency);

}  // namespace whatsim
