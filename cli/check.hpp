#pragma once
// `whatsim check SCENARIO`: the run as a test for CI. It runs the scenario like `whatsim
// run` (same flags, same files), then judges the run: every expectation of the scenario's
// `expect` block (analysis/expectations.hpp) and the consistency checker's verdict (every
// anomaly class the report counts must be 0). One line per check, PASS, FAIL or UNKNOWN,
// with the report's figure; then a summary.
//
// Exit codes, so CI can tell a broken design from a broken check (as Maelstrom does):
//   0  every check holds;
//   1  a check failed (even if another could not be decided: a failure is a finding);
//   2  the run could not decide: bad input (nothing is written), an exception or a crash
//      during the run, or an expectation whose figure the report does not have.
// When it does not pass it prints the seed, the command that replays the run (scenario path,
// --seed, every --set, quoted for a POSIX shell) and the checker's example anomalies.
// --junit FILE writes the checks as JUnit XML (analysis/junit_writer.hpp).
#include <string>

#include "cli/run_command.hpp"

namespace whatsim {

struct CheckArgs {
  RunArgs run;
  std::string junit;  // JUnit XML file, replaced atomically; empty: none
};

// `program` is how whatsim was invoked (argv[0]): the replay command starts with it.
// Returns the exit code. Throws ScenarioError for bad input (a malformed expectation names
// expect[i]) before anything is written. A run that throws or aborts is reported on stderr
// with the replay command and exits 2; a JUnit file that cannot be written throws.
int check_command(const CheckArgs& args, const std::string& program);

}  // namespace whatsim
