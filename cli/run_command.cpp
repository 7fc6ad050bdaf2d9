// `whatsim run`: see run_command.hpp.
#include "cli/run_command.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <utility>

#include "analysis/example_timeline.hpp"
#include "analysis/timeline_plot.hpp"
#include "cli/atomic_file.hpp"
#include "model/simulation.hpp"
#include "src/scenario/scenario_loader.hpp"

namespace whatsim {

namespace {

namespace fs = std::filesystem;

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

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

}  // namespace

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
  nlohmann::ordered_json report_json = to_json(report);
  write_file_atomically(out / "report.json", report_json.dump(2) + "\n");
  write_file_atomically(out / "run.json", to_json(timing).dump(2) + "\n");
  // Throughput, availability and latency over simulated time, fault windows shaded. A missing
  // gnuplot costs the figure, not the run.
  std::string markdown = to_markdown(report, timing);
  std::string plot_error;
  if (write_timeline_plot(report.availability, report.scenario_name, out, &plot_error)) {
    markdown += "\n## Timeline\n\n![Throughput, availability and send-to-ack latency over simulated time; fault "
                "windows shaded](timeline.png)\n\nVector version: [timeline.svg](timeline.svg).\n";
  } else {
    std::cerr << "whatsim: warning: no timeline plot: " << plot_error << "\n";
  }
  write_file_atomically(out / "report.md", markdown);

  std::cout << "report: " << (out / "report.md").string() << " (and report.json, run.json)\n";
  return CompletedRun{scenario, std::move(report), std::move(report_json), out};
}

int run_command(const RunArgs& args) {
  simulate_and_write(load_run_scenario(args), args);
  return 0;
}

}  // namespace whatsim
