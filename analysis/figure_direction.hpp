#pragma once
// Which way a report figure gets worse, read from its name (a JSON pointer of
// numeric_figures.hpp, e.g. "/latency_ms/delivered/p99"). `whatsim compare` calls a figure
// regressed only when it moved the worse way; this says which way that is.
//
// Three answers:
// - higher is worse: latencies and anything in ms, consistency anomalies, utilization, queue
//   depth and lag, memory and connections at the peak, bytes stored and sent (offline store,
//   blob storage, media egress), failures, retries, refusals, leftovers at the end, CPU
//   spent (phone crypto, sender keys, server crypto cycles), frames lost to faults.
// - lower is worse: the share of sends acknowledged in time (availability), hits and hit
//   ratios, what dedup saved, and throughput: messages acknowledged, delivered and read,
//   group deliveries, completed downloads.
// - neutral: everything else. Figures that describe the workload (messages sent, frames
//   handled, sessions established), configuration echoes (servers, cores, capacities, limits,
//   thresholds), sample counts and the composition of a mean (`shares`), and whole sections
//   that are inputs or predictions rather than measurements of the design: `/scenario`,
//   `/model`, `/model_comparison`, `/sim` (but its `frames_lost`), and `/full_deployment`
//   (the measured figures extrapolated: judging them again would count a regression twice).
//   A neutral figure is shown when it changed, never called a regression.
// The rules are an ordered table in figure_direction.cpp, first match wins; unknown names are
// neutral, so a new figure is never a false alarm, only unjudged until a rule names it.
#include <string>

namespace whatsim {

enum class WorseDirection { higher, lower, neutral };

WorseDirection worse_direction(const std::string& figure);

// "higher", "lower", "neutral": as the JSON output and the tests name them.
const char* to_string(WorseDirection direction);

}  // namespace whatsim
