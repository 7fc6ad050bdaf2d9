// Checks of the fault scenarios' runs (tests/fault_tests.cmake makes them): what each fault
// did to availability, and that the checker found what the replication mode promises.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/history.hpp"
#include "tests/checker_horizon.hpp"
#include "tests/model/run_files.hpp"

using nlohmann::json;
using namespace whatsim;
using run_files::history;
using run_files::report;

namespace {

std::uint64_t anomalies(const json& consistency) {
  std::uint64_t total = 0;
  for (const auto& [key, value] : consistency.items())
    if (key != "examples") total += value.get<std::uint64_t>();
  return total;
}

// Sends made while the fault was on were acknowledged less often in time than the others.
void check_fault_hurt_availability(const json& availability) {
  REQUIRE(!availability["faults"].empty());
  CHECK(availability["during_faults"].get<double>() < availability["outside_faults"].get<double>());
}

}  // namespace

TEST_CASE("synchronous replication loses nothing when a shard's primary crashes", "[failover-run]") {
  const json r = report();
  CHECK(r["replication"] == "sync");
  CHECK(anomalies(r["consistency"]) == 0);
  CHECK(r["availability"]["faults"][0]["label"] == "crash message_service[0]");
  check_fault_hurt_availability(r["availability"]);
  CHECK(r["messages"]["retries"].get<std::uint64_t>() > 0);  // sends to the shard were kept and retried
}

TEST_CASE("under sync replication every one-to-one message was on the secondary before its first acknowledgement",
          "[failover-run]") {
  std::map<std::uint64_t, double> replicated_at;
  std::uint64_t checked = 0;
  for (const LifecycleEvent& e : history()) {
    if (e.kind == EventKind::replicated) replicated_at.try_emplace(e.id.packed(), e.time);
    if (e.kind != EventKind::acked || is_group_stream(e.stream)) continue;
    const auto it = replicated_at.find(e.id.packed());
    REQUIRE(it != replicated_at.end());
    CHECK(it->second <= e.time);
    ++checked;
  }
  CHECK(checked > 1000);
}

TEST_CASE("the shard recovers after the failover: availability returns to its pre-fault level", "[failover-run]") {
  const json recovery = report()["availability"]["recoveries"][0];
  CHECK(recovery["availability_recovered_after_s"].get<double>() >= 0);
}

TEST_CASE("asynchronous replication loses the unshipped tail when the primary crashes, and the checker says so",
          "[async-run]") {
  const json r = report();
  CHECK(r["replication"] == "async");
  CHECK(r["consistency"]["lost"].get<std::uint64_t>() > 0);
  CHECK(r["consistency"]["acked_before_durable"] == 0);  // async promises no durability at the ack
  bool example = false;
  for (const json& e : r["consistency"]["examples"]) example = example || e["kind"] == "lost";
  CHECK(example);
}

TEST_CASE("a chat server crash: its devices reconnect elsewhere, nothing is lost, availability dips",
          "[crash-run]") {
  const json r = report();
  CHECK(anomalies(r["consistency"]) == 0);
  check_fault_hurt_availability(r["availability"]);
  CHECK(r["messages"]["retries"].get<std::uint64_t>() > 0);  // sends into the dead server came back
  CHECK(r["availability"]["recoveries"][0]["availability_recovered_after_s"].get<double>() >= 0);
}

TEST_CASE("region partitions of every shape: CP, so availability drops and nothing acknowledged is lost",
          "[partition-run]") {
  const json r = report();
  CHECK(anomalies(r["consistency"]) == 0);
  REQUIRE(r["availability"]["faults"].size() == 5);
  check_fault_hurt_availability(r["availability"]);
  CHECK(r["availability"]["during_faults"].get<double>() < 0.9);
  CHECK(r["sim"]["frames_lost"].get<std::uint64_t>() > 0);  // the cuts dropped frames
  for (const json& recovery : r["availability"]["recoveries"])
    CHECK(recovery["availability_recovered_after_s"].get<double>() >= 0);
  // Every send was acknowledged in the end, once its shard was reachable again.
  const std::uint64_t sent = r["messages"]["sent"], acked = r["messages"]["acknowledged"];
  CHECK(acked >= sent - sent / 100);
}

TEST_CASE("a 5 s checker horizon finds the same lost messages in the async failover's history, holding fewer",
          "[async-run]") {
  checker_horizon::require_agreement(history(), 5);
}
