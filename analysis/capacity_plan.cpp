#include "analysis/capacity_plan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace whatsim {

namespace {

constexpr int kMaxLatencyRounds = 40;         // rounds of adding servers for the p99 target
constexpr double kLatencyGrowth = 1.25;       // each round grows the busiest tier by a quarter
constexpr double kNoLongerHelps = 1e-3;       // a round that improves p99 by less than this share stops

ModelOptions busiest_hour_full() {
  ModelOptions o;
  o.size = ModelSize::full;
  o.peak_hour = true;
  return o;
}

std::uint32_t* deployment_count(Scenario& s, const std::string& tier) {
  DeploymentSpec& d = s.deployment;
  if (tier == "chat_server") return &d.chat_servers;
  if (tier == "websocket_manager") return &d.manager_shards;
  if (tier == "message_service") return &d.message_shards;
  if (tier == "broker") return &d.brokers;
  if (tier == "group_handler") return &d.group_handlers;
  if (tier == "group_service") return &d.group_service_shards;
  if (tier == "asset_service") return &d.asset_servers;
  if (tier == "blob_storage") return &d.storage_hosts;
  if (tier == "cdn_pop") return &d.cdn_pops_per_region;
  throw std::invalid_argument("no deployment field for tier " + tier);
}

// PoPs are counted per region in the scenario; every other tier in total.
void set_servers(Scenario& s, const std::string& tier, std::uint32_t servers) {
  const auto regions = static_cast<std::uint32_t>(s.deployment.regions.size());
  *deployment_count(s, tier) = tier == "cdn_pop" ? (servers + regions - 1) / regions : servers;
}

ResourceNeed need(const char* resource, double demand, double capacity, double ceiling) {
  ResourceNeed n{resource, demand, capacity, 1};
  if (capacity > 0) n.servers = std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::ceil(demand / (ceiling * capacity) - 1e-9)));
  return n;
}

std::vector<ResourceNeed> needs_of(const Scenario& s, const StationLoad& st, double ceiling) {
  const double n = st.servers;
  std::vector<ResourceNeed> needs = {
      need("cpu", (st.frames_per_s * st.cycles_per_frame + st.background_cycles_per_s) * n, st.capacity_cores * st.clock_hz,
           ceiling),
      need("memory", st.memory_bytes * n, st.memory_capacity_bytes, ceiling),
      need("nic", st.nic_bits_per_s * n, st.nic_capacity_bits_per_s, ceiling),
      need("disk", st.disk_bytes_per_s * n, st.disk_capacity_bytes_per_s, ceiling)};
  // The design's own limit: the seeds size chat servers at a connection slot per user.
  if (st.tier == "chat_server")
    needs.push_back(need("connections", static_cast<double>(s.population.users),
                         static_cast<double>(s.deployment.connections_per_chat_server), 1.0));
  return needs;
}

TierPlan plan_tier(const Scenario& s, const StationLoad& st, double ceiling) {
  TierPlan t;
  t.tier = st.tier;
  t.servers_now = st.servers;
  t.needs = needs_of(s, st, ceiling);
  const auto binding = std::max_element(t.needs.begin(), t.needs.end(),
                                        [](const ResourceNeed& a, const ResourceNeed& b) { return a.servers < b.servers; });
  t.binding = binding->resource;
  t.servers_needed = std::max<std::uint32_t>(binding->servers, static_cast<std::uint32_t>(s.deployment.regions.size()));
  const double limit = binding->resource == "connections" ? 1.0 : ceiling;
  const double used_now = binding->per_server_capacity > 0 ? binding->demand / (binding->per_server_capacity * t.servers_now) : 0;
  t.utilization_now = used_now;
  t.utilization_planned = binding->per_server_capacity > 0 ? binding->demand / (binding->per_server_capacity * t.servers_needed) : 0;
  t.headroom = used_now > 0 ? limit / used_now : 0;
  return t;
}

double delivered_p99_ms(const CapacityModel& m) { return find_class(m, "delivered")->p99_ms; }

// Grows the busiest tier until delivery's p99 meets the target or stops improving.
void meet_latency(Scenario& s, CapacityPlan& plan) {
  for (int round = 0; round < kMaxLatencyRounds && delivered_p99_ms(plan.planned) > plan.targets.p99_ms; ++round) {
    const auto busiest = std::max_element(plan.planned.stations.begin(), plan.planned.stations.end(),
                                          [](const StationLoad& a, const StationLoad& b) { return a.cpu_utilization < b.cpu_utilization; });
    TierPlan& tier = *std::find_if(plan.tiers.begin(), plan.tiers.end(), [&](const TierPlan& t) { return t.tier == busiest->tier; });
    tier.servers_needed = std::max(tier.servers_needed + 1, static_cast<std::uint32_t>(std::ceil(tier.servers_needed * kLatencyGrowth)));
    tier.binding = "latency";
    set_servers(s, tier.tier, tier.servers_needed);
    const double before = delivered_p99_ms(plan.planned);
    plan.planned = build_capacity_model(s, busiest_hour_full());
    if (delivered_p99_ms(plan.planned) > before * (1 - kNoLongerHelps)) break;
  }
}

}  // namespace

PlanTargets scenario_targets(const Scenario& s) {
  const auto users = static_cast<double>(s.population.users);
  return {users, users * s.traffic.messages_per_user_per_day, s.targets.max_utilization, s.targets.p99_ms};
}

Scenario scaled_to_targets(const Scenario& scenario, const PlanTargets& t) {
  Scenario s = scenario;
  s.population.users = static_cast<std::uint64_t>(std::llround(t.users));
  s.traffic.messages_per_user_per_day = t.messages_per_day / t.users;
  return s;
}

CapacityPlan plan_capacity(const Scenario& scenario, const PlanTargets& targets) {
  if (!(targets.users >= 1) || !(targets.messages_per_day > 0) || !(targets.p99_ms > 0))
    throw std::invalid_argument("plan targets: users, messages per day and p99 must be positive");
  if (!(targets.max_utilization > 0 && targets.max_utilization <= 1))
    throw std::invalid_argument("plan targets: max utilization must be in (0, 1]");
  Scenario s = scaled_to_targets(scenario, targets);
  CapacityPlan plan;
  plan.targets = targets;
  const CapacityModel now = build_capacity_model(s, busiest_hour_full());
  for (const StationLoad& st : now.stations) plan.tiers.push_back(plan_tier(s, st, targets.max_utilization));
  for (const TierPlan& t : plan.tiers) set_servers(s, t.tier, t.servers_needed);
  plan.planned = build_capacity_model(s, busiest_hour_full());
  meet_latency(s, plan);
  plan.planned_scenario = s;
  plan.p99_ms = delivered_p99_ms(plan.planned);
  plan.p99_met = plan.p99_ms <= targets.p99_ms;
  const ClassLatency& d = *find_class(plan.planned, "delivered");
  plan.network_floor_ms = d.network_ms + d.device_crypto_ms;
  // An unloaded tier (headroom 0: nothing used) is never the bottleneck.
  auto key = [](const TierPlan& t) { return t.headroom > 0 ? t.headroom : std::numeric_limits<double>::infinity(); };
  const auto least = std::min_element(plan.tiers.begin(), plan.tiers.end(),
                                      [&](const TierPlan& a, const TierPlan& b) { return key(a) < key(b); });
  if (least != plan.tiers.end()) plan.bottleneck = least->tier;
  return plan;
}

}  // namespace whatsim
