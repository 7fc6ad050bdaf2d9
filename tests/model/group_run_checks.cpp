// Checks the recorded lifecycle of a groups-small.json run (made by the "model: run
// groups-small.json (a)" test): group chat's promises, verified from the history itself,
// independently of the online checker that wrote the report's consistency section.
// Membership and order come from the log's own events (sequenced, member_from,
// member_until), which the broker records where the order is decided.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/consistency_checker.hpp"
#include "analysis/history.hpp"
#include "tests/checker_horizon.hpp"
#include "tests/model/run_files.hpp"

using namespace whatsim;

namespace {

using run_files::history;
using run_files::report;

struct GroupRecord {
  StreamId stream = 0;
  Seq seq = 0;
  DeviceId sender = 0;
};

// Per (group stream, device): the seq ranges [from, until] in which the device was a member.
using Intervals = std::vector<std::pair<Seq, Seq>>;
constexpr Seq kStillMember = ~Seq{0};

struct GroupHistory {
  std::map<std::uint64_t, GroupRecord> records;                  // message -> where the log put it
  std::map<std::pair<StreamId, DeviceId>, Intervals> membership;
  std::map<std::pair<std::uint64_t, DeviceId>, int> delivered;   // (message, device) -> deliveries
  std::set<std::pair<std::uint64_t, DeviceId>> waiting;          // pending or expired copies
  std::set<std::uint64_t> unfinished;                            // whole messages pending at the end
};

const GroupHistory& groups() {
  static const GroupHistory g = [] {
    GroupHistory out;
    for (const auto& e : history()) {
      if (!is_group_stream(e.stream)) continue;
      const auto copy = std::make_pair(e.id.packed(), e.device);
      switch (e.kind) {
        case EventKind::sequenced: out.records[e.id.packed()] = {e.stream, e.seq, e.id.device}; break;
        case EventKind::member_from: out.membership[{e.stream, e.device}].push_back({e.seq, kStillMember}); break;
        case EventKind::member_until: {
          Intervals& intervals = out.membership[{e.stream, e.device}];
          if (!intervals.empty()) intervals.back().second = e.seq;
          break;
        }
        case EventKind::delivered: out.delivered[copy] += 1; break;
        case EventKind::expired: out.waiting.insert(copy); break;
        case EventKind::pending_at_end:
          e.device == kAllDevices ? (void)out.unfinished.insert(e.id.packed()) : (void)out.waiting.insert(copy);
          break;
        default: break;
      }
    }
    return out;
  }();
  return g;
}

bool member_at(const Intervals& intervals, Seq seq) {
  for (const auto& [from, until] : intervals)
    if (from <= seq && seq <= until) return true;
  return false;
}

}  // namespace

TEST_CASE("the group run produced group traffic and churn worth checking", "[group-run]") {
  const auto g = report()["groups"];
  CHECK(g["messages"].get<long>() > 500);
  CHECK(g["joins"].get<long>() > 20);
  CHECK(g["leaves"].get<long>() > 20);
  CHECK(g["copies"].get<long>() > 5000);
  CHECK(g["sender_keys"]["distributions"].get<long>() > 0);
  CHECK(report()["latency_ms"]["group_fanout"]["count"].get<long>() > 0);
  CHECK(groups().records.size() > 500);
}

TEST_CASE("every member device gets every group record it is entitled to exactly once, unless it still waits",
          "[group-run]") {
  long entitled_copies = 0, delivered_copies = 0;
  for (const auto& [message, record] : groups().records) {
    if (groups().unfinished.count(message)) continue;  // the handler had not finished it when the run ended
    for (const auto& [key, intervals] : groups().membership) {
      if (key.first != record.stream || key.second == record.sender || !member_at(intervals, record.seq)) continue;
      ++entitled_copies;
      const auto copy = std::make_pair(message, key.second);
      const auto it = groups().delivered.find(copy);
      const int times = it == groups().delivered.end() ? 0 : it->second;
      INFO("message " << message << " seq " << record.seq << " device " << key.second);
      CHECK(times <= 1);
      if (times == 0) CHECK(groups().waiting.count(copy) == 1);
      delivered_copies += times;
    }
  }
  CHECK(entitled_copies > 5000);
  CHECK(delivered_copies > entitled_copies / 2);
}

TEST_CASE("no device gets a group record from before it joined or after it left", "[group-run]") {
  long checked = 0;
  for (const auto& [copy, times] : groups().delivered) {
    const auto record = groups().records.find(copy.first);
    REQUIRE(record != groups().records.end());  // delivered, so the log placed it
    const auto m = groups().membership.find({record->second.stream, copy.second});
    INFO("message " << copy.first << " seq " << record->second.seq << " device " << copy.second);
    REQUIRE(m != groups().membership.end());
    CHECK(member_at(m->second, record->second.seq));
    CHECK(copy.second != record->second.sender);
    ++checked;
  }
  CHECK(checked > 5000);
}

TEST_CASE("all members' devices see a group's records in the log's order", "[group-run]") {
  std::map<std::pair<StreamId, DeviceId>, Seq> last;
  long in_order = 0;
  for (const auto& e : history()) {
    if (e.kind != EventKind::delivered || !is_group_stream(e.stream)) continue;
    const Seq logged = groups().records.at(e.id.packed()).seq;
    Seq& prev = last[{e.stream, e.device}];
    INFO("group stream " << e.stream << " device " << e.device << " at " << e.time);
    CHECK(e.seq == logged);
    CHECK(logged > prev);
    prev = logged;
    ++in_order;
  }
  CHECK(in_order > 5000);
}

TEST_CASE("the checker over the group history agrees with the report: no anomalies", "[group-run]") {
  ConsistencyChecker checker;
  for (const auto& e : history()) checker.on_event(e);
  const ConsistencyCounts c = checker.finish();
  CHECK(c.total() == 0);
  const auto r = report()["consistency"];
  CHECK(r["group_lost"] == c.group_lost);
  CHECK(r["group_duplicated"] == c.group_duplicated);
  CHECK(r["group_order_disagreements"] == c.group_order_disagreements);
  CHECK(r["group_non_member_deliveries"] == c.group_non_member_deliveries);
  CHECK(r["lost"] == c.lost);
}

TEST_CASE("a 5 s checker horizon finds the same in the group history, holding fewer messages", "[group-run]") {
  checker_horizon::require_agreement(history(), 5);
}
