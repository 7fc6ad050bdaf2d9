// whatsim: the command line. `whatsim run SCENARIO` simulates a scenario and writes its report
// (run_command.hpp); `whatsim check SCENARIO` runs it and judges the run for CI (check.hpp);
// `whatsim calibrate` measures crypto costs on this machine and writes them as a scenario (calibrate.hpp).
// Exit codes: 0 done; 2 bad input (scenario, flags) or a run that could not finish; check adds
// 1 for a check that failed. Bad input writes nothing: the output directory is touched only
// after the scenario validated, and files appear under their final names only once complete.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/calibrate.hpp"
#include "cli/check.hpp"
#include "cli/run_command.hpp"
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
    if (check_cmd->parsed()) return check_command(check, argv[0]);
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
