// `whatsim sweep`: see sweep_command.hpp.
#include "cli/sweep_command.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/atomic_file.hpp"
#include "analysis/html_report.hpp"
#include "analysis/sweep_aggregate.hpp"
#include "analysis/sweep_grid.hpp"
#include "analysis/sweep_plots.hpp"
#include "analysis/sweep_report.hpp"
#include "analysis/sweep_stopping.hpp"
#include "cli/report_figures.hpp"
#include "cli/sweep_runner.hpp"
#include "src/scenario/scenario_loader.hpp"

namespace whatsim {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr double kConfidence = 0.95;
constexpr int kExitDone = 0;
constexpr int kExitRunsFailed = 1;
// The figures an architect asks about first: one check and two checks at the tail, and the
// tier that holds the connections.
const std::vector<std::string> kDefaultMetrics = {"/latency_ms/server_ack/p99", "/latency_ms/delivered/p99",
                                                  "/tiers/chat_server/cpu_utilization_mean"};
constexpr const char* kSeedPath = "simulation.seed";
constexpr const char* kGridFile = "grid.json";
constexpr const char* kSlurmFile = "sweep.slurm";
constexpr const char* kParallelPackage = "parallel";

// Everything a sweep needs, checked: nothing in it can make a run fail as bad input.
struct SweepPlan {
  SweepDefinition definition;
  std::vector<Variant> variants;
  RunTemplate run;
  fs::path out_dir;
  std::vector<std::string> metrics;
  std::optional<WidthTarget> width_target;
  std::size_t jobs = 1;
  std::string scenario_name;
};

void check_flags(const SweepArgs& args, const std::vector<VariedParameter>& vary) {
  if (!std::isfinite(args.ci_width_percent) || args.ci_width_percent < 0)
    throw std::invalid_argument("--ci-width must be a positive number of percent");
  for (const VariedParameter& p : vary)
    if (p.path == kSeedPath)
      throw std::invalid_argument(std::string("--vary ") + kSeedPath +
                                  ": the replications set the seed (give the base seed with --seed)");
  for (const std::string& metric : args.metrics)
    if (metric.empty() || metric.front() != '/')
      throw std::invalid_argument("--metric " + metric +
                                  ": a figure is named by its JSON pointer in report.json, e.g. /latency_ms/delivered/p99");
  if (args.ci_width_percent > 0 && args.max_replications < args.replications)
    throw std::invalid_argument("--max-replications " + std::to_string(args.max_replications) +
                                " is below --replications " + std::to_string(args.replications));
  if (!args.sshloginfile.empty() && !std::ifstream(args.sshloginfile))
    throw std::invalid_argument("--sshloginfile " + args.sshloginfile + ": cannot read it");
  if (!args.emit_slurm && !on_path("parallel"))
    throw std::invalid_argument(std::string("GNU parallel not found on PATH (install the Debian package ") +
                                kParallelPackage + ", or use --emit-slurm)");
}

std::vector<std::string> with_seed(std::vector<std::string> sets, std::uint64_t seed) {
  sets.push_back(std::string(kSeedPath) + "=" + std::to_string(seed));
  return sets;
}

// Loads every variant as its runs will, so a bad path or value is refused before any run.
void check_variants(const SweepArgs& args, const std::vector<Variant>& variants, std::uint64_t base_seed) {
  for (const Variant& v : variants) {
    std::vector<std::string> sets = args.sets;
    for (const std::string& set : v.set_arguments()) sets.push_back(set);
    try {
      load_scenario(args.scenario, with_seed(sets, base_seed));
    } catch (const ScenarioError& e) {
      throw ScenarioError(e.file, e.path, e.problem + " (in sweep variant " + v.id + ")");
    }
  }
}

fs::path this_executable() { return fs::read_symlink("/proc/self/exe"); }

SweepPlan plan_sweep(const SweepArgs& args) {
  SweepPlan plan;
  const std::vector<VariedParameter> vary = parse_varies(args.vary);
  check_flags(args, vary);
  std::vector<std::string> base_sets = args.sets;
  if (args.seed >= 0) base_sets.push_back(std::string(kSeedPath) + "=" + std::to_string(args.seed));
  const Scenario base = load_scenario(args.scenario, base_sets);
  plan.scenario_name = base.name;
  plan.definition = SweepDefinition{args.scenario, vary, args.replications, kConfidence, base.simulation.seed};
  plan.variants = sweep_variants(vary);
  check_variants(args, plan.variants, base.simulation.seed);
  plan.run = RunTemplate{this_executable(), fs::absolute(args.scenario), args.sets};
  plan.out_dir = args.out_dir.empty() ? fs::path("out") / (base.name + "-sweep") : fs::path(args.out_dir);
  plan.metrics = args.metrics.empty() ? kDefaultMetrics : args.metrics;
  if (args.ci_width_percent > 0) plan.width_target = WidthTarget{args.ci_width_percent, args.max_replications};
  plan.jobs = args.jobs > 0 ? args.jobs : available_processors();
  return plan;
}

// What makes two sweeps' runs interchangeable: the same scenario, settings and seeds.
Json grid_identity(const SweepPlan& plan) {
  Json vary = Json::object();
  for (const VariedParameter& p : plan.definition.vary) vary[p.path] = p.values;
  return Json{{"scenario", plan.run.scenario.string()},
              {"sets", plan.run.sets},
              {"vary", vary},
              {"base_seed", plan.definition.base_seed}};
}

// Resuming in a directory that holds another sweep's runs would mix them: refused.
void claim_out_dir(const SweepPlan& plan) {
  const fs::path file = plan.out_dir / kGridFile;
  const Json identity = grid_identity(plan);
  std::ifstream in(file);
  if (in) {
    Json existing;
    try {
      existing = Json::parse(in);
    } catch (const nlohmann::json::parse_error&) {
    }
    if (existing != identity)
      throw std::invalid_argument(plan.out_dir.string() + " holds another sweep (" + file.string() +
                                  " differs: other scenario, --set, --vary or seed): give another --out");
    return;
  }
  write_file_atomically(file, identity.dump(2) + "\n");
}

// A variant's replications: as asked, or more when --ci-width added some in an earlier
// invocation (their finished runs count).
std::size_t replications_on_disk(const SweepPlan& plan, const Variant& v, std::size_t asked) {
  std::size_t highest = asked;
  const fs::path runs = plan.out_dir / "runs";
  if (!fs::is_directory(runs)) return highest;
  const std::string prefix = v.id + "-r";
  for (const fs::directory_entry& entry : fs::directory_iterator(runs)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size()) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || !run_finished(entry.path())) continue;
    highest = std::max<std::size_t>(highest, std::stoul(digits));
  }
  return highest;
}

SweepJob job_for(const SweepPlan& plan, const Variant& v, std::size_t replication) {
  const fs::path dir = fs::absolute(run_dir(plan.out_dir, v, replication));
  return SweepJob{job_line(plan.run, v, replication_seed(plan.definition.base_seed, replication), dir), dir};
}

// The unfinished runs among replications first..last of each variant.
std::vector<SweepJob> unfinished_jobs(const SweepPlan& plan, const std::vector<std::size_t>& first,
                                      const std::vector<std::size_t>& last) {
  std::vector<SweepJob> jobs;
  for (std::size_t i = 0; i < plan.variants.size(); ++i)
    for (std::size_t r = first[i]; r <= last[i]; ++r)
      if (!run_finished(run_dir(plan.out_dir, plan.variants[i], r))) jobs.push_back(job_for(plan, plan.variants[i], r));
  return jobs;
}

void emit_slurm(const SweepPlan& plan, const std::vector<SweepJob>& jobs) {
  const fs::path out = fs::absolute(plan.out_dir);
  const fs::path jobs_file = write_jobs_file(plan.out_dir, jobs);
  write_file_atomically(plan.out_dir / kSlurmFile,
                        slurm_array_script(fs::absolute(jobs_file), jobs.size(), "whatsim-" + plan.scenario_name, out));
  std::cout << "sweep: wrote " << (plan.out_dir / kSlurmFile).string() << " (" << jobs.size()
            << " array tasks, one per line of " << jobs_file.string() << ")\n"
            << "submit it with: sbatch " << (plan.out_dir / kSlurmFile).string() << "\n"
            << "when the array job has ended, run this whatsim sweep command again: it skips the finished runs "
               "and aggregates them\n";
}

// Runs `jobs` (or, with --emit-slurm, writes them for Slurm). Returns false when it only wrote
// the Slurm script. A run directory without report.json holds an interrupted or failed
// attempt: it is cleared, so a directory appearing means its run has started. (Only a
// directory: whatever else is in a run's place is left for its run to fail on, and be listed.)
bool run_jobs(const SweepPlan& plan, const SweepArgs& args, const std::vector<SweepJob>& jobs, bool later_round) {
  if (jobs.empty()) {
    write_jobs_file(plan.out_dir, jobs);  // jobs.txt always lists what is left to run
    return true;
  }
  if (args.emit_slurm) {
    emit_slurm(plan, jobs);
    return false;
  }
  for (const SweepJob& job : jobs)
    if (fs::is_directory(job.run_dir)) fs::remove_all(job.run_dir);
  run_with_parallel(jobs, ParallelOptions{plan.out_dir, plan.jobs, args.sshloginfile, later_round});
  return true;
}

std::vector<VariantResult> aggregate_all(const SweepPlan& plan, const std::vector<std::size_t>& replications) {
  std::vector<VariantResult> results;
  for (std::size_t i = 0; i < plan.variants.size(); ++i)
    results.push_back(aggregate_variant(plan.out_dir, plan.variants[i], replications[i], kConfidence));
  return results;
}

std::vector<std::string> failed_runs(const SweepPlan& plan, const std::vector<std::size_t>& replications) {
  std::vector<std::string> failed;
  for (std::size_t i = 0; i < plan.variants.size(); ++i)
    for (std::size_t r = 1; r <= replications[i]; ++r)
      if (!run_finished(run_dir(plan.out_dir, plan.variants[i], r)))
        failed.push_back((fs::path("runs") / run_name(plan.variants[i], r)).generic_string());
  return failed;
}

std::size_t total(const std::vector<std::size_t>& counts) {
  std::size_t sum = 0;
  for (std::size_t c : counts) sum += c;
  return sum;
}

// --ci-width: rounds of added replications until every variant meets the width target or
// reaches the maximum. Returns false when it only wrote a Slurm script for a round.
bool widen_until_narrow(const SweepPlan& plan, const SweepArgs& args, std::vector<std::size_t>& replications,
                        std::vector<VariantResult>& results) {
  for (int round = 2; plan.width_target; ++round) {
    std::vector<const FigureSummary*> metric;
    for (const VariantResult& r : results) metric.push_back(r.find(plan.metrics.front()));
    const std::vector<std::size_t> added = next_round(metric, replications, *plan.width_target, plan.jobs);
    if (total(added) == 0) return true;
    std::vector<std::size_t> first(replications.size());
    for (std::size_t i = 0; i < replications.size(); ++i) {
      first[i] = replications[i] + 1;
      replications[i] += added[i];
    }
    std::cout << "sweep: round " << round << ": " << counted(total(added), "more replication")
              << " where the interval of " << plan.metrics.front() << " is wider than " << plan.width_target->percent
              << " % of its mean" << std::endl;
    if (!run_jobs(plan, args, unfinished_jobs(plan, first, replications), true)) return false;
    results = aggregate_all(plan, replications);
  }
  return true;
}

// Draws each metric against each varied parameter and adds it to the report.
void append_plots(std::string& markdown, const SweepPlan& plan, const std::vector<VariantResult>& results) {
  for (std::size_t m = 0; m < plan.metrics.size(); ++m) {
    for (std::size_t p = 0; p < plan.definition.vary.size(); ++p) {
      const std::string& path = plan.definition.vary[p].path;
      const std::string stem = sweep_plot_stem(plan.metrics[m], m, path, p);
      const std::string png = stem + ".png";
      const std::string svg = stem + ".svg";
      std::string error;
      const bool drawn = write_sweep_plot(plan.definition, results, plan.metrics[m], p, plan.out_dir, stem, &error);
      append_figure(markdown,
                    {plan.metrics[m] + " by " + path,
                     "Mean of " + plan.metrics[m] + " against " + path + ", with its 95 % confidence interval",
                     png.c_str(), svg.c_str()},
                    drawn, error);
    }
  }
}

void write_outputs(const SweepPlan& plan, const SweepArgs& args, const std::vector<VariantResult>& results,
                   const SweepReportNotes& notes) {
  write_file_atomically(plan.out_dir / "sweep.json", sweep_json(plan.definition, results).dump(2) + "\n");
  write_file_atomically(plan.out_dir / "sweep.csv", sweep_csv(plan.definition, results));
  std::string markdown = sweep_markdown(plan.definition, results, notes);
  if (args.plots) append_plots(markdown, plan, results);
  write_file_atomically(plan.out_dir / "sweep.md", markdown);
  std::string html_error;
  if (!write_html_report(plan.out_dir / "sweep.md", "whatsim sweep: " + plan.scenario_name, &html_error))
    std::cerr << "whatsim: warning: no sweep.html: " << html_error << "\n";
}

void print_summary(const SweepPlan& plan, const std::vector<VariantResult>& results,
                   const std::vector<std::string>& failed) {
  for (const VariantResult& r : results) {
    std::cout << r.variant.id;
    for (const Setting& s : r.variant.settings) std::cout << " " << s.path << "=" << s.value;
    std::cout << ": " << plan.metrics.front() << " " << metric_cell(r.find(plan.metrics.front())) << "\n";
  }
  for (const std::string& run : failed)
    std::cerr << "sweep: run failed (no report.json): " << (plan.out_dir / run).string() << "\n";
  if (!failed.empty()) std::cerr << "sweep: " << counted(failed.size(), "run") << " failed; the others are aggregated\n";
  std::cout << "report: " << (plan.out_dir / "sweep.md").string() << " (and sweep.html, sweep.json, sweep.csv)\n";
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "sweep", "run a grid of variants x replications (GNU parallel or Slurm), report each figure's mean and 95% interval");
  cmd->add_option("scenario", args.scenario, "scenario JSON file")->required();
  cmd->add_option("--vary", args.vary, "PATH=V1,V2,...: a scenario value and the values it takes (repeatable: every combination)")
      ->required();
  cmd->add_option("--set", args.sets, "override a scenario value in every run, e.g. population.users=500 (repeatable)");
  cmd->add_option("--seed", args.seed, "base seed: replication r runs with seed + r - 1 (default simulation.seed)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--replications", args.replications, "runs per variant (default 5)")->check(CLI::Range(1, 1000000));
  cmd->add_option("--jobs", args.jobs, "runs at a time (default: the processors available)")->check(CLI::Range(1, 1000000));
  cmd->add_option("--out", args.out_dir, "output directory (default out/<scenario name>-sweep)");
  cmd->add_option("--metric", args.metrics, "figure for the report and plots, as its JSON pointer (repeatable; "
                  "default /latency_ms/server_ack/p99, /latency_ms/delivered/p99, /tiers/chat_server/cpu_utilization_mean)");
  CLI::Option* hosts = cmd->add_option("--sshloginfile", args.sshloginfile,
                                       "hosts for GNU parallel (they must share the file system)");
  cmd->add_flag("--emit-slurm", args.emit_slurm, "write jobs.txt and a Slurm array script (sweep.slurm) instead of running")
      ->excludes(hosts);
  CLI::Option* width = cmd->add_option("--ci-width", args.ci_width_percent,
                                       "add replications until the first metric's half-width is at most PCT % of its mean")
                           ->check(CLI::PositiveNumber);
  cmd->add_option("--max-replications", args.max_replications, "--ci-width's most replications per variant (default 20)")
      ->check(CLI::Range(1, 1000000))
      ->needs(width);
  cmd->add_flag("!--no-plots", args.plots, "skip the gnuplot figures");
  cmd->footer("Exit 0: done. 1: some runs failed (the others are aggregated). 2: bad input, nothing written.");
  return cmd;
}

int sweep_command(const SweepArgs& args) {
  const SweepPlan plan = plan_sweep(args);
  claim_out_dir(plan);
  std::vector<std::size_t> replications;
  for (const Variant& v : plan.variants) replications.push_back(replications_on_disk(plan, v, args.replications));
  const std::vector<SweepJob> jobs = unfinished_jobs(plan, std::vector<std::size_t>(replications.size(), 1), replications);
  const std::size_t runs = total(replications);
  std::cout << "sweep: " << counted(plan.variants.size(), "variant") << " x " << counted(args.replications, "replication")
            << ", " << counted(runs, "run") << ": skipping " << runs - jobs.size() << " finished runs, " << jobs.size()
            << " to run" << std::endl;  // flushed: it comes before the runs' progress in a log
  if (!run_jobs(plan, args, jobs, false)) return kExitDone;
  std::vector<VariantResult> results = aggregate_all(plan, replications);
  if (!widen_until_narrow(plan, args, replications, results)) return kExitDone;
  const std::vector<std::string> failed = failed_runs(plan, replications);
  write_outputs(plan, args, results, SweepReportNotes{plan.metrics, plan.width_target, failed});
  print_summary(plan, results, failed);
  return failed.empty() ? kExitDone : kExitRunsFailed;
}

}  // namespace whatsim
