// `whatsim check`: see check.hpp.
#include "cli/check.hpp"

#include <unistd.h>

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/expectations.hpp"
#include "analysis/junit_writer.hpp"
#include "analysis/report_format.hpp"
#include "analysis/atomic_file.hpp"
#include "analysis/shell_quote.hpp"
#include "src/scenario/scenario_error.hpp"

namespace whatsim {

namespace {

constexpr int kExitPassed = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUndecided = 2;

// Printed before each check's text: the status padded to one width, then where it came from.
constexpr std::size_t kStatusWidth = 9;
constexpr std::size_t kSourceWidth = 11;

// One check and where it came from.
struct Check {
  bool from_checker = false;  // an anomaly class of the consistency checker, not an expectation
  std::string source;         // "expect[2]" or "checker"
  ExpectationResult result;
};

// A crash in the simulation (SimGrid aborts on an exception escaping an actor) decides
// nothing: it must not look like a verdict, and it is what most needs the replay command.
// The handler may only make async-signal-safe calls, so its message is composed beforehand.
std::string crash_message;

void exit_undecided_on_abort(int) {
  const ssize_t written = write(STDERR_FILENO, crash_message.data(), crash_message.size());
  (void)written;
  _exit(kExitUndecided);
}

// The run, with its failure to finish reported as undecided (with the replay command).
std::optional<CompletedRun> run_reporting_crashes(const Scenario& scenario, const CheckArgs& args,
                                                  const std::string& replay) {
  crash_message = "whatsim check: the run crashed (abort): undecided\nreplay: " + replay + "\n";
  std::signal(SIGABRT, exit_undecided_on_abort);
  try {
    CompletedRun run = simulate_and_write(scenario, args.run);
    std::signal(SIGABRT, SIG_DFL);
    return run;
  } catch (const std::exception& e) {
    std::signal(SIGABRT, SIG_DFL);
    std::cerr << "whatsim check: the run did not finish: " << e.what() << ": undecided\nreplay: " << replay << '\n';
    return std::nullopt;
  }
}

// Every expectation, parsed before anything runs: a malformed one is bad input.
std::vector<Expectation> parse_expectations(const Scenario& scenario, const std::string& file) {
  std::vector<Expectation> out;
  for (std::size_t i = 0; i < scenario.expect.size(); ++i) {
    try {
      out.push_back(parse_expectation(scenario.expect[i]));
    } catch (const std::invalid_argument& e) {
      throw ScenarioError(file, "expect[" + std::to_string(i) + "]", e.what());
    }
  }
  return out;
}

std::vector<Check> judge(const std::vector<Expectation>& expectations, const nlohmann::ordered_json& report) {
  std::vector<Check> checks;
  for (std::size_t i = 0; i < expectations.size(); ++i) {
    checks.push_back(Check{false, "expect[" + std::to_string(i) + "]", evaluate(expectations[i], report)});
  }
  for (const Expectation& anomaly_class : anomaly_expectations(report)) {
    checks.push_back(Check{true, "checker", evaluate(anomaly_class, report)});
  }
  return checks;
}

std::string replay_command(const std::string& program, const CheckArgs& args, std::uint64_t seed) {
  std::vector<std::string> words = {program, "check", args.run.scenario, "--seed", std::to_string(seed)};
  for (const std::string& set : args.run.sets) {
    words.push_back("--set");
    words.push_back(set);
  }
  return shell_command(words);
}

const char* status_of(const ExpectationResult& r) {
  if (!r.decided) return "UNKNOWN";
  return r.holds ? "PASS" : "FAIL";
}

// "actual 301.4", or why the figure is unknown.
std::string figure_of(const ExpectationResult& r) { return r.decided ? "actual " + r.message : r.message; }

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text;
}

void print_checks(std::ostream& out, const std::vector<Check>& checks) {
  for (const Check& c : checks) {
    out << padded(status_of(c.result), kStatusWidth) << padded(c.source, kSourceWidth) << c.result.text << "  ("
        << figure_of(c.result) << ")\n";
  }
}

std::string summary_of(Verdict verdict, const std::vector<Check>& checks) {
  std::size_t failed = 0;
  std::size_t undecided = 0;
  for (const Check& c : checks) {
    failed += c.result.decided && !c.result.holds ? 1 : 0;
    undecided += c.result.decided ? 0 : 1;
  }
  const std::string total = std::to_string(checks.size());
  switch (verdict) {
    case Verdict::holds: return "check passed: all " + total + " checks hold";
    case Verdict::fails:
      return "check FAILED: " + std::to_string(failed) + " of " + total + " checks failed" +
             (undecided > 0 ? ", " + std::to_string(undecided) + " undecided" : "");
    case Verdict::undecided:
      return "check UNDECIDED: " + std::to_string(undecided) + " of " + total + " checks could not be decided";
  }
  return "";
}

// The checker's first examples, with their timelines when the report has them.
std::string anomaly_examples(const ConsistencyCounts& consistency) {
  if (consistency.examples.empty()) return "";
  std::ostringstream out;
  out << "anomaly examples (report.json consistency.examples):\n";
  for (const Anomaly& a : consistency.examples) {
    out << "  " << a.kind << ": message " << a.id.device << ":" << a.id.counter << " (" << a.id.packed()
        << "), device " << a.device << ", t = " << report_format::fixed(a.time, 6) << " s: " << a.detail << '\n';
    for (const std::string& line : a.timeline) out << "    " << line << '\n';
  }
  return out.str();
}

JUnitCase junit_case(const std::string& scenario_name, const Check& c, const std::string& seed_and_replay) {
  JUnitCase out;
  out.classname = scenario_name + (c.from_checker ? ".checker" : ".expect");
  out.name = c.result.text;
  if (c.result.decided && c.result.holds) return out;
  out.outcome = c.result.decided ? JUnitCase::Outcome::failed : JUnitCase::Outcome::error;
  out.message = c.result.decided ? c.result.text + " does not hold: " + figure_of(c.result) : c.result.message;
  out.details = c.source + ": " + out.message + "\n" + seed_and_replay;
  return out;
}

void write_junit(const CheckArgs& args, const CompletedRun& run, const std::vector<Check>& checks,
                 const std::string& replay) {
  const std::string seed = std::to_string(run.report.seed);
  JUnitSuite suite;
  suite.name = run.scenario.name;
  suite.properties = {{"scenario", args.run.scenario}, {"seed", seed}, {"replay", replay}};
  const std::string seed_and_replay = "seed: " + seed + "\nreplay: " + replay;
  for (const Check& c : checks) suite.cases.push_back(junit_case(run.scenario.name, c, seed_and_replay));
  suite.system_out = anomaly_examples(run.report.consistency);
  write_file_atomically(args.junit, junit_xml(suite));
}

}  // namespace

int check_command(const CheckArgs& args, const std::string& program) {
  const Scenario scenario = load_run_scenario(args.run);
  const std::vector<Expectation> expectations = parse_expectations(scenario, args.run.scenario);

  const std::string replay = replay_command(program, args, scenario.simulation.seed);
  const std::optional<CompletedRun> completed = run_reporting_crashes(scenario, args, replay);
  if (!completed) return kExitUndecided;
  const CompletedRun& run = *completed;

  const std::vector<Check> checks = judge(expectations, run.report_json);
  std::vector<ExpectationResult> results;
  for (const Check& c : checks) results.push_back(c.result);
  const Verdict verdict = overall_verdict(results);
  if (!args.junit.empty()) write_junit(args, run, checks, replay);

  print_checks(std::cout, checks);
  std::cout << summary_of(verdict, checks) << '\n';
  if (verdict == Verdict::holds) return kExitPassed;
  std::cout << "seed: " << run.report.seed << "\nreplay: " << replay << '\n'
            << anomaly_examples(run.report.consistency);
  return verdict == Verdict::fails ? kExitFailed : kExitUndecided;
}

}  // namespace whatsim
