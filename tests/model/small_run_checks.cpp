// Checks the recorded lifecycle of a small.json run (made by the "model: run small.json (a)"
// test): what the design promises, verified from the history itself, independently of the
// online checker that wrote the report's consistency section.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "analysis/consistency_checker.hpp"
#include "analysis/history.hpp"
#include "tests/model/run_files.hpp"

using namespace whatsim;

namespace {

using run_files::history;
using run_files::report;

using Copy = std::pair<std::uint64_t, DeviceId>;  // (message, recipient device)

struct CopyFate {
  int stored = 0;
  int delivered = 0;
  bool expired = false;
  bool pending = false;
  bool pending_device_online = false;
  double stored_at = 0;
};

std::map<Copy, CopyFate> fates() {
  std::map<Copy, CopyFate> out;
  for (const auto& e : history()) {
    CopyFate& f = out[{e.id.packed(), e.device}];
    switch (e.kind) {
      case EventKind::stored: f.stored += 1; f.stored_at = e.time; break;
      case EventKind::delivered: f.delivered += 1; break;
      case EventKind::expired: f.expired = true; break;
      case EventKind::pending_at_end: f.pending = true; f.pending_device_online = e.count == 1; break;
      default: break;
    }
  }
  return out;
}

double end_time() { return history().empty() ? 0 : history().back().time; }

}  // namespace

TEST_CASE("the run produced traffic worth checking", "[model]") {
  const auto r = report();
  CHECK(r["messages"]["sent"].get<long>() > 1000);
  CHECK(r["messages"]["delivered"].get<long>() > 1000);
  CHECK(r["latency_ms"]["offline_delivery"]["count"].get<long>() > 0);  // some devices were offline
  CHECK(r["latency_ms"]["read"]["count"].get<long>() > 0);
}

TEST_CASE("every stored copy is delivered exactly once to its device, unless it is still legitimately waiting", "[model]") {
  // Copies still queued at the end are fine for devices that are offline, or when they were
  // stored in the last seconds of the run (in flight).
  const double in_flight_s = 5.0;
  int pending_offline = 0;
  for (const auto& [copy, fate] : fates()) {
    if (fate.stored == 0) {
      CHECK(fate.delivered == 0);  // a delivery of a copy that was never stored
      continue;
    }
    INFO("message " << copy.first << " device " << copy.second);
    CHECK(fate.stored == 1);
    CHECK(fate.delivered <= 1);
    if (fate.delivered == 1 || fate.expired) continue;
    REQUIRE(fate.pending);
    if (fate.pending_device_online) {
      CHECK(fate.stored_at > end_time() - in_flight_s);
    } else {
      ++pending_offline;
    }
  }
  CHECK(pending_offline > 0);  // small.json has devices that never connect: their copies wait
}

TEST_CASE("every acknowledged message has a stored copy for every device of its recipient", "[model]") {
  std::map<std::uint64_t, std::uint32_t> devices_of;
  std::map<std::uint64_t, std::set<DeviceId>> stored;
  for (const auto& e : history()) {
    if (e.kind == EventKind::acked) devices_of[e.id.packed()] = e.count;
    if (e.kind == EventKind::stored) stored[e.id.packed()].insert(e.device);
  }
  REQUIRE(!devices_of.empty());
  bool some_multi_device = false;
  for (const auto& [message, count] : devices_of) {
    INFO("message " << message);
    CHECK(stored[message].size() == count);
    some_multi_device = some_multi_device || count > 1;
  }
  CHECK(some_multi_device);
}

TEST_CASE("each device receives each stream in order with no gaps", "[model]") {
  std::map<std::pair<StreamId, DeviceId>, Seq> last;
  for (const auto& e : history()) {
    if (e.kind != EventKind::delivered) continue;
    Seq& prev = last[{e.stream, e.device}];
    INFO("stream " << e.stream << " device " << e.device << " at " << e.time);
    CHECK(e.seq == prev + 1);
    prev = e.seq;
  }
  CHECK(!last.empty());
}

TEST_CASE("receipts seen by senders never move backwards", "[model]") {
  std::map<Copy, std::uint32_t> seen;
  int receipts = 0;
  for (const auto& e : history()) {
    if (e.kind != EventKind::receipt) continue;
    ++receipts;
    std::uint32_t& prev = seen[{e.id.packed(), e.device}];
    CHECK(e.count >= prev);
    prev = std::max(prev, e.count);
  }
  CHECK(receipts > 0);
}

TEST_CASE("the checker over the history agrees with the report: no anomalies", "[model]") {
  ConsistencyChecker checker;
  for (const auto& e : history()) checker.on_event(e);
  const ConsistencyCounts c = checker.finish();
  CHECK(c.total() == 0);
  const auto r = report()["consistency"];
  CHECK(r["lost"] == c.lost);
  CHECK(r["duplicated"] == c.duplicated);
  CHECK(r["order_violations"] == c.order_violations);
  CHECK(r["receipt_regressions"] == c.receipt_regressions);
}
