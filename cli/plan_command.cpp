// `whatsim plan`: see plan_command.hpp.
#include "cli/plan_command.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <limits>

#include "analysis/capacity_plan.hpp"
#include "analysis/capacity_plots.hpp"
#include "analysis/html_report.hpp"
#include "analysis/load_curve.hpp"
#include "analysis/plan_report.hpp"
#include "analysis/report_format.hpp"
#include "analysis/atomic_file.hpp"
#include "cli/peak_rss.hpp"
#include "cli/report_figures.hpp"
#include "cli/run_command.hpp"
#include "src/scenario/scenario_loader.hpp"

namespace whatsim {

namespace {

namespace fs = std::filesystem;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

PlanTargets targets_from(const Scenario& s, const PlanArgs& args) {
  PlanTargets t = scenario_targets(s);
  if (args.target_users > 0) {
    t.messages_per_day *= args.target_users / t.users;  // the same messages per user
    t.users = args.target_users;
  }
  if (args.target_messages_per_day > 0) t.messages_per_day = args.target_messages_per_day;
  if (args.max_utilization > 0) t.max_utilization = args.max_utilization;
  if (args.p99_ms > 0) t.p99_ms = args.p99_ms;
  return t;
}

void print_summary(const CapacityPlan& plan) {
  using namespace report_format;
  std::cout << "tier               now   needed  binding      headroom\n";
  for (const TierPlan& t : plan.tiers) {
    std::printf("%-18s %5u %8u  %-12s %s\n", t.tier.c_str(), t.servers_now, t.servers_needed, t.binding.c_str(),
                t.headroom > 0 ? (significant(t.headroom, 3) + "x").c_str() : "unloaded");
  }
  std::cout << "bottleneck: " << plan.bottleneck << "; delivery p99 " << ms(plan.p99_ms) << " ms (target "
            << ms(plan.targets.p99_ms) << " ms: " << (plan.p99_met ? "met" : "NOT met") << ")\n";
}

// The planned tiers' utilization (nothing simulated), then the model's figures.
void append_plan_figures(std::string& markdown, const CapacityPlan& plan, const LoadCurve& curve, const fs::path& out) {
  std::vector<UtilizationBar> bars;
  for (const StationLoad& st : plan.planned.stations)
    bars.push_back({st.tier, st.cpu_utilization, std::numeric_limits<double>::quiet_NaN()});
  std::string error;
  const bool drawn = write_utilization_plot(bars, plan.planned_scenario.name + ": planned CPU utilization per tier", out, &error);
  append_figure(markdown,
                {"Utilization per tier", "Modeled CPU utilization of each tier of the planned deployment at the busiest hour",
                 kUtilizationPngFile, kUtilizationSvgFile},
                drawn, error);
  append_model_figures(markdown, plan.planned_scenario, plan.planned, curve, out);
}

}  // namespace

int plan_command(const PlanArgs& args) {
  const auto wall_start = std::chrono::steady_clock::now();
  const Scenario scenario = load_scenario(args.scenario, args.sets);
  const auto model_start = std::chrono::steady_clock::now();
  const PlanTargets targets = targets_from(scenario, args);
  const CapacityPlan plan = plan_capacity(scenario, targets);
  ModelOptions busiest;
  busiest.size = ModelSize::full;
  busiest.peak_hour = true;
  const LoadCurve curve = sweep_load(plan.planned_scenario, busiest, kLoadCurvePoints);
  const double model_seconds = seconds_since(model_start);

  const fs::path out = args.out_dir.empty() ? fs::path("out") / (scenario.name + "-plan") : fs::path(args.out_dir);
  write_file_atomically(out / "plan.json", to_json(plan, curve).dump(2) + "\n");
  std::string markdown = plan_markdown(scenario.name, plan, curve);
  if (args.plots) append_plan_figures(markdown, plan, curve, out);
  write_file_atomically(out / "report.md", markdown);
  std::string html_error;
  if (!write_html_report(out / "report.md", "whatsim plan: " + scenario.name, &html_error))
    std::cerr << "whatsim: warning: no report.html: " << html_error << "\n";
  // Machine-dependent figures apart from plan.json, which one scenario keeps byte-identical.
  const nlohmann::ordered_json timing = {{"wall_seconds", seconds_since(wall_start)},
                                         {"model_seconds", model_seconds},
                                         {"peak_rss_bytes", peak_rss_bytes()}};
  write_file_atomically(out / "run.json", timing.dump(2) + "\n");
  print_summary(plan);
  std::cout << "report: " << (out / "report.md").string() << " (and report.html, plan.json, run.json)\n";
  return 0;
}

}  // namespace whatsim
