// Slice simulation (issue 8) against the whole deployment: cells-8.json run whole (8 cells,
// in cells-full beside WHATSIM_RUN_DIR) and as slices of k cells, replicated with seeds
// 1..8/k (WHATSIM_RUN_DIR/seed-N). Averaged over its replications, a slice's per-cell
// figures must fall inside the full run's 95% interval over its cells, or within 5 % of the
// full run's figure.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "analysis/confidence_interval.hpp"
#include "src/scenario/scenario_loader.hpp"
#include "tests/model/run_files.hpp"

using namespace whatsim;
namespace fs = std::filesystem;

namespace {

constexpr double kTolerance = 0.05;  // relative, when the full run's interval is narrower
constexpr double kConfidence = 0.95;
// Frames waiting per core below this, in both runs, is "nothing queues": relative
// differences between a thousandth and a ten-thousandth of a frame mean nothing.
constexpr double kNoQueueFrames = 0.01;
const char* const kTiers[] = {"chat_server", "websocket_manager", "message_service"};

nlohmann::json read_report(const fs::path& dir) {
  std::ifstream in(dir / "report.json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

nlohmann::json full_report() { return read_report(fs::path(run_files::run_dir()) / ".." / "cells-full"); }

// The slice's replications, in seed order.
std::vector<nlohmann::json> slice_reports() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(run_files::run_dir()))
    if (entry.is_directory()) dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  std::vector<nlohmann::json> reports;
  for (const fs::path& d : dirs) reports.push_back(read_report(d));
  REQUIRE_FALSE(reports.empty());
  return reports;
}

double mean(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return xs.empty() ? 0 : sum / xs.size();
}

double mean_over(const std::vector<nlohmann::json>& reports, const std::function<double(const nlohmann::json&)>& figure) {
  std::vector<double> xs;
  for (const auto& r : reports) xs.push_back(figure(r));
  return mean(xs);
}

// Frames waiting per core, server by server.
std::vector<double> waiting_per_core(const nlohmann::json& tier) {
  std::vector<double> out;
  for (const auto& q : tier["per_server"]["queue_depth_mean"]) out.push_back(q.get<double>() / tier["cores_per_server"].get<double>());
  return out;
}

std::vector<double> utilization_per_server(const nlohmann::json& tier) {
  std::vector<double> out;
  for (const auto& u : tier["per_server"]["cpu_utilization"]) out.push_back(u.get<double>());
  return out;
}

// Inside the full run's 95% interval over its servers, or within 5 % of its mean.
bool agrees(double slice, const std::vector<double>& full_cells) {
  const MeanInterval full = mean_interval(full_cells, kConfidence);
  UNSCOPED_INFO("slice " << slice << ", full run " << full.mean << " [" << full.low() << ", " << full.high()
                         << "] over " << full_cells.size() << " servers");
  return full.contains(slice) || std::abs(slice - full.mean) <= kTolerance * full.mean;
}

}  // namespace

TEST_CASE("a slice simulates its cells' users and shares of servers", "[slice-run]") {
  const nlohmann::json full = full_report();
  for (const nlohmann::json& slice : slice_reports()) {
    const double cells = slice["full_deployment"]["cells"].get<double>();
    const double simulated = slice["full_deployment"]["simulated_cells"].get<double>();
    CHECK(cells == 8);
    CHECK(simulated < cells);
    CHECK(slice["scenario"]["full_scale"] == false);
    CHECK(full["scenario"]["full_scale"] == true);
    CHECK(slice["scenario"]["users_simulated"].get<double>() ==
          full["scenario"]["users_simulated"].get<double>() * simulated / cells);
    CHECK(slice["tiers"]["chat_server"]["servers"].get<double>() == simulated);
    // Each tier's simulated cores add up to the slice's share of the full run's cores.
    for (const char* tier : kTiers) {
      INFO(tier);
      const auto& s = slice["tiers"][tier];
      const auto& f = full["tiers"][tier];
      CHECK(s["servers"].get<double>() * s["cores_per_server"].get<double>() ==
            Approx(f["servers"].get<double>() * f["cores_per_server"].get<double>() * simulated / cells));
    }
    CHECK(slice["full_deployment"]["factor"].get<double>() == Approx(cells / simulated));
    CHECK(slice["consistency"]["lost"] == 0);
  }
}

TEST_CASE("a slice's CPU utilization per tier agrees with the full run's cells", "[slice-stats]") {
  const nlohmann::json full = full_report();
  const auto slices = slice_reports();
  for (const char* tier : kTiers) {
    INFO(tier);
    const double slice = mean_over(slices, [&](const nlohmann::json& r) { return r["tiers"][tier]["cpu_utilization_mean"].get<double>(); });
    CHECK(agrees(slice, utilization_per_server(full["tiers"][tier])));
  }
}

TEST_CASE("a slice's frames waiting per core agree with the full run's cells", "[slice-stats]") {
  const nlohmann::json full = full_report();
  const auto slices = slice_reports();
  for (const char* tier : kTiers) {
    INFO(tier);
    const double slice = mean_over(slices, [&](const nlohmann::json& r) { return mean(waiting_per_core(r["tiers"][tier])); });
    const std::vector<double> full_cells = waiting_per_core(full["tiers"][tier]);
    const bool nothing_queues = slice < kNoQueueFrames && mean(full_cells) < kNoQueueFrames;
    CHECK((nothing_queues || agrees(slice, full_cells)));
  }
}

TEST_CASE("a slice's latency percentiles are within 5 percent of the full run's", "[slice-stats]") {
  const nlohmann::json full = full_report();
  const auto slices = slice_reports();
  for (const char* cls : {"server_ack", "delivery_online"}) {
    for (const char* p : {"p50", "p99"}) {
      const double slice = mean_over(slices, [&](const nlohmann::json& r) { return r["latency_ms"][cls][p].get<double>(); });
      const double f = full["latency_ms"][cls][p].get<double>();
      INFO(cls << " " << p << ": slice " << slice << " ms, full run " << f << " ms");
      CHECK(full["latency_ms"][cls]["count"].get<double>() > 1000);
      CHECK(std::abs(slice - f) <= kTolerance * f);
    }
  }
}

namespace {

// CPU time per frame on a tier's servers: the busy share of the capacity utilization is
// measured against, over the frames each server took in the measured window.
double cpu_s_per_frame(const nlohmann::json& report, const char* tier) {
  const auto& t = report["tiers"][tier];
  const double measured_s = report["sim"]["simulated_seconds"].get<double>() - report["sim"]["warmup_seconds"].get<double>();
  const double frames_per_s = t["frames_measured"].get<double>() / t["servers"].get<double>() / measured_s;
  REQUIRE(frames_per_s > 0);
  return t["cpu_utilization_mean"].get<double>() * t["capacity_cores_per_server"].get<double>() / frames_per_s;
}

const nlohmann::json& comparison_row(const nlohmann::json& report, const std::string& figure) {
  for (const auto& row : report["model_comparison"]["rows"])
    if (row["figure"] == figure) return row;
  FAIL("report.json has no model_comparison row " << figure);
  return report;
}

}  // namespace

// A slice of a quarter of one cell, replicated (WHATSIM_RUN_DIR/seed-N; the whole run in
// cells-full beside it):
// each of its chat, manager and message-service tiers is one server standing for less than
// one of the modeled two-core servers' cores (half a core, a quarter, a quarter). Such a
// server runs on one core at the modeled clock (src/scenario/server_placement.hpp), so its
// frames take the CPU time they take in the whole run, where every server is a modeled one,
// not 2 or 4 times that on a core slowed to its share; and its utilization, measured against
// the part of a core it stands for, is a modeled server's.
TEST_CASE("a slice's servers below one core's worth serve frames at the modeled clock", "[slice-subcore]") {
  const nlohmann::json full = full_report();
  const std::vector<nlohmann::json> slices = slice_reports();
  const nlohmann::json& slice = slices.front();  // seed 1
  for (const char* tier : kTiers) {
    INFO(tier);
    const auto& t = slice["tiers"][tier];
    CHECK(t["cores_per_server"] == 1);
    CHECK(t["capacity_cores_per_server"].get<double>() < 1);
    // Its servers together stand for the slice's share of the whole run's cores.
    CHECK(t["servers"].get<double>() * t["capacity_cores_per_server"].get<double>() ==
          Approx(full["tiers"][tier]["servers"].get<double>() * full["tiers"][tier]["cores_per_server"].get<double>() *
                 slice["scenario"]["simulated_cells"].get<double>() / slice["scenario"]["cells"].get<double>()));
    const double slice_s = mean_over(slices, [&](const nlohmann::json& r) { return cpu_s_per_frame(r, tier); });
    const double full_s = cpu_s_per_frame(full, tier);
    INFO("CPU time per frame: slice " << slice_s * 1e3 << " ms, whole run " << full_s * 1e3 << " ms");
    CHECK(std::abs(slice_s - full_s) <= kTolerance * full_s);
    const double utilization =
        mean_over(slices, [&](const nlohmann::json& r) { return r["tiers"][tier]["cpu_utilization_mean"].get<double>(); });
    CHECK(agrees(utilization, utilization_per_server(full["tiers"][tier])));
  }
  // The analytic model of the slice uses the same rule. It leaves out the frames a slice's
  // chat servers and managers carry between the cells they stand in for (their rates differ
  // from the run's in slices of whole cells too), so only the message service's figures are
  // the model's to match.
  for (const char* figure : {"cpu_utilization.message_service", "response_ms.message_service"}) {
    INFO(figure << ": model " << comparison_row(slice, figure)["model"] << ", simulated "
                << comparison_row(slice, figure)["simulated"]);
    CHECK(comparison_row(slice, figure)["agrees"] == true);
  }
}
