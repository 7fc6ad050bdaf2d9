#pragma once
// What a sweep runs: the scenario values it varies (`--vary PATH=V1,V2,...`), the variants
// (every combination of them), the replications of each with their seeds, where each run's
// files go, and the `whatsim run` command line of one run. Pure: no processes, no files;
// cli/sweep_command.cpp runs what this describes.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace whatsim {

// One `--vary`: a scenario path as --set takes it, and the values it takes in turn.
struct VariedParameter {
  std::string path;                 // deployment.chat_servers, deployment.regions[0].user_share
  std::vector<std::string> values;  // as text, handed to --set unchanged (so "4" is the number 4)
};

// "PATH=V1,V2,..." as one VariedParameter. Values cannot hold a comma (it separates them).
// Throws std::invalid_argument, one line naming the flag, when there is no '=', the path is
// empty or a value is empty ("a=1,,2", "a=").
VariedParameter parse_vary(const std::string& flag);

// Every --vary in the order given; also throws when a path is varied twice.
std::vector<VariedParameter> parse_varies(const std::vector<std::string>& flags);

struct Setting {
  std::string path;
  std::string value;
};

// One point of the grid: a value for every varied path.
struct Variant {
  std::string id;                 // "v01", "v02", ...: stable for one grid, so runs can resume
  std::vector<Setting> settings;  // one per varied path, in --vary order

  // The settings as --set arguments: "PATH=VALUE".
  std::vector<std::string> set_arguments() const;
};

// The cartesian product in the order given, the last --vary changing fastest: for
// `--vary a=1,2 --vary b=x,y`, v01 is a=1 b=x, v02 a=1 b=y, v03 a=2 b=x, v04 a=2 b=y.
std::vector<Variant> sweep_variants(const std::vector<VariedParameter>& parameters);

// "v" and the 1-based index zero-padded to the digits of `count`, at least two ("v01", "v007"),
// so ids sort in grid order.
std::string variant_id(std::size_t index, std::size_t count);

// The seed of replication `replication` (1-based) of every variant: base_seed, base_seed + 1,
// ... Replication r runs with the same seed in every variant (common random numbers): the
// variants then differ by what was varied, not by the luck of their draws, so a difference
// between them shows with fewer replications. Replication 1 is the scenario's own seed, so it
// is the run `whatsim run` would make.
std::uint64_t replication_seed(std::uint64_t base_seed, std::size_t replication);

// "v01-r01": the run's name, its directory under SWEEP_DIR/runs. Replications are padded to
// two digits whatever their count, so a name never changes when --ci-width adds replications.
std::string run_name(const Variant& variant, std::size_t replication);

// SWEEP_DIR/runs/<run_name>, relative when sweep_dir is.
std::filesystem::path run_dir(const std::filesystem::path& sweep_dir, const Variant& variant, std::size_t replication);

// What every run of a sweep shares.
struct RunTemplate {
  std::filesystem::path whatsim;   // the binary, absolute: jobs run from any directory and host
  std::filesystem::path scenario;  // absolute, for the same reason
  std::vector<std::string> sets;   // the sweep's own --set, applied before the variant's
};

// The arguments of one run: WHATSIM run SCENARIO --set S... --set PATH=V... --seed N --out DIR.
std::vector<std::string> run_arguments(const RunTemplate& run, const Variant& variant, std::uint64_t seed,
                                       const std::filesystem::path& out_dir);

// The same as one line for a shell (GNU parallel and Slurm run each job line with one).
std::string job_line(const RunTemplate& run, const Variant& variant, std::uint64_t seed,
                     const std::filesystem::path& out_dir);

}  // namespace whatsim
