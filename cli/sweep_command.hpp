#pragma once
// `whatsim sweep SCENARIO --vary PATH=V1,V2,...`: what-if questions with error bars. Every
// combination of the varied values (a variant) runs R replications, each a separate `whatsim
// run` (GNU parallel here, several hosts with --sshloginfile, or a Slurm array with
// --emit-slurm); then every numeric report figure is averaged per variant with its 95 %
// confidence interval into sweep.json, sweep.csv, sweep.md and sweep.html (analysis/sweep_*).
//
// Everything is checked before anything runs (each variant's scenario is loaded here, so a
// bad path or value is the usual one-line error, exit 2, nothing written). A sweep resumes:
// a run whose report.json exists is not run again, so the same command after an interruption
// redoes only what was not finished, and after a Slurm array job aggregates what it ran.
// Exit codes: 0 done; 1 some runs failed (the others are aggregated, the failed listed);
// 2 bad input, GNU parallel missing, or DIR holding another sweep.
#include <cstddef>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace whatsim {

struct SweepArgs {
  std::string scenario;
  std::vector<std::string> vary;     // "PATH=V1,V2,...", at least one
  std::vector<std::string> sets;     // "PATH=VALUE", applied to every run before the variant's
  long long seed = -1;               // base seed; -1: the scenario's simulation.seed
  std::size_t replications = 5;      // per variant, before --ci-width adds any
  std::size_t jobs = 0;              // runs at a time; 0: the processors available (nproc)
  std::string out_dir;               // empty: out/<scenario name>-sweep
  std::vector<std::string> metrics;  // figures for sweep.md and the plots; empty: the defaults
  std::string sshloginfile;          // hosts for GNU parallel; empty: this host
  bool emit_slurm = false;           // write a Slurm array script instead of running
  double ci_width_percent = 0;       // 0: no sequential stopping
  std::size_t max_replications = 20;  // --ci-width's ceiling per variant
  bool plots = true;
};

// Adds the `sweep` subcommand and its flags to `app`.
CLI::App* add_sweep_command(CLI::App& app, SweepArgs& args);

// Runs the sweep; returns the exit code. Throws ScenarioError or std::invalid_argument for bad
// input before anything is written (whatsim.cpp turns them into exit code 2).
int sweep_command(const SweepArgs& args);

}  // namespace whatsim
