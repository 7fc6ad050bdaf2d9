// Which region may send to which under each partition shape and downed link: the exact
// blocked matrix and sides, on 2 to 5 regions.
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "src/fault/partition_plan.hpp"

using namespace whatsim;

namespace {
using Pairs = std::set<std::pair<std::uint32_t, std::uint32_t>>;
using Sides = std::vector<std::vector<std::uint32_t>>;

// Every pair of regions linked directly, as baseline.json's four regions are.
std::vector<RegionLink> full_mesh(std::uint32_t n) {
  std::vector<RegionLink> links;
  for (std::uint32_t a = 0; a < n; ++a)
    for (std::uint32_t b = a + 1; b < n; ++b) links.emplace_back(a, b);
  return links;
}

// The (from, to) pairs a cut blocks; also checks no region is ever blocked from itself.
Pairs blocked_pairs(const RegionCut& cut) {
  Pairs pairs;
  for (std::uint32_t from = 0; from < cut.blocked.size(); ++from) {
    REQUIRE(cut.blocked[from].size() == cut.blocked.size());
    CHECK_FALSE(cut.blocked[from][from]);
    for (std::uint32_t to = 0; to < cut.blocked.size(); ++to)
      if (cut.blocked[from][to]) pairs.emplace(from, to);
  }
  return pairs;
}

// Both directions of every pair across the two groups.
Pairs both_ways(const std::vector<std::uint32_t>& side_a, const std::vector<std::uint32_t>& side_b) {
  Pairs pairs;
  for (auto a : side_a)
    for (auto b : side_b) pairs.insert({{a, b}, {b, a}});
  return pairs;
}

RegionCut on_mesh(PartitionShape shape, std::uint32_t region, std::uint32_t n) {
  return plan_partition(shape, region, n, full_mesh(n));
}
}  // namespace

TEST_CASE("isolate cuts one region off in both directions", "[fault][partition]") {
  struct Case { std::uint32_t n, region; Pairs blocked; Sides sides; };
  const Case cases[] = {
      {2, 0, both_ways({0}, {1}), {{0}, {1}}},
      {3, 1, both_ways({1}, {0, 2}), {{0, 2}, {1}}},
      {4, 3, both_ways({3}, {0, 1, 2}), {{0, 1, 2}, {3}}},
      {5, 2, both_ways({2}, {0, 1, 3, 4}), {{0, 1, 3, 4}, {2}}},
  };
  for (const Case& c : cases) {
    INFO(c.n << " regions, isolating " << c.region);
    const RegionCut cut = on_mesh(PartitionShape::isolate, c.region, c.n);
    CHECK(blocked_pairs(cut) == c.blocked);
    CHECK(cut.sides == c.sides);
    CHECK(cut.links_down.size() == c.n - 1);  // every link of the isolated region
  }
}

TEST_CASE("halves cuts the first n/2 regions from the rest, the smaller half first", "[fault][partition]") {
  struct Case { std::uint32_t n; Pairs blocked; Sides sides; };
  const Case cases[] = {
      {2, both_ways({0}, {1}), {{0}, {1}}},
      {3, both_ways({0}, {1, 2}), {{0}, {1, 2}}},
      {4, both_ways({0, 1}, {2, 3}), {{0, 1}, {2, 3}}},
      {5, both_ways({0, 1}, {2, 3, 4}), {{0, 1}, {2, 3, 4}}},
  };
  for (const Case& c : cases) {
    INFO(c.n << " regions");
    const RegionCut cut = on_mesh(PartitionShape::halves, 0, c.n);
    CHECK(blocked_pairs(cut) == c.blocked);
    CHECK(cut.sides == c.sides);
  }
}

TEST_CASE("bridge splits the other regions in halves that reach only the bridge", "[fault][partition]") {
  struct Case { std::uint32_t n, bridge; Pairs blocked; };
  const Case cases[] = {
      {3, 0, both_ways({1}, {2})},
      {3, 2, both_ways({0}, {1})},
      {4, 1, both_ways({0}, {2, 3})},
      {5, 2, both_ways({0, 1}, {3, 4})},
  };
  for (const Case& c : cases) {
    INFO(c.n << " regions, bridge " << c.bridge);
    const RegionCut cut = on_mesh(PartitionShape::bridge, c.bridge, c.n);
    CHECK(blocked_pairs(cut) == c.blocked);
    for (std::uint32_t r = 0; r < c.n; ++r) CHECK_FALSE(cut.blocked[c.bridge][r]);
    // Both halves are joined through the bridge: one side, although they cannot talk.
    std::vector<std::uint32_t> everyone;
    for (std::uint32_t r = 0; r < c.n; ++r) everyone.push_back(r);
    CHECK(cut.sides == Sides{everyone});
  }
}

TEST_CASE("majorities_ring on 4 and 5 regions: each hears itself and its two ring neighbours", "[fault][partition]") {
  // 4 regions, majority 3: the opposite corners cannot talk.
  RegionCut cut = on_mesh(PartitionShape::majorities_ring, 0, 4);
  Pairs expected = both_ways({0}, {2});
  for (const auto& p : both_ways({1}, {3})) expected.insert(p);
  CHECK(blocked_pairs(cut) == expected);
  CHECK(cut.links_down == std::vector<RegionLink>{{0, 2}, {1, 3}});
  CHECK(cut.sides == Sides{{0, 1, 2, 3}});  // the ring's links stay up

  // 5 regions, majority 3: regions two steps apart cannot talk.
  cut = on_mesh(PartitionShape::majorities_ring, 0, 5);
  expected.clear();
  for (std::uint32_t r = 0; r < 5; ++r)
    for (const auto& p : both_ways({r}, {(r + 2) % 5})) expected.insert(p);
  CHECK(blocked_pairs(cut) == expected);
  CHECK(cut.sides == Sides{{0, 1, 2, 3, 4}});
}

TEST_CASE("majorities_ring: every region hears a majority and no two hear the same one", "[fault][partition]") {
  for (std::uint32_t n = 3; n <= 7; ++n) {
    INFO(n << " regions");
    const RegionCut cut = on_mesh(PartitionShape::majorities_ring, 0, n);
    std::set<std::vector<std::uint32_t>> heard_sets;
    for (std::uint32_t listener = 0; listener < n; ++listener) {
      std::vector<std::uint32_t> heard;
      for (std::uint32_t from = 0; from < n; ++from)
        if (!cut.blocked[from][listener]) heard.push_back(from);
      CHECK(heard.size() == n / 2 + 1);
      heard_sets.insert(heard);
    }
    CHECK(heard_sets.size() == n);
  }
}

TEST_CASE("majorities_ring on 3 regions is a one-way ring: region i hears i-1, not i+1", "[fault][partition]") {
  const RegionCut cut = on_mesh(PartitionShape::majorities_ring, 0, 3);
  CHECK(blocked_pairs(cut) == Pairs{{1, 0}, {2, 1}, {0, 2}});
  CHECK(cut.links_down.empty());  // no pair is cut both ways: the links stay up
  CHECK(cut.sides == Sides{{0}, {1}, {2}});  // and no pair is open both ways
}

TEST_CASE("one_way: the region cannot send to anyone but everyone still reaches it", "[fault][partition]") {
  for (std::uint32_t n = 2; n <= 5; ++n) {
    const std::uint32_t mute = n - 1;
    INFO(n << " regions, " << mute << " mute");
    const RegionCut cut = on_mesh(PartitionShape::one_way, mute, n);
    Pairs expected;
    for (std::uint32_t to = 0; to < mute; ++to) expected.emplace(mute, to);
    CHECK(blocked_pairs(cut) == expected);
    for (std::uint32_t from = 0; from < n; ++from) CHECK_FALSE(cut.blocked[from][mute]);  // asymmetric
    CHECK(cut.links_down.empty());  // nothing is cut both ways: SimGrid links stay on
    std::vector<std::uint32_t> others;
    for (std::uint32_t r = 0; r < mute; ++r) others.push_back(r);
    CHECK(cut.sides == Sides{others, {mute}});
  }
}

TEST_CASE("regions left without a path of links that are up are blocked too", "[fault][partition]") {
  // A line 0 - 1 - 2: isolating the middle also cuts the ends apart.
  const std::vector<RegionLink> line = {{0, 1}, {1, 2}};
  const RegionCut cut = plan_partition(PartitionShape::isolate, 1, 3, line);
  Pairs expected = both_ways({1}, {0, 2});
  for (const auto& p : both_ways({0}, {2})) expected.insert(p);
  CHECK(blocked_pairs(cut) == expected);
  CHECK(cut.sides == Sides{{0}, {1}, {2}});
  CHECK(cut.links_down == line);
}

TEST_CASE("links_down keeps the deployment's links in their order and orientation", "[fault][partition]") {
  const std::vector<RegionLink> links = {{2, 0}, {1, 0}, {2, 1}};
  const RegionCut cut = plan_partition(PartitionShape::isolate, 0, 3, links);
  CHECK(cut.links_down == std::vector<RegionLink>{{2, 0}, {1, 0}});
}

TEST_CASE("a downed link blocks only the regions it disconnects", "[fault][partition]") {
  // Two regions: nothing else joins them.
  RegionCut cut = plan_link_down(1, 0, 2, full_mesh(2));
  CHECK(blocked_pairs(cut) == both_ways({0}, {1}));
  CHECK(cut.links_down == std::vector<RegionLink>{{0, 1}});
  CHECK(cut.sides == Sides{{0}, {1}});

  // A triangle: 0 and 1 still reach each other through 2.
  cut = plan_link_down(0, 1, 3, full_mesh(3));
  CHECK(blocked_pairs(cut).empty());
  CHECK(cut.links_down == std::vector<RegionLink>{{0, 1}});
  CHECK(cut.sides == Sides{{0, 1, 2}});

  // A line 0 - 1 - 2: losing 0 - 1 cuts 0 off from both.
  cut = plan_link_down(0, 1, 3, {{0, 1}, {1, 2}});
  CHECK(blocked_pairs(cut) == both_ways({0}, {1, 2}));
  CHECK(cut.sides == Sides{{0}, {1, 2}});
}

TEST_CASE("plan_cut combines the active faults, and healing one leaves the others", "[fault][partition]") {
  Fault isolate_3;
  isolate_3.kind = FaultKind::partition;
  isolate_3.shape = PartitionShape::isolate;
  isolate_3.region = 3;
  Fault link_0_1;
  link_0_1.kind = FaultKind::link_down;
  link_0_1.region_a = 0;
  link_0_1.region_b = 1;
  Fault crash;  // cuts nothing
  const std::vector<RegionLink> line = {{0, 1}, {1, 2}, {2, 3}};

  const RegionCut both = plan_cut({isolate_3, link_0_1, crash}, 4, line);
  Pairs expected = both_ways({3}, {0, 1, 2});
  for (const auto& p : both_ways({0}, {1, 2})) expected.insert(p);
  CHECK(blocked_pairs(both) == expected);
  CHECK(both.sides == Sides{{0}, {1, 2}, {3}});
  CHECK(both.links_down == std::vector<RegionLink>{{0, 1}, {2, 3}});

  const RegionCut link_healed = plan_cut({isolate_3, crash}, 4, line);
  CHECK(blocked_pairs(link_healed) == both_ways({3}, {0, 1, 2}));
  const RegionCut all_healed = plan_cut({}, 4, line);
  CHECK(blocked_pairs(all_healed).empty());
  CHECK(all_healed.sides == Sides{{0, 1, 2, 3}});
  CHECK(all_healed.links_down.empty());
}

TEST_CASE("a partition refuses too few regions, a region out of range, or a link that is not there",
          "[fault][partition][edge]") {
  CHECK_THROWS_AS(on_mesh(PartitionShape::bridge, 0, 2), std::invalid_argument);
  CHECK_THROWS_AS(on_mesh(PartitionShape::majorities_ring, 0, 2), std::invalid_argument);
  CHECK_THROWS_AS(on_mesh(PartitionShape::halves, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(on_mesh(PartitionShape::isolate, 3, 3), std::invalid_argument);
  CHECK_NOTHROW(on_mesh(PartitionShape::halves, 7, 3));  // halves names no region
  CHECK_THROWS_AS(plan_link_down(0, 2, 3, {{0, 1}, {1, 2}}), std::invalid_argument);
  CHECK_THROWS_AS(plan_partition(PartitionShape::isolate, 0, 2, {{0, 2}}), std::invalid_argument);
}
