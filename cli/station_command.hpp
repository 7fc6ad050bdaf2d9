#pragma once
// `whatsim station`: the simulator's textbook cross-validation (issue 7). Simulates an
// M/M/c station (or, with --service deterministic, M/D/c) in independent replications and
// asks whether the closed-form M/M/c mean wait (analysis/queueing.hpp) lies inside the 95%
// confidence interval of the replications' mean waits. The closed form is always M/M/c: with
// deterministic service the comparison must fail, which shows the check can fail.
// Exit codes: 0 inside, 1 outside, 2 bad flags (whatsim.cpp turns a throw into 2).
#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace whatsim {

// Defaults sized so that at utilization 0.9 the interval's half-width stays below about 10%
// of the mean wait, and a run takes a few seconds at most in a Release build.
struct StationArgs {
  std::uint32_t servers = 0;        // required
  double utilization = 0;           // required, in (0, 1)
  std::string service = "exponential";
  std::uint32_t replications = 20;
  std::uint64_t customers = 20000;  // measured per replication, after the warm-up
  std::uint64_t warmup = 2000;      // discarded per replication; many relaxation times at 0.9
  std::uint64_t seed = 1;
  std::string json;                 // empty: no JSON file
};

// Adds the `station` subcommand and its flags (with their validators) to `app`.
CLI::App* add_station_command(CLI::App& app, StationArgs& args);

// Simulates, prints the comparison to stdout, writes args.json when given. Returns 0 when
// the closed form is inside the interval, 1 when outside. Throws std::invalid_argument on
// a configuration that cannot run, before anything is written.
int station_command(const StationArgs& args);

}  // namespace whatsim
