#pragma once
// `whatsim calibrate`: measures what the cryptographic operations the model charges for cost
// on the machine it runs on (X25519, Ed25519, AES-256-CBC, AES-256-GCM, HMAC-SHA256 and
// SHA-256, with OpenSSL's libcrypto), and writes them as a scenario fragment: one device
// profile (phone.profiles) and the servers' transport costs (crypto.transport). Scenarios
// can then take their crypto costs from a measurement instead of a table.
//
// Each operation runs for about --seconds of wall time; its CPU time (which other processes
// do not inflate) becomes cycles through the machine's clock (--clock-ghz, else cpufreq's
// maximum, else /proc/cpuinfo), so the figures are "cycles at this clock", as scenarios use them.
// It measures the machine, so unlike `whatsim run` its output differs from run to run.
// A tool of the command line, not protocol logic: it lives in cli/, outside src/.
#include <string>

namespace whatsim {

struct CalibrateArgs {
  double seconds = 0.5;                 // wall time spent measuring each operation
  double clock_ghz = 0;                 // 0: read the machine's clock
  std::string out = "calibrated.json";  // replaced atomically, written only on success
  // A parent scenario, as a path from the working directory. The output then "extends" it
  // (by a path relative to the output file) and is itself a runnable scenario.
  std::string extends;
};

// Measures, prints a table to stdout and writes args.out. Returns 0; throws
// std::runtime_error (ScenarioError when the output with --extends does not load as a
// scenario) before anything is written.
int calibrate_command(const CalibrateArgs& args);

}  // namespace whatsim
