// How a sweep's runs get done: see sweep_runner.hpp.
#include "cli/sweep_runner.hpp"

#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "analysis/atomic_file.hpp"
#include "analysis/shell_quote.hpp"
#include "analysis/sweep_aggregate.hpp"

extern char** environ;

namespace whatsim {

namespace fs = std::filesystem;

namespace {

constexpr const char* kJobsFile = "jobs.txt";
constexpr const char* kJoblogFile = "joblog.txt";
constexpr auto kPollInterval = std::chrono::milliseconds(100);  // how soon the end of parallel is noticed
constexpr int kPollsPerProgress = 10;                             // progress about once a second
// Columns of parallel's joblog (tab-separated, after a header line).
constexpr std::size_t kJoblogRuntime = 3;
constexpr std::size_t kJoblogExitval = 6;
constexpr std::size_t kJoblogSignal = 7;
constexpr std::size_t kJoblogColumns = 9;
constexpr int kSecondsPerMinute = 60;
constexpr int kSecondsPerHour = 3600;

// What parallel's joblog says about the runs that ended.
struct Ended {
  std::size_t failed = 0;
  std::size_t succeeded = 0;
  double succeeded_runtime_s = 0;
};

std::vector<std::string> tab_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) fields.push_back(field);
  return fields;
}

// Reads the complete lines of the joblog (parallel may be writing the last one), after the
// header and the first `skip` entries (an earlier round's).
Ended read_joblog(const fs::path& file, std::size_t skip) {
  Ended ended;
  std::ifstream in(file);
  std::stringstream whole;
  whole << in.rdbuf();
  const std::string text = whole.str();
  std::istringstream lines(text.substr(0, text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1));
  std::string line;
  std::size_t entry = 0;
  while (std::getline(lines, line)) {
    const std::vector<std::string> f = tab_fields(line);
    if (f.size() < kJoblogColumns || f[0] == "Seq" || entry++ < skip) continue;
    const bool ok = std::atoi(f[kJoblogExitval].c_str()) == 0 && std::atoi(f[kJoblogSignal].c_str()) == 0;
    if (!ok) {
      ++ended.failed;
      continue;
    }
    ++ended.succeeded;
    ended.succeeded_runtime_s += std::atof(f[kJoblogRuntime].c_str());
  }
  return ended;
}

std::size_t joblog_entries(const fs::path& file) {
  const Ended e = read_joblog(file, 0);
  return e.failed + e.succeeded;
}

std::string clock_text(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= kSecondsPerHour)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / kSecondsPerHour, s % kSecondsPerHour / kSecondsPerMinute,
                  s % kSecondsPerMinute);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / kSecondsPerMinute, s % kSecondsPerMinute);
  return buf;
}

// Watches the run directories: a run has started when its directory exists (whatsim creates
// it), finished when its report.json does.
class Progress {
 public:
  Progress(const std::vector<SweepJob>& jobs, const ParallelOptions& options)
      : jobs_(jobs), joblog_(options.out_dir / kJoblogFile), parallelism_(options.jobs),
        skip_(options.append_joblog ? joblog_entries(joblog_) : 0) {}

  // Prints a line when the runs done, running or failed changed since the last one.
  void report() {
    std::size_t done = 0;
    std::size_t started = 0;
    for (const SweepJob& job : jobs_) {
      done += run_finished(job.run_dir) ? 1 : 0;
      started += fs::is_directory(job.run_dir) ? 1 : 0;
    }
    const Ended ended = read_joblog(joblog_, skip_);
    const std::size_t finished = done + ended.failed;
    const std::size_t running = started > finished ? started - finished : 0;
    const std::string line = text(done, ended, running);
    if (line == last_) return;
    std::fprintf(stderr, "%s\n", line.c_str());
    last_ = line;
  }

 private:
  std::string text(std::size_t done, const Ended& ended, std::size_t running) const {
    std::string out = "sweep: " + std::to_string(done) + "/" + std::to_string(jobs_.size()) + " runs done";
    if (ended.failed > 0) out += ", " + std::to_string(ended.failed) + " failed";
    out += ", " + std::to_string(running) + " running";
    const std::size_t left = jobs_.size() - std::min(jobs_.size(), done + ended.failed);
    if (ended.succeeded == 0 || left == 0) return out;
    // The runs left, a mean run at a time on each of the job slots they can fill.
    const double mean_s = ended.succeeded_runtime_s / static_cast<double>(ended.succeeded);
    const double slots = static_cast<double>(std::min(parallelism_, left));
    return out + ", ETA " + clock_text(mean_s * static_cast<double>(left) / slots);
  }

  const std::vector<SweepJob>& jobs_;
  fs::path joblog_;
  std::size_t parallelism_;
  std::size_t skip_;
  std::string last_;
};

std::vector<std::string> parallel_arguments(const fs::path& jobs_file, const ParallelOptions& options) {
  const std::string joblog = (options.out_dir / kJoblogFile).string();
  // --will-cite: parallel's citation notice is for people at a terminal, not for CI logs.
  std::vector<std::string> words = {"parallel", "--will-cite", "--jobs", std::to_string(options.jobs), "--joblog",
                                    (options.append_joblog ? "+" : "") + joblog, "--halt", "never"};
  if (!options.sshloginfile.empty()) {
    words.push_back("--sshloginfile");
    words.push_back(options.sshloginfile);
  }
  words.push_back("--arg-file");
  words.push_back(jobs_file.string());
  return words;
}

// Starts parallel with no input and its output (the runs' "report: ..." lines) discarded; the
// runs' errors go to stderr.
pid_t spawn_parallel(const std::vector<std::string>& words) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> storage = words;
  std::vector<char*> argv;
  for (std::string& w : storage) argv.push_back(w.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int error = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error(std::string("cannot start GNU parallel: ") + std::strerror(error));
  return pid;
}

// Waits for parallel, reporting progress about once a second.
int wait_reporting(pid_t pid, Progress& progress) {
  int status = 0;
  for (int poll = 0;; ++poll) {
    const pid_t ended = ::waitpid(pid, &status, WNOHANG);
    if (ended == pid) break;
    if (ended < 0 && errno != EINTR) throw std::runtime_error(std::string("cannot wait for GNU parallel: ") + std::strerror(errno));
    if (poll % kPollsPerProgress == 0) progress.report();
    std::this_thread::sleep_for(kPollInterval);
  }
  progress.report();
  return status;
}

}  // namespace

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0 && fs::is_regular_file(candidate)) return true;
  }
  return false;
}

fs::path write_jobs_file(const fs::path& out_dir, const std::vector<SweepJob>& jobs) {
  std::string text;
  for (const SweepJob& job : jobs) text += job.line + "\n";
  const fs::path file = out_dir / kJobsFile;
  write_file_atomically(file, text);
  return file;
}

void run_with_parallel(const std::vector<SweepJob>& jobs, const ParallelOptions& options) {
  const fs::path jobs_file = write_jobs_file(options.out_dir, jobs);
  // parallel replaces the joblog when it starts; gone now, it cannot pass for this round's.
  if (!options.append_joblog) fs::remove(options.out_dir / kJoblogFile);
  Progress progress(jobs, options);
  const int status = wait_reporting(spawn_parallel(parallel_arguments(jobs_file, options)), progress);
  // parallel's exit status counts the failed runs, which the sweep lists itself; only its
  // own death is an error here.
  if (WIFSIGNALED(status))
    throw std::runtime_error("GNU parallel was killed by signal " + std::to_string(WTERMSIG(status)));
}

std::string slurm_array_script(const fs::path& jobs_file, std::size_t count, const std::string& name,
                               const fs::path& out_dir) {
  return "#!/bin/bash\n"
         "# Written by `whatsim sweep --emit-slurm`: array task i runs line i of jobs.txt (one whatsim run).\n"
         "# Submit with `sbatch " + shell_quoted((out_dir / "sweep.slurm").string()) + "`. When every task has ended,\n"
         "# run the same `whatsim sweep` command again: it skips the finished runs and aggregates.\n"
         "#SBATCH --job-name=" + name + "\n"
         "#SBATCH --array=1-" + std::to_string(count) + "\n"
         "#SBATCH --output=" + (out_dir / "slurm-%A_%a.out").string() + "\n"
         "set -euo pipefail\n"
         "job=$(sed -n \"${SLURM_ARRAY_TASK_ID}p\" " + shell_quoted(jobs_file.string()) + ")\n"
         "exec bash -c \"$job\"\n";
}

std::size_t available_processors() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<std::size_t>(CPU_COUNT(&set));
  const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? static_cast<std::size_t>(online) : 1;
}

}  // namespace whatsim
