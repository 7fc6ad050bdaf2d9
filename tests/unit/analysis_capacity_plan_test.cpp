// Capacity planning, the latency-versus-load curve and its knee, and the model-versus-
// simulation comparison.
#include <cmath>
#include <filesystem>

#include <catch2/catch.hpp>

#include "analysis/capacity_plan.hpp"
#include "analysis/load_curve.hpp"
#include "analysis/model_comparison.hpp"
#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
namespace fs = std::filesystem;

namespace {

fs::path repo_root() { return fs::path(__FILE__).parent_path().parent_path().parent_path(); }
Scenario baseline(std::vector<std::string> sets = {}) {
  return load_scenario((repo_root() / "scenarios" / "baseline.json").string(), sets);
}
const TierPlan& tier(const CapacityPlan& p, const char* name) {
  for (const TierPlan& t : p.tiers)
    if (t.tier == name) return t;
  FAIL("no tier " << name);
  return p.tiers.front();
}

}  // namespace

TEST_CASE("seeds: 2B users at 10M connections per server need 200 chat servers", "[analysis][capacity-plan]") {
  const Scenario s = baseline();
  const CapacityPlan plan = plan_capacity(s, scenario_targets(s));
  const TierPlan& chat = tier(plan, "chat_server");
  CHECK(chat.servers_needed == 200);
  CHECK(chat.binding == "connections");
  // Twice the users: twice the chat servers.
  PlanTargets more = scenario_targets(s);
  more.users *= 2;
  more.messages_per_day *= 2;
  CHECK(tier(plan_capacity(s, more), "chat_server").servers_needed == 400);
}

TEST_CASE("plan: a lower utilization ceiling needs more servers of a CPU-bound tier", "[analysis][capacity-plan]") {
  const Scenario s = baseline({"groups.message_share=0", "groups.groups_per_user=0", "media.message_share=0"});
  PlanTargets loose = scenario_targets(s), tight = loose;
  tight.max_utilization = loose.max_utilization / 2;
  const CapacityPlan loose_plan = plan_capacity(s, loose), tight_plan = plan_capacity(s, tight);
  const TierPlan& a = tier(loose_plan, "websocket_manager");
  const TierPlan& b = tier(tight_plan, "websocket_manager");
  REQUIRE(a.binding == "cpu");
  CHECK(b.servers_needed >= 2 * a.servers_needed - 1);
  CHECK(b.servers_needed <= 2 * a.servers_needed + 1);
  CHECK(b.utilization_planned <= tight.max_utilization + 1e-9);
}

TEST_CASE("plan: every planned tier stays under the ceiling and the bottleneck has the least headroom", "[analysis][capacity-plan]") {
  const Scenario s = baseline();
  const CapacityPlan plan = plan_capacity(s, scenario_targets(s));
  double least = INFINITY;
  for (const TierPlan& t : plan.tiers) {
    const double limit = t.binding == "connections" ? 1.0 : plan.targets.max_utilization;
    if (t.binding != "latency") CHECK(t.utilization_planned <= limit + 1e-9);
    if (t.headroom > 0) least = std::min(least, t.headroom);
  }
  CHECK(tier(plan, plan.bottleneck.c_str()).headroom == Approx(least));
  CHECK(plan.planned.stable);
}

TEST_CASE("plan: an unreachable p99 target is reported with the network's floor", "[analysis][capacity-plan]") {
  const Scenario s = baseline();
  PlanTargets t = scenario_targets(s);
  t.p99_ms = 10;  // below the phones' access latency alone
  const CapacityPlan plan = plan_capacity(s, t);
  CHECK_FALSE(plan.p99_met);
  CHECK(plan.network_floor_ms > t.p99_ms);
  CHECK(plan.p99_ms >= plan.network_floor_ms);
}

TEST_CASE("plan: targets that are not positive are refused", "[analysis][capacity-plan]") {
  const Scenario s = baseline();
  PlanTargets t = scenario_targets(s);
  t.max_utilization = 1.5;
  CHECK_THROWS_WITH(plan_capacity(s, t), Catch::Contains("max utilization"));
  t = scenario_targets(s);
  t.users = 0;
  CHECK_THROWS_AS(plan_capacity(s, t), std::invalid_argument);
}

TEST_CASE("knee: the Kneedle point of a hand-made curve", "[analysis][load-curve]") {
  // Flat until x = 3, then steep: on normalized axes the farthest point below the chord is x = 3.
  const std::vector<double> load = {0, 1, 2, 3, 4, 5};
  const std::vector<double> latency = {10, 10.5, 11, 12, 20, 40};
  CHECK(find_knee(load, latency) == 3);
  CHECK(find_knee({0, 1}, {1, 2}) == 0);            // too few points
  CHECK(find_knee({0, 1, 2}, {5, 5, 5}) == 0);      // flat: no knee
}

TEST_CASE("load curve: the bottleneck's response rises with load up to its saturation", "[analysis][load-curve]") {
  ModelOptions o;
  o.size = ModelSize::full;
  o.peak_hour = true;
  const LoadCurve c = sweep_load(baseline(), o, 20);
  REQUIRE(c.points.size() == 20);
  // Latency need not rise at every step (more traffic keeps route caches warmer, saving
  // lookups), but the bottleneck's utilization does, and near saturation latency climbs.
  for (std::size_t i = 1; i < c.points.size(); ++i) {
    CHECK(c.points[i].bottleneck_utilization > c.points[i - 1].bottleneck_utilization);
    CHECK(c.points[i].bottleneck_response_ms > c.points[i - 1].bottleneck_response_ms);
  }
  // Past the knee the response climbs: the last point is well above the knee's.
  CHECK(c.points.back().bottleneck_response_ms > 2 * c.points[c.knee].bottleneck_response_ms);
  CHECK(c.points.back().bottleneck_utilization < 1);
  CHECK(c.points.back().bottleneck_utilization > 0.9);
  CHECK(c.knee > 0);
  CHECK(c.knee < c.points.size() - 1);
}

TEST_CASE("comparison: figures within tolerance agree, the others name an assumption", "[analysis][model-comparison]") {
  const Scenario s = baseline();
  CapacityModel model;
  StationLoad chat;
  chat.tier = "chat_server";
  chat.servers = 2;
  chat.cores = 1;
  chat.capacity_cores = 1;
  chat.frames_per_s = 10;
  chat.cpu_utilization = 0.50;
  chat.wait_s = 0.010;
  model.stations = {chat};
  ClassLatency ack;
  ack.name = "server_ack";
  ack.mean_ms = 100;
  model.classes = {ack};
  RunReport run;
  run.sim.simulated_seconds = 110;
  run.sim.warmup_seconds = 10;
  TierReport t;
  t.name = "chat_server";
  t.servers = 2;
  t.cores_per_server = 1;
  t.capacity_cores_per_server = 1;
  t.frames_measured = 2000;         // 10 per server per second over 100 s
  t.cpu_utilization_mean = 0.515;   // 1.5 points away: agrees
  t.queue_depth_mean = 0.2;         // 20 ms by Little's law: twice the model's wait
  run.tiers = {t};
  LatencySummary ack_run;
  ack_run.count = 100;
  ack_run.mean_ms = 130;  // 30 % away
  run.latency_ms["server_ack"] = ack_run;
  const ModelComparison c = compare_with_simulation(s, model, run);
  auto row = [&](const std::string& figure) {
    for (const ComparisonRow& r : c.rows)
      if (r.figure == figure) return r;
    FAIL("no row " << figure);
    return c.rows.front();
  };
  CHECK(row("cpu_utilization.chat_server").agrees);
  CHECK(row("frames_per_s_per_server.chat_server").simulated == Approx(10));
  CHECK_FALSE(row("wait_ms.chat_server").agrees);
  CHECK(row("wait_ms.chat_server").simulated == Approx(20));
  CHECK_FALSE(row("latency_ms.server_ack.mean").agrees);
  CHECK(row("latency_ms.server_ack.mean").broken_assumption.find("sessions") != std::string::npos);
  CHECK(row("cpu_utilization.chat_server").broken_assumption.empty());
  CHECK(c.disagreements == 3);  // the wait, the response it is part of, and the latency
}
