// The analytic model against the simulation of the same scenario (report.json's
// model_comparison): model-check.json, whose runs keep the model's assumptions, must agree at
// every load the tests run it at; small.json, whose runs break two of them, must say so.
#include <string>

#include "tests/model/run_files.hpp"

using namespace whatsim;

namespace {

nlohmann::json row(const nlohmann::json& report, const std::string& figure) {
  for (const auto& r : report["model_comparison"]["rows"])
    if (r["figure"] == figure) return r;
  FAIL("report.json has no model_comparison row " << figure);
  return {};
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("model and simulation agree on every tier's utilization within 2 points", "[model-check-run]") {
  const nlohmann::json report = run_files::report();
  int tiers = 0;
  for (const auto& r : report["model_comparison"]["rows"]) {
    if (!starts_with(r["figure"].get<std::string>(), "cpu_utilization.")) continue;
    ++tiers;
    INFO(r.dump());
    CHECK(std::abs(r["model"].get<double>() - r["simulated"].get<double>()) <= 0.02);
  }
  CHECK(tiers == 3);  // chat servers, managers, message service
}

TEST_CASE("model and simulation agree on every tier's mean response within 10 %", "[model-check-run]") {
  const nlohmann::json report = run_files::report();
  for (const char* tier : {"chat_server", "websocket_manager", "message_service"}) {
    const nlohmann::json r = row(report, std::string("response_ms.") + tier);
    INFO(r.dump());
    CHECK(r["model"].get<double>() == Approx(r["simulated"].get<double>()).epsilon(0.10));
  }
}

TEST_CASE("model and simulation agree on the one-check and two-check means within 10 %", "[model-check-run]") {
  const nlohmann::json report = run_files::report();
  for (const char* figure : {"latency_ms.server_ack.mean", "latency_ms.delivered.mean"}) {
    const nlohmann::json r = row(report, figure);
    INFO(r.dump());
    CHECK(r["model"].get<double>() == Approx(r["simulated"].get<double>()).epsilon(0.10));
    CHECK(r["agrees"] == true);
  }
}

TEST_CASE("the stations queue: the comparison is not between two idle systems", "[model-check-run]") {
  const nlohmann::json report = run_files::report();
  CHECK(row(report, "cpu_utilization.chat_server")["simulated"].get<double>() > 0.1);
  CHECK(row(report, "wait_ms.message_service")["simulated"].get<double>() > 1.0);
}

TEST_CASE("where small.json breaks the model's assumptions the comparison says which", "[model]") {
  const nlohmann::json report = run_files::report();
  const nlohmann::json ack = row(report, "latency_ms.server_ack.mean");
  CHECK(ack["agrees"] == false);  // some sends first fetch key bundles
  CHECK(ack["broken_assumption"].get<std::string>().find("sessions already set up") != std::string::npos);
  CHECK(report["model_comparison"]["disagreements"].get<int>() > 0);
  // Its utilizations still agree: the load is right even where the latency path is not.
  CHECK(row(report, "cpu_utilization.chat_server")["agrees"] == true);
}
