// whatsim: the command line. `whatsim run SCENARIO` simulates a scenario and writes its report
// (run_command.hpp); `whatsim check SCENARIO` runs it and judges the run for CI (check.hpp);
// `whatsim calibrate` measures crypto costs on this machine and writes them as a scenario (calibrate.hpp);
// `whatsim station` checks the simulator against the M/M/c closed form (station_command.hpp);
// `whatsim compare` lists the figures that got worse between two reports or sweeps (compare_command.hpp);
// `whatsim sweep` runs a grid of variants and replications and reports confidence intervals (sweep_command.hpp).
// Exit codes: 0 done; 2 bad input (scenario, flags) or a run that could not finish; check (and station) add
// 1 for a check that failed. Bad input writes nothing: the output directory is touched only
// after the scenario validated, and files appear under their final names only once complete.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/calibrate.hpp"
#include "cli/check.hpp"
#include "cli/compare_command.hpp"
#include "cli/plan_command.hpp"
#include "cli/run_command.hpp"
#include "cli/station_command.hpp"
#include "cli/sweep_command.hpp"
#include "src/scenario/scenario_error.hpp"

using namespace whatsim;

namespace {

constexpr int kExitBadInput = 2;

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

// The flags `run` and `check` share: they run a scenario the same way.
void add_run_options(CLI::App* command, RunArgs& run) {
  command->add_option("scenario", run.scenario, "scenario JSON file")->required();
  command->add_option("--out", run.out_dir, "output directory (default out/<scenario name>)");
  command->add_option("--seed", run.seed, "random seed (overrides simulation.seed)")->check(CLI::NonNegativeNumber);
  command->add_option("--set", run.sets, "override a scenario value, e.g. deployment.chat_servers=300 (repeatable)");
  command->add_option("--history", run.history, "write every message's lifecycle as CSV to this file");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"whatsim: a discrete-event capacity model of a WhatsApp-style messaging system"};
  app.require_subcommand(1);
  RunArgs run;
  CLI::App* run_cmd = app.add_subcommand("run", "simulate a scenario and write report.json, report.md and run.json");
  add_run_options(run_cmd, run);
  CheckArgs check;
  CLI::App* check_cmd = app.add_subcommand(
      "check", "run a scenario like `run`, then check its `expect` block and the consistency checker's verdict");
  add_run_options(check_cmd, check.run);
  check_cmd->add_option("--junit", check.junit, "write the checks as JUnit XML to this file");
  check_cmd->footer(
      "Exit 0: every check holds. 1: a check failed (the seed and a command that replays the run are printed). "
      "2: undecided: bad input, a run that did not finish, or an expectation the report has no figure for.");
  PlanArgs plan;
  CLI::App* plan_cmd = app.add_subcommand(
      "plan", "size the full deployment with the analytic model: servers per tier, binding resources, headroom");
  plan_cmd->add_option("scenario", plan.scenario, "scenario JSON file")->required();
  plan_cmd->add_option("--out", plan.out_dir, "output directory (default out/<scenario name>-plan)");
  plan_cmd->add_option("--set", plan.sets, "override a scenario value, e.g. deployment.chat_servers=300 (repeatable)");
  plan_cmd->add_option("--target-users", plan.target_users, "users to plan for (default population.users)")
      ->check(positive_number());
  plan_cmd->add_option("--target-messages-per-day", plan.target_messages_per_day,
                       "messages per day to plan for (default users x traffic.messages_per_user_per_day)")
      ->check(positive_number());
  plan_cmd->add_option("--max-utilization", plan.max_utilization,
                       "highest share of any server resource at the busiest hour (default targets.max_utilization)")
      ->check(CLI::Range(0.0, 1.0))
      ->check(positive_number());
  plan_cmd->add_option("--p99-ms", plan.p99_ms, "delivery p99 target in ms (default targets.p99_ms)")->check(positive_number());
  plan_cmd->add_flag("!--no-plots", plan.plots, "skip the gnuplot figures");
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
  StationArgs station;
  CLI::App* station_cmd = add_station_command(app, station);
  CompareArgs compare;
  CLI::App* compare_cmd = add_compare_command(app, compare);
  SweepArgs sweep;
  CLI::App* sweep_cmd = add_sweep_command(app, sweep);

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
    if (check_cmd->parsed()) return check_command(check, argv[0]);
    if (plan_cmd->parsed()) return plan_command(plan);
    if (calibrate_cmd->parsed()) return calibrate_command(calibrate);
    if (station_cmd->parsed()) return station_command(station);
    if (compare_cmd->parsed()) return compare_command(compare);
    if (sweep_cmd->parsed()) return sweep_command(sweep);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "whatsim: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitBadInput;
}
