#pragma once
// Capacity planning on the analytic model: how many servers each tier needs for a target
// population and message rate at the busiest hour, so that no resource of any server (CPU,
// memory, NIC, disk, and the design's connections per chat server) is above a utilization
// ceiling and the modeled 99th percentile of delivery meets its target.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/capacity_model.hpp"

namespace whatsim {

struct PlanTargets {
  double users = 0;             // of the full deployment
  double messages_per_day = 0;  // whole deployment, a day's mean (the diurnal profile shapes the hours)
  double max_utilization = 0;   // of any server resource at the busiest hour, 0..1
  double p99_ms = 0;            // modeled 99th percentile of the delivered class
};

// The scenario's own targets: its population, messages per user per day, and "targets" section.
PlanTargets scenario_targets(const Scenario& s);

// One resource of a tier: how many servers it alone would need.
struct ResourceNeed {
  std::string resource;  // cpu, memory, nic, disk, connections
  double demand = 0;     // whole tier, in the resource's unit (cycles/s, bytes, bits/s, bytes/s, connections)
  double per_server_capacity = 0;
  std::uint32_t servers = 0;  // ceil(demand / (max_utilization · capacity)), at least 1
};

struct TierPlan {
  std::string tier;
  std::uint32_t servers_now = 0;     // in the scenario
  std::uint32_t servers_needed = 0;  // the plan
  std::string binding;               // the resource that needs the most servers
  double utilization_now = 0;        // binding resource's share used with servers_now
  double utilization_planned = 0;    // the same with servers_needed
  double headroom = 0;               // load factor the scenario's servers carry before the binding
                                     // resource reaches max_utilization (below 1: too few servers)
  std::vector<ResourceNeed> needs;
};

struct CapacityPlan {
  PlanTargets targets;
  std::vector<TierPlan> tiers;
  std::string bottleneck;    // the tier with the least headroom
  CapacityModel planned;     // the model of the planned deployment at the busiest hour
  Scenario planned_scenario;  // the scenario at the targets, with the planned server counts
  double p99_ms = 0;         // modeled delivery p99 of the planned deployment
  bool p99_met = false;
  double network_floor_ms = 0;  // delivery's network time alone: no server count brings p99 below it
};

// Throws std::invalid_argument when a target is not positive or the utilization ceiling is not in (0, 1].
CapacityPlan plan_capacity(const Scenario& scenario, const PlanTargets& targets);

// The scenario with its population and per-user rate set to the targets' (what is planned for).
Scenario scaled_to_targets(const Scenario& scenario, const PlanTargets& targets);

}  // namespace whatsim
