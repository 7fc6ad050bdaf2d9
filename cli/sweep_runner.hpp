#pragma once
// How `whatsim sweep` gets its runs done: one shell line per run in DIR/jobs.txt, run by GNU
// parallel here (or on several hosts with --sshloginfile, over a shared file system), or handed
// to Slurm as an array job. Each run is a separate whatsim process: a SimGrid engine cannot be
// reset, and separate processes are what parallel and Slurm spread over cores and hosts.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace whatsim {

// One run to do: its job line (sweep_grid's job_line) and its directory, where its report.json
// appears when it has finished.
struct SweepJob {
  std::string line;
  std::filesystem::path run_dir;
};

struct ParallelOptions {
  std::filesystem::path out_dir;  // the sweep's: jobs.txt and joblog.txt go there
  std::size_t jobs = 1;           // runs at a time (per host with an sshloginfile)
  std::string sshloginfile;       // empty: this host only
  bool append_joblog = false;     // later rounds of one sweep add to the first round's joblog
};

// Whether `program` is an executable file in a directory of $PATH.
bool on_path(const std::string& program);

// Writes out_dir/jobs.txt (one job line per run, replaced whole).
std::filesystem::path write_jobs_file(const std::filesystem::path& out_dir, const std::vector<SweepJob>& jobs);

// Runs jobs.txt with `parallel --jobs J --joblog DIR/joblog.txt --halt never` and waits for
// it, printing a progress line on stderr whenever the runs done or running change (polled
// about once a second; plain lines, for logs as well as terminals):
// `sweep: 4/12 runs done, 2 running, ETA 0:35`, the ETA from the mean duration of the runs
// finished so far. A failed run does not stop the others. Throws std::runtime_error when
// parallel cannot be started or was killed.
void run_with_parallel(const std::vector<SweepJob>& jobs, const ParallelOptions& options);

// A Slurm batch script whose array task i runs line i of `jobs_file` (`--array=1-count`),
// with each task's output in out_dir/slurm-<job>_<task>.out; the script is out_dir/sweep.slurm.
std::string slurm_array_script(const std::filesystem::path& jobs_file, std::size_t count, const std::string& name,
                               const std::filesystem::path& out_dir);

// The processors this process may run on (what `nproc` prints): --jobs' default.
std::size_t available_processors();

}  // namespace whatsim
