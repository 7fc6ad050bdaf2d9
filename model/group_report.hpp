#pragma once
// The group-chat figures of a run: what the recorder counted, plus the log's brokers and
// the consumer lag of its partitions sampled through the run.
#include <memory>
#include <vector>

#include "analysis/run_report.hpp"
#include "model/broker.hpp"
#include "model/world.hpp"

namespace whatsim {

// Every partition's consumer lag (records appended, not yet fanned out and committed),
// sampled at regular times.
class PartitionLagSamples {
 public:
  void sample(const std::vector<std::unique_ptr<Broker>>& brokers);
  double max() const;
  double p99() const;  // nearest rank over all samples of all partitions

 private:
  std::vector<double> lags_;
};

GroupReport group_report(World& world, const std::vector<std::unique_ptr<Broker>>& brokers,
                         const PartitionLagSamples& lag, double end_s);

}  // namespace whatsim
