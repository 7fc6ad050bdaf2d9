// whatsim: the command line. `whatsim run SCENARIO` simulates a scenario and writes its report;
// `whatsim calibrate` measures crypto costs on this machine and writes them as a scenario (calibrate.hpp).
// Exit codes: 0 done; 2 bad input (scenario, flags) or a run that could not finish.
// Bad input writes nothing: the output directory is touched only after the scenario validated,
// and files appear under their final names only once complete.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analysis/run_report.hpp"
#include "cli/atomic_file.hpp"
#include "cli/calibrate.hpp"
#include "model/simulation.hpp"
#include "src/scenario/scenario_error.hpp"
#include "src/scenario/scenario_loader.hpp"

namespace fs = std::filesystem;
using namespace whatsim;

namespace {

constexpr int kExitBadInput = 2;

struct RunArgs {
  std::string scenario;
  std::string out_dir;
  std::vector<std::string> sets;
  long long seed = -1;
  std::string history;
};

// Write `text` to `path` via a temporary name, so a reader never sees a half-written file.
// A flag that must be a positive, finite number. (CLI11 2.1's PositiveNumber names DBL_MAX
// as its upper bound and lets "nan" through.)
CLI::Validator positive_number() {
  return CLI::Validator(
      [](std::string& text) {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        const bool positive = end != text.c_str() && *end == '\0' && std::isfinite(value) && value > 0;
        return positive ? std::string() : "must be a positive number, got " + text;
      },
      "POSITIVE");
}

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

int run_command(const RunArgs& args) {
  std::vector<std::string> sets = args.sets;
  if (args.seed >= 0) sets.push_back("simulation.seed=" + std::to_string(args.seed));
  const Scenario scenario = load_scenario(args.scenario, sets);
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
  const RunReport report = run_simulation(scenario, options);
  RunTiming timing;
  timing.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  timing.messages_per_wall_second = timing.wall_seconds > 0 ? report.messages.delivered / timing.wall_seconds : 0;
  timing.peak_rss_bytes = peak_rss_bytes();
  timing.rss_bytes_per_user = static_cast<double>(timing.peak_rss_bytes) / report.scale.users_simulated;

  if (history.is_open()) {
    history.close();
    fs::rename(history_path.string() + ".tmp", history_path);
  }
  write_file_atomically(out / "report.json", to_json(report).dump(2) + "\n");
  write_file_atomically(out / "run.json", to_json(timing).dump(2) + "\n");
  write_file_atomically(out / "report.md", to_markdown(report, timing));
  std::cout << "report: " << (out / "report.md").string() << " (and report.json, run.json)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"whatsim: a discrete-event capacity model of a WhatsApp-style messaging system"};
  app.require_subcommand(1);
  RunArgs run;
  CLI::App* run_cmd = app.add_subcommand("run", "simulate a scenario and write report.json, report.md and run.json");
  run_cmd->add_option("scenario", run.scenario, "scenario JSON file")->required();
  run_cmd->add_option("--out", run.out_dir, "output directory (default out/<scenario name>)");
  run_cmd->add_option("--seed", run.seed, "random seed (overrides simulation.seed)")->check(CLI::NonNegativeNumber);
  run_cmd->add_option("--set", run.sets, "override a scenario value, e.g. deployment.chat_servers=300 (repeatable)");
  run_cmd->add_option("--history", run.history, "write every message's lifecycle as CSV to this file");
  CalibrateArgs calibrate;
  CLI::App* calibrate_cmd = app.add_subcommand(
      "calibrate", "measure X25519, Ed25519, AES-CBC, AES-GCM, HMAC and SHA-256 here (OpenSSL), write them as a scenario");
  calibrate_cmd->add_option("--seconds", calibrate.seconds, "wall seconds spent measuring each operation (default 0.5)")
      ->check(positive_number());
  calibrate_cmd->add_option("--clock-ghz", calibrate.clock_ghz,
                            "clock that turns time into cycles (default: cpufreq's maximum, else /proc/cpuinfo)")
      ->check(positive_number());
  calibrate_cmd->add_option("--out", calibrate.out, "file to write (default calibrated.json), replaced whole");
  calibrate_cmd->add_option("--extends", calibrate.extends,
                            "parent scenario: the output extends it and is a runnable scenario (checked before writing)");
  calibrate_cmd->footer(
      "It measures the machine it runs on: the figures, and the date in the description, differ from run to run "
      "(unlike `whatsim run`, which one seed makes byte-identical).");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "whatsim: error: " << e.what() << " (see whatsim --help)\n";
    return kExitBadInput;
  }
  try {
    if (run_cmd->parsed()) return run_command(run);
    if (calibrate_cmd->parsed()) return calibrate_command(calibrate);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "whatsim: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitBadInput;
}
