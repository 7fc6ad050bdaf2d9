#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

#include "analysis/membership_table.hpp"

using namespace whatsim;

namespace {

using Interval = MembershipTable::Interval;
constexpr Seq kStillMember = MembershipTable::kStillMember;

const StreamId kGroupA = group_stream(3);
const StreamId kGroupB = group_stream(4);

// The obvious model the table must behave like: every device's intervals in arrival order.
struct ReferenceMemberships {
  struct Membership {
    std::vector<Interval> intervals;
    Seq last_delivered_seq = 0;
  };
  std::map<std::pair<StreamId, DeviceId>, Membership> of;

  void join(StreamId g, DeviceId d, Seq from) { of[{g, d}].intervals.push_back(Interval{from, kStillMember}); }
  void leave(StreamId g, DeviceId d, Seq until) {
    const auto found = of.find({g, d});
    if (found == of.end()) return;
    auto& intervals = found->second.intervals;
    const auto open = std::find_if(intervals.rbegin(), intervals.rend(),
                                   [](const Interval& i) { return i.until == kStillMember; });
    if (open != intervals.rend()) open->until = until;
  }
  bool is_member(StreamId g, DeviceId d, Seq seq) const {
    const auto found = of.find({g, d});
    if (found == of.end()) return false;
    const auto& intervals = found->second.intervals;
    return std::any_of(intervals.begin(), intervals.end(),
                       [seq](const Interval& i) { return i.from <= seq && seq <= i.until; });
  }
  std::vector<DeviceId> members_at(StreamId g, Seq seq) const {
    std::vector<DeviceId> members;
    for (const auto& [key, membership] : of)
      if (key.first == g && is_member(g, key.second, seq)) members.push_back(key.second);
    return members;
  }
};

using IntervalRow = std::tuple<StreamId, DeviceId, Seq, Seq>;

// Every interval the table holds in `groups`.
std::vector<IntervalRow> rows_of(MembershipTable& table, const std::vector<StreamId>& groups) {
  std::vector<IntervalRow> rows;
  for (StreamId g : groups)
    table.for_each_interval_of(g, [&](DeviceId d, const Interval& i) { rows.emplace_back(g, d, i.from, i.until); });
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<IntervalRow> rows_of(const ReferenceMemberships& reference) {
  std::vector<IntervalRow> rows;
  for (const auto& [key, membership] : reference.of)
    for (const Interval& i : membership.intervals) rows.emplace_back(key.first, key.second, i.from, i.until);
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

TEST_CASE("memberships joined in any order are all found, and nothing else is", "[analysis][membership]") {
  std::vector<std::pair<StreamId, DeviceId>> keys;
  for (StreamId g : {kGroupA, kGroupB})
    for (DeviceId d = 100; d < 400; d += 3) keys.emplace_back(g, d);
  std::mt19937 random(7);
  std::shuffle(keys.begin(), keys.end(), random);
  MembershipTable table;
  for (const auto& [g, d] : keys) table.join(g, d, 1);

  CHECK(table.memberships() == keys.size());
  for (const auto& [g, d] : keys) {
    CHECK(table.is_member(g, d, 1));
    CHECK(table.is_member(g, d, 1'000'000));
    CHECK_FALSE(table.is_member(g, d, 0));  // before its first seq
  }
  CHECK_FALSE(table.is_member(kGroupA, 101, 5));           // a device between members
  CHECK_FALSE(table.is_member(kGroupA, 400, 5));           // past the last
  CHECK_FALSE(table.is_member(group_stream(5), 100, 5));  // another group
}

TEST_CASE("a leave ends the latest open interval and a re-join opens another", "[analysis][membership]") {
  MembershipTable table;
  table.join(kGroupA, 10, 1);
  table.join(kGroupA, 20, 1);
  table.leave(kGroupA, 10, 5);
  table.join(kGroupA, 10, 9);

  CHECK(table.is_member(kGroupA, 10, 5));  // the leave's own seq is still the member's
  CHECK_FALSE(table.is_member(kGroupA, 10, 6));
  CHECK_FALSE(table.is_member(kGroupA, 10, 8));
  CHECK(table.is_member(kGroupA, 10, 9));
  CHECK(table.is_member(kGroupA, 20, 7));  // the other member was untouched

  table.leave(kGroupA, 10, 12);  // ends [9, ...), not the interval already closed
  CHECK(table.is_member(kGroupA, 10, 12));
  CHECK_FALSE(table.is_member(kGroupA, 10, 13));
  CHECK(table.is_member(kGroupA, 10, 3));

  table.leave(kGroupA, 10, 20);  // nothing open: ignored
  CHECK_FALSE(table.is_member(kGroupA, 10, 13));
  table.leave(kGroupA, 99, 4);  // never a member: creates nothing
  CHECK_FALSE(table.is_member(kGroupA, 99, 1));
  CHECK(table.memberships() == 2);

  const std::vector<IntervalRow> expected{{kGroupA, 10, 1, 5}, {kGroupA, 10, 9, 12}, {kGroupA, 20, 1, kStillMember}};
  CHECK(rows_of(table, {kGroupA, kGroupB}) == expected);
}

TEST_CASE("the last delivered seq starts at 0 and survives later joins", "[analysis][membership]") {
  MembershipTable table;
  for (DeviceId d = 0; d < 64; ++d) table.join(kGroupA, d, 1);
  CHECK(table.last_delivered_seq(kGroupA, 17) == 0);
  table.last_delivered_seq(kGroupA, 17) = 4;
  // Enough later joins to go through the overflow and to be merged into the sorted entries.
  for (DeviceId d = 64; d < 200; ++d) {
    table.join(kGroupA, d, 5);
    CHECK(table.last_delivered_seq(kGroupA, 17) == 4);
  }
  table.join(kGroupA, 17, 30);  // a second interval for the same device keeps its progress
  CHECK(table.last_delivered_seq(kGroupA, 17) == 4);
  table.last_delivered_seq(kGroupA, 150) = 6;
  CHECK(table.last_delivered_seq(kGroupA, 150) == 6);
  CHECK(table.last_delivered_seq(kGroupA, 151) == 0);
  CHECK_THROWS_AS(table.last_delivered_seq(kGroupB, 17), std::out_of_range);
}

// A bulk of initial members, then joins, re-joins, leaves and lookups interleaved at random:
// the table must answer every lookup as the reference does, whichever path (the sorted
// entries, the overflow, or a merge of the two) each membership went through.
TEST_CASE("the table behaves like the reference under random churn", "[analysis][membership]") {
  for (const std::uint32_t seed : {1u, 2u, 3u}) {
    std::mt19937 random(seed);
    const auto below = [&](std::uint32_t n) { return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(random); };
    const auto group_of = [](std::uint32_t i) { return group_stream(1 + i); };
    MembershipTable table;
    ReferenceMemberships reference;
    for (int i = 0; i < 2000; ++i) {
      const StreamId g = group_of(below(50));
      const DeviceId d = below(400);
      table.join(g, d, 1);
      reference.join(g, d, 1);
    }
    Seq seq = 1;
    for (int step = 0; step < 4000; ++step) {
      const StreamId g = group_of(below(60));  // some groups have no initial member
      const DeviceId d = below(500);
      if (below(4) == 0) ++seq;
      switch (below(5)) {
        case 0:
          table.join(g, d, seq);
          reference.join(g, d, seq);
          break;
        case 1:
          table.leave(g, d, seq);
          reference.leave(g, d, seq);
          break;
        case 2: {
          const auto found = reference.of.find({g, d});
          if (found == reference.of.end()) break;
          table.last_delivered_seq(g, d) = seq;
          found->second.last_delivered_seq = seq;
          break;
        }
        default: {
          const Seq asked = below(seq + 2);
          INFO("seed " << seed << " step " << step << " device " << d << " seq " << asked);
          REQUIRE(table.is_member(g, d, asked) == reference.is_member(g, d, asked));
          const auto found = reference.of.find({g, d});
          if (found != reference.of.end()) REQUIRE(table.last_delivered_seq(g, d) == found->second.last_delivered_seq);
          std::vector<DeviceId> members;
          table.all_members_at(g, asked, [&](DeviceId m) {
            members.push_back(m);
            return true;
          });
          std::sort(members.begin(), members.end());
          REQUIRE(members == reference.members_at(g, asked));
        }
      }
    }
    CHECK(table.memberships() == reference.of.size());
    std::vector<StreamId> groups;
    for (std::uint32_t i = 0; i < 60; ++i) groups.push_back(group_of(i));
    CHECK(rows_of(table, groups) == rows_of(reference));
    for (const auto& [key, membership] : reference.of)
      CHECK(table.last_delivered_seq(key.first, key.second) == membership.last_delivered_seq);
  }
}
