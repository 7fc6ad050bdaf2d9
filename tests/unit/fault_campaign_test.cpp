// The random fault campaign: deterministic per seed, within its ranges and targets, and
// varying the enabled kinds across seeds (swarm testing).
#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "src/fault/fault_campaign.hpp"

using namespace whatsim;

namespace {
RandomFaultsSpec spec_with_seed(std::uint64_t seed) {
  RandomFaultsSpec spec;
  spec.enabled = true;
  spec.seed = seed;
  spec.count = 40;
  spec.from_s = 60;
  spec.until_s = 360;
  spec.min_duration_s = 10;
  spec.max_duration_s = 60;
  spec.kinds = {"crash", "slow", "link_down", "link_loss", "latency_spike", "partition"};
  spec.slow_factor = 4;
  spec.loss_share = 0.3;
  spec.extra_latency_ms = 200;
  return spec;
}

// Four regions in a full mesh; media off, so its tiers have no servers.
CampaignTargets four_regions() {
  CampaignTargets t;
  t.servers_per_tier = {{"chat_server", 8}, {"message_service", 2}, {"broker", 3}, {"asset_service", 0}};
  t.region_count = 4;
  t.links = {{0, 1}, {1, 2}, {2, 3}, {0, 3}, {0, 2}, {1, 3}};
  return t;
}

bool same_fault(const Fault& a, const Fault& b) {
  return a.kind == b.kind && a.start_s == b.start_s && a.end_s == b.end_s && a.tier == b.tier && a.index == b.index &&
         a.slow_factor == b.slow_factor && a.region_a == b.region_a && a.region_b == b.region_b &&
         a.loss_share == b.loss_share && a.extra_latency_s == b.extra_latency_s && a.shape == b.shape &&
         a.region == b.region;
}

bool same_campaign(const std::vector<Fault>& a, const std::vector<Fault>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_fault);
}
}  // namespace

TEST_CASE("the same seed draws the same campaign, another seed another one", "[fault][campaign]") {
  const auto first = draw_campaign(spec_with_seed(42), four_regions());
  const auto again = draw_campaign(spec_with_seed(42), four_regions());
  REQUIRE(first.size() == 40);
  CHECK(same_campaign(first, again));
  CHECK(campaign_kinds(spec_with_seed(42), four_regions()) == campaign_kinds(spec_with_seed(42), four_regions()));
  CHECK_FALSE(same_campaign(first, draw_campaign(spec_with_seed(43), four_regions())));
}

TEST_CASE("campaign faults start between from_s and until_s and last between the two durations", "[fault][campaign]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    INFO("seed " << seed);
    for (const Fault& f : draw_campaign(spec_with_seed(seed), four_regions())) {
      CHECK(f.start_s >= 60);
      CHECK(f.start_s < 360);
      CHECK(f.end_s - f.start_s >= Approx(10));
      CHECK(f.end_s - f.start_s <= Approx(60));
    }
  }
}

TEST_CASE("campaign targets exist: built servers, deployment links, shapes the regions allow", "[fault][campaign]") {
  const CampaignTargets targets = four_regions();
  std::set<std::string> tiers_hit;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    for (const Fault& f : draw_campaign(spec_with_seed(seed), targets)) {
      INFO("seed " << seed << ": " << f.label({"r0", "r1", "r2", "r3"}));
      switch (f.kind) {
        case FaultKind::crash:
        case FaultKind::slow:
          REQUIRE(targets.servers_per_tier.count(f.tier) == 1);
          CHECK(f.index < targets.servers_per_tier.at(f.tier));
          tiers_hit.insert(f.tier);
          break;
        case FaultKind::link_down:
        case FaultKind::link_loss:
        case FaultKind::latency_spike:
          CHECK(std::count(targets.links.begin(), targets.links.end(), RegionLink{f.region_a, f.region_b}) == 1);
          break;
        case FaultKind::partition:
          CHECK(min_regions(f.shape) <= targets.region_count);
          CHECK(f.region < targets.region_count);
          break;
      }
    }
  }
  CHECK(tiers_hit == std::set<std::string>{"chat_server", "message_service", "broker"});  // never asset_service
}

TEST_CASE("a drawn fault does what the spec says its kind does", "[fault][campaign]") {
  RandomFaultsSpec spec = spec_with_seed(5);
  spec.slow_factor = 3;
  spec.loss_share = 0.25;
  spec.extra_latency_ms = 150;
  std::set<FaultKind> seen;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    spec.seed = seed;
    for (const Fault& f : draw_campaign(spec, four_regions())) {
      seen.insert(f.kind);
      CHECK(f.slow_factor == (f.kind == FaultKind::slow ? 3 : 1));
      CHECK(f.loss_share == (f.kind == FaultKind::link_loss ? 0.25 : 0));
      CHECK(f.extra_latency_s == (f.kind == FaultKind::latency_spike ? Approx(0.15) : Approx(0)));
    }
  }
  CHECK(seen.size() == 6);  // over 20 seeds every kind occurs
}

TEST_CASE("each seed enables a non-empty subset of the kinds, and different seeds enable different subsets",
          "[fault][campaign]") {
  std::set<std::vector<FaultKind>> subsets;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    INFO("seed " << seed);
    const auto enabled = campaign_kinds(spec_with_seed(seed), four_regions());
    CHECK_FALSE(enabled.empty());
    subsets.insert(enabled);
    for (const Fault& f : draw_campaign(spec_with_seed(seed), four_regions()))
      CHECK(std::count(enabled.begin(), enabled.end(), f.kind) == 1);
  }
  CHECK(subsets.size() >= 10);  // 63 possible subsets: 20 seeds rarely repeat
}

TEST_CASE("a partition on two regions is never a bridge or a majorities ring", "[fault][campaign]") {
  RandomFaultsSpec spec = spec_with_seed(1);
  spec.kinds = {"partition"};
  CampaignTargets targets = four_regions();
  targets.region_count = 2;
  targets.links = {{0, 1}};
  std::set<PartitionShape> shapes;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    spec.seed = seed;
    for (const Fault& f : draw_campaign(spec, targets)) shapes.insert(f.shape);
  }
  CHECK(shapes == std::set<PartitionShape>{PartitionShape::isolate, PartitionShape::halves, PartitionShape::one_way});
}

TEST_CASE("kinds without a target are left out; with none left the campaign refuses", "[fault][campaign][edge]") {
  RandomFaultsSpec spec = spec_with_seed(3);
  CampaignTargets one_region = four_regions();
  one_region.region_count = 1;
  one_region.links.clear();
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    spec.seed = seed;
    for (FaultKind kind : campaign_kinds(spec, one_region))
      CHECK((kind == FaultKind::crash || kind == FaultKind::slow));
  }
  spec.kinds = {"link_down", "partition"};
  CHECK_THROWS_AS(draw_campaign(spec, one_region), std::invalid_argument);
  spec.kinds = {"crash", "crash"};  // a repeat counts once
  CHECK(campaign_kinds(spec, one_region) == std::vector<FaultKind>{FaultKind::crash});
}

TEST_CASE("equal duration bounds give that duration; reversed bounds are refused", "[fault][campaign][edge]") {
  RandomFaultsSpec spec = spec_with_seed(9);
  spec.min_duration_s = spec.max_duration_s = 30;
  for (const Fault& f : draw_campaign(spec, four_regions())) CHECK(f.end_s - f.start_s == Approx(30));
  spec.min_duration_s = 31;
  CHECK_THROWS_AS(draw_campaign(spec, four_regions()), std::invalid_argument);
  spec = spec_with_seed(9);
  spec.until_s = spec.from_s;
  CHECK_THROWS_AS(draw_campaign(spec, four_regions()), std::invalid_argument);
}
