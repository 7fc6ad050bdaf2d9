// What `whatsim sweep` wrote (tests/sweep_tests.cmake): the sweep of small.json in
// WHATSIM_RUN_DIR (2 variants x 3 replications), and beside it the same sweep resumed, redone
// after a run was deleted (-redo), emitted for Slurm (-slurm) and with a failed run (-fail),
// each with what the command printed (<dir>.log, <dir>-resume.log, ...).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/numeric_figures.hpp"
#include "tests/model/run_files.hpp"

using namespace whatsim;

namespace {

namespace fs = std::filesystem;

// t(0.975, 2 degrees of freedom), from printed tables: three replications' 95 % interval.
constexpr double kT975With2Dof = 4.302652729911275;
constexpr int kVariants = 2;
constexpr int kReplications = 3;

std::string sibling(const std::string& suffix) { return run_files::run_dir() + suffix; }

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  INFO(file.string());
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json read_json(const fs::path& file) { return nlohmann::json::parse(read_text(file)); }

// One CSV record's fields, RFC 4180 quoting undone.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += line[++i];
    else if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) fields.emplace_back();
    else fields.back() += c;
  }
  return fields;
}

std::vector<std::vector<std::string>> csv_rows(const fs::path& file) {
  std::istringstream lines(read_text(file));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(lines, line)) rows.push_back(csv_fields(line));
  return rows;
}

// Every figure of run `replication` of variant `variant` (1-based), by name.
std::map<std::string, double> run_figures(int variant, int replication) {
  const fs::path report = fs::path(run_files::run_dir()) / "runs" /
                          ("v0" + std::to_string(variant) + "-r0" + std::to_string(replication)) / "report.json";
  std::map<std::string, double> out;
  for (const auto& [name, value] : numeric_figures(read_json(report))) out[name] = value;
  return out;
}

const nlohmann::json& figure(const nlohmann::json& sweep, int variant, const std::string& name) {
  const nlohmann::json& figures = sweep["variants"][variant - 1]["figures"];
  INFO(name);
  REQUIRE(figures.contains(name));
  return figures[name];
}

std::size_t joblog_entries(const fs::path& file) {
  std::istringstream lines(read_text(file));
  std::string line;
  std::size_t entries = 0;
  while (std::getline(lines, line)) entries += line.rfind("Seq\t", 0) == 0 ? 0 : 1;
  return entries;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the sweep's CSV has a row per variant and figure with the right columns", "[sweep-run]") {
  const auto rows = csv_rows(fs::path(run_files::run_dir()) / "sweep.csv");
  REQUIRE(!rows.empty());
  CHECK(rows[0] == std::vector<std::string>{"variant", "traffic.messages_per_user_per_day", "figure", "n", "mean",
                                            "half_width", "low", "high"});
  const nlohmann::json sweep = read_json(fs::path(run_files::run_dir()) / "sweep.json");
  std::size_t figures = 0;
  for (int v = 1; v <= kVariants; ++v) {
    // The union of the figures the variant's runs reported.
    std::map<std::string, double> names;
    for (int r = 1; r <= kReplications; ++r) names.merge(run_figures(v, r));
    CHECK(sweep["variants"][v - 1]["figures"].size() == names.size());
    figures += names.size();
  }
  CHECK(figures > 100);  // every numeric figure, not only the chosen metrics
  CHECK(rows.size() == 1 + figures);
  const std::map<std::string, std::string> value_of = {{"v01", "100"}, {"v02", "400"}};
  for (std::size_t i = 1; i < rows.size(); ++i) {
    INFO("row " << i);
    REQUIRE(rows[i].size() == rows[0].size());
    REQUIRE(value_of.count(rows[i][0]) == 1);
    CHECK(rows[i][1] == value_of.at(rows[i][0]));
    CHECK(rows[i][3] == "3");
  }
}

TEST_CASE("each interval is the mean plus or minus t times the sample sd over root 3 of the three runs", "[sweep-run]") {
  const nlohmann::json sweep = read_json(fs::path(run_files::run_dir()) / "sweep.json");
  int spread = 0;
  for (int v = 1; v <= kVariants; ++v) {
    const std::map<std::string, double> runs[] = {run_figures(v, 1), run_figures(v, 2), run_figures(v, 3)};
    for (const auto& [name, first] : runs[0]) {
      INFO("v0" << v << " " << name);
      const double x[] = {first, runs[1].at(name), runs[2].at(name)};
      const double mean = (x[0] + x[1] + x[2]) / 3;
      const double sd = std::sqrt(((x[0] - mean) * (x[0] - mean) + (x[1] - mean) * (x[1] - mean) +
                                   (x[2] - mean) * (x[2] - mean)) / 2);
      const double half_width = kT975With2Dof * sd / std::sqrt(3.0);
      const nlohmann::json& f = figure(sweep, v, name);
      // sweep.json keeps six significant digits, as the reports do.
      CHECK(f["mean"].get<double>() == Approx(mean).epsilon(1e-5).margin(1e-300));
      CHECK(f["half_width"].get<double>() == Approx(half_width).epsilon(1e-5).margin(1e-9 * std::fabs(mean)));
      CHECK(f["low"].get<double>() == Approx(mean - half_width).epsilon(1e-5).margin(1e-9 * std::fabs(mean)));
      CHECK(f["high"].get<double>() == Approx(mean + half_width).epsilon(1e-5).margin(1e-9 * std::fabs(mean)));
      spread += half_width > 0 ? 1 : 0;
    }
  }
  CHECK(spread > 20);  // the seeds make the replications differ: the intervals are not all 0
}

TEST_CASE("replication r runs with base seed plus r minus 1 in every variant", "[sweep-run]") {
  for (int v = 1; v <= kVariants; ++v)
    for (int r = 1; r <= kReplications; ++r) CHECK(run_figures(v, r).at("/scenario/seed") == r);
}

TEST_CASE("the varied load reaches the runs: 4 times the messages and busier chat servers", "[sweep-run]") {
  const nlohmann::json sweep = read_json(fs::path(run_files::run_dir()) / "sweep.json");
  const double sent_100 = figure(sweep, 1, "/messages/sent")["mean"].get<double>();
  const double sent_400 = figure(sweep, 2, "/messages/sent")["mean"].get<double>();
  CHECK(sent_100 > 0);
  CHECK(sent_400 / sent_100 > 3);
  CHECK(sent_400 / sent_100 < 5);
  CHECK(figure(sweep, 2, "/tiers/chat_server/cpu_utilization_mean")["mean"].get<double>() >
        figure(sweep, 1, "/tiers/chat_server/cpu_utilization_mean")["mean"].get<double>());
}

TEST_CASE("sweep.md reports the chosen metrics and draws each against the load", "[sweep-run]") {
  const fs::path dir = run_files::run_dir();
  const std::string md = read_text(dir / "sweep.md");
  for (const char* metric : {"/latency_ms/server_ack/p99", "/latency_ms/delivered/p99", "/tiers/chat_server/cpu_utilization_mean"})
    CHECK(contains(md, std::string("| ") + metric + " |"));
  CHECK(contains(md, "(n 3) |"));
  CHECK(contains(md, "warm-up"));
  CHECK(fs::is_regular_file(dir / "sweep.html"));
  int plots = 0;
  for (const auto& entry : fs::directory_iterator(dir)) plots += entry.path().extension() == ".png" ? 1 : 0;
  CHECK(plots == 3);  // three metrics against one varied parameter
}

TEST_CASE("a resumed sweep runs nothing and writes the same sweep.json", "[sweep-run]") {
  const std::string log = read_text(sibling("-resume.log"));
  CHECK(contains(log, "skipping 6 finished runs, 0 to run"));
  CHECK(!contains(log, "runs done"));  // no progress: parallel never started
  // parallel rewrites its joblog (with start times) whenever it runs.
  CHECK(read_text(fs::path(run_files::run_dir()) / "joblog.txt") == read_text(sibling("-first") + "/joblog.txt"));
  CHECK(read_text(fs::path(run_files::run_dir()) / "sweep.json") == read_text(sibling("-first") + "/sweep.json"));
  CHECK(read_text(fs::path(run_files::run_dir()) / "jobs.txt").empty());
}

TEST_CASE("a deleted run is redone alone and gives the same sweep.json", "[sweep-run]") {
  CHECK(contains(read_text(sibling("-redo.log")), "skipping 5 finished runs, 1 to run"));
  const std::string joblog = read_text(sibling("-redo") + "/joblog.txt");
  CHECK(joblog_entries(sibling("-redo") + "/joblog.txt") == 1);
  CHECK(contains(joblog, "/runs/v02-r02"));
  // One seed gives one report: the redone run reproduces the deleted one.
  CHECK(read_text(sibling("-redo") + "/sweep.json") == read_text(sibling("-first") + "/sweep.json"));
}

TEST_CASE("emit-slurm writes an array script over the job lines and runs nothing", "[sweep-run]") {
  const std::string script = read_text(sibling("-slurm") + "/sweep.slurm");
  CHECK(contains(script, "#SBATCH --array=1-6\n"));
  CHECK(contains(script, "SLURM_ARRAY_TASK_ID"));
  std::istringstream jobs(read_text(sibling("-slurm") + "/jobs.txt"));
  std::string line;
  int lines = 0;
  while (std::getline(jobs, line)) {
    ++lines;
    CHECK(contains(line, " run "));
    CHECK(contains(line, " --seed "));
    CHECK(contains(line, " --out "));
  }
  CHECK(lines == 6);
  CHECK(!fs::exists(sibling("-slurm") + "/runs"));
  CHECK(!fs::exists(sibling("-slurm") + "/sweep.json"));
  CHECK(contains(read_text(sibling("-slurm.log")), "sbatch"));
}

TEST_CASE("a failed run is listed and the others are aggregated without it", "[sweep-run]") {
  CHECK(contains(read_text(sibling("-fail.log")), "runs/v01-r02"));
  const nlohmann::json sweep = read_json(sibling("-fail") + "/sweep.json");
  const nlohmann::json& variant = sweep["variants"][0];
  CHECK(variant["replications"] == 1);
  CHECK(variant["runs"] == nlohmann::json{"runs/v01-r01"});
  const nlohmann::json& p99 = variant["figures"]["/latency_ms/server_ack/p99"];
  CHECK(p99["n"] == 1);
  CHECK(p99["half_width"].is_null());  // one replication: no interval
  CHECK(contains(read_text(sibling("-fail") + "/sweep.md"), "- `runs/v01-r02`"));
  CHECK(contains(read_text(sibling("-fail") + "/sweep.csv"), ",1,"));
}
