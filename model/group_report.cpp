#include "model/group_report.hpp"

#include <algorithm>
#include <cmath>

#include "model/tier_report.hpp"

namespace whatsim {

namespace {
constexpr double kPercentile99 = 0.99;
}

void PartitionLagSamples::sample(const std::vector<std::unique_ptr<Broker>>& brokers) {
  for (const auto& b : brokers)
    for (const auto& [partition, log] : b->partitions()) lags_.push_back(static_cast<double>(b->lag(partition)));
}

double PartitionLagSamples::max() const { return lags_.empty() ? 0 : *std::max_element(lags_.begin(), lags_.end()); }

double PartitionLagSamples::p99() const {
  if (lags_.empty()) return 0;
  std::vector<double> sorted = lags_;
  const auto rank = static_cast<std::size_t>(std::ceil(kPercentile99 * static_cast<double>(sorted.size()))) - 1;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank), sorted.end());
  return sorted[rank];
}

GroupReport group_report(World& world, const std::vector<std::unique_ptr<Broker>>& brokers,
                         const PartitionLagSamples& lag, double end_s) {
  const GroupsSpec& spec = world.group_spec();
  GroupReport r = world.recorder.groups();
  r.enabled = world.groups.groups() > 0;
  r.groups = world.groups.groups();
  r.memberships = world.groups.memberships();
  r.mean_members = r.groups ? static_cast<double>(r.memberships) / static_cast<double>(r.groups) : 0;
  r.size_limit = spec.size_limit;
  r.notices = r.joins + r.leaves;
  r.fanout_incomplete = world.recorder.fanouts_incomplete();
  r.cache_hit_ratio = r.member_lookups ? static_cast<double>(r.cache_hits) / static_cast<double>(r.member_lookups) : 0;
  r.partitions = spec.log.partitions;
  r.replication_factor = spec.log.replication_factor;
  r.acks = spec.log.acks;
  r.partition_lag_max = lag.max();
  r.partition_lag_p99 = lag.p99();
  for (std::uint32_t i = 0; i < brokers.size(); ++i) {
    const Broker& b = *brokers[i];
    r.brokers.push_back({i, server_utilization(world, Tier::broker, i, end_s), b.bytes_in(), b.bytes_out(),
                         b.records_appended()});
  }
  return r;
}

}  // namespace whatsim
