// `whatsim plan scenarios/baseline.json`: what it wrote (plan.json, report.md).
#include <fstream>
#include <sstream>
#include <string>

#include "tests/model/run_files.hpp"

using namespace whatsim;

namespace {

nlohmann::json plan() {
  std::ifstream in(run_files::run_dir() + "/plan.json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::string report_md() {
  std::ifstream in(run_files::run_dir() + "/report.md");
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the plan sizes every tier of the baseline and names its binding resource", "[plan-run]") {
  const nlohmann::json p = plan();
  CHECK(p["targets"]["users"].get<double>() == 2e9);
  CHECK(p["targets"]["messages_per_day"].get<double>() == 1e11);
  REQUIRE(p["tiers"].size() == 9);  // chat, manager, message, broker, handler, group service, asset, storage, PoP
  for (const auto& t : p["tiers"]) {
    INFO(t.dump());
    CHECK(t["servers_needed"].get<int>() >= 4);  // at least one per region
    const std::string binding = t["binding"];
    CHECK((binding == "cpu" || binding == "memory" || binding == "nic" || binding == "disk" ||
           binding == "connections" || binding == "latency"));
  }
  CHECK(p["tiers"][0]["tier"] == "chat_server");
  CHECK(p["tiers"][0]["servers_needed"] == 200);
}

TEST_CASE("the planned deployment is stable and its load curve saturates beyond the target", "[plan-run]") {
  const nlohmann::json p = plan();
  CHECK(p["planned"]["stable"] == true);
  const nlohmann::json& curve = p["load_curve"];
  CHECK(curve["saturation_load_factor"].get<double>() > 1);  // planned with headroom
  REQUIRE(curve["points"].size() >= 10);
  const std::size_t knee = curve["knee_index"];
  CHECK(knee > 0);
  CHECK(knee + 1 < curve["points"].size());
}

TEST_CASE("the plan report has the targets, the tiers, the latency and the storage", "[plan-run]") {
  const std::string md = report_md();
  for (const char* section : {"## Targets", "## Servers per tier", "## Latency (planned deployment", "## Headroom and the knee", "## Latency versus load", "## Storage over the retention window",
                              "## Storage and bandwidth", "## Assumptions"}) {
    INFO(section);
    CHECK(md.find(section) != std::string::npos);
  }
  CHECK(md.find("| message bodies per day | 10.0 TB |") != std::string::npos);
  CHECK(md.find("| kept for the retention period, if never deleted | 300 TB |") != std::string::npos);
}
