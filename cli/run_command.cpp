// `whatsim run`: see run_command.hpp.
#include "cli/run_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "analysis/atomic_file.hpp"
#include "analysis/capacity_plots.hpp"
#include "analysis/example_timeline.hpp"
#include "analysis/full_deployment.hpp"
#include "analysis/html_report.hpp"
#include "analysis/model_comparison.hpp"
#include "analysis/plan_report.hpp"
#include "analysis/timeline_plot.hpp"
#include "cli/peak_rss.hpp"
#include "cli/report_figures.hpp"
#include "model/simulation.hpp"
#include "src/scenario/scenario_loader.hpp"

namespace whatsim {

namespace {

namespace fs = std::filesystem;

// A progress line on stderr, only when a person is watching it.
std::function<void(double, double)> progress_line(double duration_s) {
  if (!isatty(STDERR_FILENO)) return {};
  return [duration_s](double sim_s, double wall_s) {
    const double done = sim_s / duration_s;
    const double eta_s = done > 0 ? wall_s * (1 - done) / done : 0;
    std::fprintf(stderr, "\r[whatsim] simulated %.0f/%.0f s (%3.0f%%)  wall %.1f s  %.1fx  ETA %.0f s   ", sim_s,
                 duration_s, done * 100, wall_s, wall_s > 0 ? sim_s / wall_s : 0.0, eta_s);
    if (done >= 1) std::fprintf(stderr, "\n");
  };
}

// Classes that measured something, each as its distribution.
std::map<std::string, std::vector<CdfPoint>> latency_cdfs(const RunReport& report) {
  std::map<std::string, std::vector<CdfPoint>> out;
  for (const auto& [name, summary] : report.latency_ms)
    if (summary.count > 0) out[name] = summary.cdf;
  return out;
}

// The simulated tiers' CPU utilization beside the analytic model's (NaN where it has no such tier).
std::vector<UtilizationBar> utilization_bars(const RunReport& report, const CapacityModel& model) {
  std::vector<UtilizationBar> out;
  for (const TierReport& tier : report.tiers) {
    if (tier.servers == 0) continue;
    const StationLoad* modeled = find_station(model, tier.name);
    out.push_back({tier.name, modeled != nullptr ? modeled->cpu_utilization : std::numeric_limits<double>::quiet_NaN(),
                   tier.cpu_utilization_mean});
  }
  return out;
}

// The run's figures (timeline, latency CDF, utilization per tier), drawn into `out` and added to report.md.
void append_figures(std::string& markdown, const RunReport& report, const CapacityModel& model, const fs::path& out) {
  std::string error;
  bool drawn = write_timeline_plot(report.availability, report.scenario_name, out, &error);
  append_figure(markdown,
                {"Timeline",
                 "Throughput, availability, queue depth and send-to-ack latency over simulated time; fault windows "
                 "shaded",
                 kTimelinePngFile, kTimelineSvgFile},
                drawn, error);
  drawn = write_latency_cdf_plot(latency_cdfs(report), report.scenario_name + ": latency distribution", out, &error);
  append_figure(markdown,
                {"Latency distribution", "Share of samples at or below each latency, per class (log scale)",
                 kLatencyCdfPngFile, kLatencyCdfSvgFile},
                drawn, error);
  drawn = write_utilization_plot(utilization_bars(report, model), report.scenario_name + ": CPU utilization per tier", out,
                                 &error);
  append_figure(markdown,
                {"Utilization per tier", "Mean CPU utilization of each tier's servers over the measured window, "
                 "simulated and modeled",
                 kUtilizationPngFile, kUtilizationSvgFile},
                drawn, error);
}

}  // namespace

// The analytic model's figures, shared with `whatsim plan`: latency against load with its
// knee, and stored bytes over the retention window against the message service's RAM.
void append_model_figures(std::string& markdown, const Scenario& scenario, const CapacityModel& model,
                          const LoadCurve& curve, const fs::path& out) {
  std::string error;
  bool drawn = write_load_curve_plot(curve, scenario.name + ": latency against load (analytic model)", out, &error);
  append_figure(markdown,
                {"Latency versus load", "Modeled mean latency against messages per second, knee marked; bottleneck "
                 "utilization on the right axis", kLoadCurvePngFile, kLoadCurveSvgFile},
                drawn, error);
  const double ram_bytes = static_cast<double>(scenario.deployment.message_shards) *
                           scenario.profile(scenario.deployment.message_profile).ram_gb * 1e9;
  drawn = write_storage_growth_plot(model.storage, ram_bytes, scenario.name + ": message bodies over the retention window",
                                    out, &error);
  append_figure(markdown,
                {"Storage over the retention window", "Bodies stored by day if none were deleted, against the "
                 "message service's RAM", kStorageGrowthPngFile, kStorageGrowthSvgFile},
                drawn, error);
}

Scenario load_run_scenario(const RunArgs& args) {
  std::vector<std::string> sets = args.sets;
  if (args.seed >= 0) sets.push_back("simulation.seed=" + std::to_string(args.seed));
  return load_scenario(args.scenario, sets);
}

CompletedRun simulate_and_write(const Scenario& scenario, const RunArgs& args) {
  const fs::path out = args.out_dir.empty() ? fs::path("out") / scenario.name : fs::path(args.out_dir);
  fs::create_directories(out);

  std::ofstream history;
  const fs::path history_path = args.history.empty() ? fs::path() : fs::path(args.history);
  if (!args.history.empty()) {
    history.open(history_path.string() + ".tmp", std::ios::binary);
    if (!history) throw std::runtime_error("cannot write " + history_path.string() + ".tmp");
  }
  RunOptions options{args.scenario, args.history.empty() ? nullptr : &history,
                     progress_line(scenario.simulation.duration_s)};

  const auto wall_start = std::chrono::steady_clock::now();
  RunReport report = run_simulation(scenario, options);
  RunTiming timing;
  timing.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  timing.messages_per_wall_second = timing.wall_seconds > 0 ? report.messages.delivered / timing.wall_seconds : 0;
  timing.peak_rss_bytes = peak_rss_bytes();
  timing.rss_bytes_per_user = static_cast<double>(timing.peak_rss_bytes) / report.scale.users_simulated;

  if (history.is_open()) {
    history.close();
    fs::rename(history_path.string() + ".tmp", history_path);
    std::ifstream written(history_path);
    attach_timelines(written, report.consistency);  // each anomaly example gets its message's events
  }
  // The analytic model of the same deployment and hours, against what the run measured.
  const CapacityModel model = build_capacity_model(scenario, ModelOptions{});
  const ModelComparison comparison = compare_with_simulation(scenario, model, report);
  nlohmann::ordered_json report_json = to_json(report);
  report_json["model"] = to_json(model);
  report_json["model_comparison"] = to_json(comparison);
  const FullDeployment full = extrapolate_to_full(scenario, report);
  report_json["full_deployment"] = to_json(full);
  write_file_atomically(out / "report.json", report_json.dump(2) + "\n");
  write_file_atomically(out / "run.json", to_json(timing).dump(2) + "\n");
  std::string markdown = to_markdown(report, timing) + "\n" + full_deployment_markdown(full) +
                         run_capacity_markdown(scenario, model, report) + "\n" + comparison_markdown(comparison);
  append_figures(markdown, report, model, out);
  append_model_figures(markdown, scenario, model, sweep_load(scenario, model.options, kLoadCurvePoints), out);
  write_file_atomically(out / "report.md", markdown);
  // The same report for a browser, figures inlined; like a figure, it is not worth failing the run for.
  std::string html_error;
  if (!write_html_report(out / "report.md", "whatsim: " + report.scenario_name, &html_error))
    std::cerr << "whatsim: warning: no report.html: " << html_error << "\n";

  std::cout << "report: " << (out / "report.md").string() << " (and report.html, report.json, run.json)\n";
  return CompletedRun{scenario, std::move(report), std::move(report_json), out};
}

int run_command(const RunArgs& args) {
  simulate_and_write(load_run_scenario(args), args);
  return 0;
}

}  // namespace whatsim
