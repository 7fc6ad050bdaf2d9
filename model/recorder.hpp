#pragma once
// Where the model writes down what happened: every lifecycle event goes to the online
// consistency checker and, when asked, to a history file; latency samples go to one
// histogram per class. Messages sent during the warm-up give no latency samples.
#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "analysis/consistency_checker.hpp"
#include "analysis/history.hpp"
#include "analysis/latency_histogram.hpp"
#include "analysis/run_report.hpp"

namespace whatsim {

class Recorder {
 public:
  Recorder(double warmup_s, std::ostream* history);

  void record(const LifecycleEvent& e);
  // A latency sample of `latency_class` for a message sent at `sent_at`, observed at `now`.
  void latency(const char* latency_class, double sent_at, double now);

  MessageCounts& counts() { return counts_; }
  ConsistencyCounts finish() { return checker_.finish(); }
  std::map<std::string, LatencySummary> latency_summaries() const;

 private:
  double warmup_s_;
  std::ostream* history_;
  ConsistencyChecker checker_;
  std::map<std::string, LatencyHistogram> latency_;
  MessageCounts counts_;
};

}  // namespace whatsim
