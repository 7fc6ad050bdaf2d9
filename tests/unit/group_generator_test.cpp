#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

#include "src/workload/group_generator.hpp"

using namespace whatsim;

namespace {

GroupSizeDraw lognormal_sizes() { return GroupSizeDraw{true, 8.0, 1.0, 3, 200}; }

}  // namespace

TEST_CASE("The group count gives users about groups_per_user memberships each", "[group][generator]") {
  const GroupSizeDraw sizes = lognormal_sizes();
  CHECK(group_count(10000, 4.0, sizes) == 5000);
  CHECK(group_count(10000, 0.0, sizes) == 0);
  CHECK(group_count(3, 0.01, sizes) == 1);  // rounds to 0, but there are enough users for one
  CHECK(group_count(2, 0.01, sizes) == 0);  // too few users to fill the smallest group
  CHECK_THROWS_AS(group_count(10, -1.0, sizes), std::invalid_argument);
}

TEST_CASE("Generated groups have sizes within bounds, distinct members and their creator as admin",
          "[group][generator]") {
  GroupDirectory dir(200);
  Rng rng = RandomStreams(1).stream("groups");
  populate_groups(dir, 5000, 3.0, lognormal_sizes(), rng, 250);
  REQUIRE(dir.groups() == group_count(5000, 3.0, lognormal_sizes()));
  std::uint32_t largest = 0;
  for (GroupId g = 1; g <= dir.groups(); ++g) {
    const Group& group = dir.group(g);
    REQUIRE(group.members.size() >= 3);
    REQUIRE(group.members.size() <= 200);
    REQUIRE(std::set<UserId>(group.members.begin(), group.members.end()).size() == group.members.size());
    REQUIRE(*std::max_element(group.members.begin(), group.members.end()) < 5000);
    REQUIRE(group.admins == std::vector<UserId>{group.members.front()});
    REQUIRE(group.metadata_bytes == 250);
    largest = std::max<std::uint32_t>(largest, static_cast<std::uint32_t>(group.members.size()));
  }
  CHECK(largest > 30);  // lognormal: a long tail, not all groups near the mean
  const double mean = static_cast<double>(dir.memberships()) / static_cast<double>(dir.groups());
  CHECK(mean == Approx(8.0).margin(1.0));  // clamping below 3 lifts it a little
}

TEST_CASE("Constant sizes give every group mean_members, at most the users there are", "[group][generator]") {
  GroupDirectory dir(200);
  Rng rng = RandomStreams(2).stream("groups");
  populate_groups(dir, 1000, 1.0, GroupSizeDraw{false, 5.4, 0, 2, 50}, rng, 0);
  REQUIRE(dir.groups() == 185);
  for (GroupId g = 1; g <= dir.groups(); ++g) REQUIRE(dir.group(g).members.size() == 5);

  GroupDirectory tiny(200);
  populate_groups(tiny, 4, 5.0, GroupSizeDraw{false, 10, 0, 2, 50}, rng, 0);
  REQUIRE(tiny.groups() == 2);
  CHECK(tiny.group(1).members.size() == 4);  // the whole population
}

TEST_CASE("The same seed generates the same groups", "[group][generator]") {
  GroupDirectory a(200), b(200);
  Rng ra = RandomStreams(3).stream("groups"), rb = RandomStreams(3).stream("groups");
  populate_groups(a, 3000, 2.0, lognormal_sizes(), ra, 0);
  populate_groups(b, 3000, 2.0, lognormal_sizes(), rb, 0);
  REQUIRE(a.groups() == b.groups());
  for (GroupId g = 1; g <= a.groups(); ++g) REQUIRE(a.group(g).members == b.group(g).members);
  GroupDirectory c(200);
  Rng rc = RandomStreams(4).stream("groups");
  populate_groups(c, 3000, 2.0, lognormal_sizes(), rc, 0);
  CHECK(c.group(1).members != a.group(1).members);
}

TEST_CASE("Group sizes that make no sense are refused", "[group][generator]") {
  GroupDirectory dir(100);
  Rng rng = RandomStreams(5).stream("groups");
  CHECK_THROWS_WITH(populate_groups(dir, 100, 1.0, GroupSizeDraw{true, 8, 1, 3, 200}, rng, 0),
                    "group sizes: max_members 200 is above the size limit 100 (groups.size_limit)");
  CHECK_THROWS_AS(populate_groups(dir, 100, 1.0, GroupSizeDraw{true, 8, 1, 9, 5}, rng, 0), std::invalid_argument);
  CHECK_THROWS_AS(populate_groups(dir, 100, 1.0, GroupSizeDraw{true, 0, 1, 3, 5}, rng, 0), std::invalid_argument);
  CHECK(dir.groups() == 0);
}

TEST_CASE("Group activity ranks are a permutation, the same for one seed", "[group][generator][activity]") {
  Rng ra = RandomStreams(6).stream("group-activity"), rb = RandomStreams(6).stream("group-activity");
  const GroupActivity a(500, 1.0, ra), b(500, 1.0, rb);
  std::set<std::uint32_t> ranks;
  for (GroupId g = 1; g <= 500; ++g) {
    REQUIRE(a.rank(g) == b.rank(g));
    ranks.insert(a.rank(g));
  }
  CHECK(ranks.size() == 500);
  CHECK(*ranks.rbegin() == 499);
  std::uint32_t in_place = 0;
  for (GroupId g = 1; g <= 500; ++g) in_place += a.rank(g) == g - 1;
  CHECK(in_place < 20);  // shuffled, not the identity
}

TEST_CASE("A rank-1 group is picked far more often than a rank-100 one with skew 1",
          "[group][generator][activity]") {
  Rng rng = RandomStreams(7).stream("group-activity");
  const GroupActivity activity(100, 1.0, rng);
  GroupId top = 0, bottom = 0;
  for (GroupId g = 1; g <= 100; ++g) {
    if (activity.rank(g) == 0) top = g;
    if (activity.rank(g) == 99) bottom = g;
  }
  const std::vector<GroupId> candidates{bottom, top};
  int top_picks = 0;
  for (int i = 0; i < 10100; ++i) top_picks += activity.pick(candidates, rng) == top;
  CHECK(top_picks == Approx(10000).margin(60));  // weights 1 and 1/100: 10000 expected, sd 10
  CHECK(activity.weight(top) == Approx(1.0));
  CHECK(activity.weight(bottom) == Approx(0.01));
  CHECK_THROWS_AS(activity.pick({}, rng), std::invalid_argument);
}

TEST_CASE("With skew 0 every group is picked equally often", "[group][generator][activity]") {
  Rng rng = RandomStreams(8).stream("group-activity");
  const GroupActivity activity(100, 0.0, rng);
  const std::vector<GroupId> candidates{3, 50, 97};
  std::vector<int> picks(101, 0);
  for (int i = 0; i < 30000; ++i) ++picks[activity.pick(candidates, rng)];
  for (const GroupId g : candidates) CHECK(picks[g] == Approx(10000).margin(400));
}
