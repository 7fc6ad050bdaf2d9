#include "model/tier_report.hpp"

#include <algorithm>

namespace whatsim {

namespace {
constexpr double kBytesPerGB = 1e9;

TierReport tier_report(World& world, Tier tier, double end_s) {
  const SimulatedServer& server = world.layout.server_of(tier);
  TierReport r;
  r.name = to_string(tier);
  r.servers = world.layout.count(tier);
  r.cores_per_server = server.hardware.cores;
  r.capacity_cores_per_server = server.capacity_cores;
  r.memory_bytes_capacity = server.stands_for.ram_gb * kBytesPerGB;
  double util_sum = 0, waiting_sum = 0;
  for (std::uint32_t i = 0; i < r.servers; ++i) {
    ServerStats& st = world.post.stats(tier, i);
    st.close(end_s);
    const double util = server_utilization(world, tier, i, end_s);
    util_sum += util;
    r.cpu_utilization_per_server.push_back(util);
    r.queue_depth_per_server.push_back(st.waiting_mean(end_s));
    r.cpu_utilization_max = std::max(r.cpu_utilization_max, util);
    waiting_sum += st.waiting_mean(end_s);
    r.queue_depth_max = std::max(r.queue_depth_max, st.waiting_max());
    r.frames_handled += st.frames();
    r.frames_measured += st.measured_frames();
    r.peak_connections = std::max<std::uint64_t>(r.peak_connections, static_cast<std::uint64_t>(st.peak_connections()));
  }
  r.cpu_utilization_mean = r.servers ? util_sum / r.servers : 0;
  r.queue_depth_mean = r.servers ? waiting_sum / r.servers : 0;
  r.memory_bytes_peak = static_cast<double>(r.peak_connections) * world.costs().bytes_per_connection;
  return r;
}
}  // namespace

double server_utilization(World& world, Tier tier, std::uint32_t index, double end_s) {
  // Against the capacity the server stands for, not its hardware's (server_placement.hpp).
  const double capacity_cycles =
      world.layout.server_of(tier).capacity_cycles_per_s() * (end_s - world.scenario.simulation.warmup_s);
  return capacity_cycles > 0 ? world.post.stats(tier, index).measured_cycles() / capacity_cycles : 0;
}

std::vector<TierReport> tier_reports(World& world, double end_s) {
  std::vector<TierReport> out;
  for (int t = 0; t < kTierCount; ++t) {
    if (world.layout.count(static_cast<Tier>(t)) > 0) out.push_back(tier_report(world, static_cast<Tier>(t), end_s));
  }
  return out;
}

}  // namespace whatsim
