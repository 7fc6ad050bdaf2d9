#pragma once
// How the analytic model and a capacity plan are written: plan.json (stable, byte-identical
// for one scenario) and the Markdown of `whatsim plan`'s report.md. The figures are linked
// by the caller (plan_command.cpp), which draws them.
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/capacity_plan.hpp"
#include "analysis/load_curve.hpp"
#include "analysis/run_report.hpp"

namespace whatsim {

nlohmann::ordered_json to_json(const CapacityModel& model);
nlohmann::ordered_json to_json(const CapacityPlan& plan, const LoadCurve& curve);

// The plan for people: targets and whether they are met, servers per tier with their binding
// resource and headroom, modeled latency, the knee of the load curve, storage and bandwidth,
// and the model's assumptions.
std::string plan_markdown(const std::string& scenario_name, const CapacityPlan& plan, const LoadCurve& curve);

// A run's capacity section: the scenario's targets against what the run measured, and per
// tier the servers, simulated utilization and the model's binding resource.
std::string run_capacity_markdown(const Scenario& scenario, const CapacityModel& model, const RunReport& report);

// The assumptions the analytic model makes, one sentence each (the report lists them).
const std::vector<std::string>& model_assumptions();

}  // namespace whatsim
