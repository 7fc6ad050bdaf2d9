// Fault kinds and shapes by name, and the one-line label reports and logs show.
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "src/fault/fault.hpp"

using namespace whatsim;

namespace {
const std::vector<std::string> kRegions = {"americas", "europe-africa", "south-asia"};
}

TEST_CASE("fault kinds and partition shapes round-trip through their scenario names", "[fault]") {
  for (const char* name : {"crash", "slow", "link_down", "link_loss", "latency_spike", "partition"})
    CHECK(std::string(to_string(fault_kind_from(name))) == name);
  for (const char* name : {"isolate", "halves", "bridge", "majorities_ring", "one_way"})
    CHECK(std::string(to_string(partition_shape_from(name))) == name);
  CHECK_THROWS_AS(fault_kind_from("Crash"), std::invalid_argument);
  CHECK_THROWS_WITH(partition_shape_from("ring"), Catch::Contains("\"ring\""));
}

TEST_CASE("a fault's label names its kind and target", "[fault]") {
  Fault f;
  f.kind = FaultKind::crash;
  f.tier = "message_service";
  CHECK(f.label(kRegions) == "crash message_service[0]");
  f.kind = FaultKind::slow;
  f.tier = "chat_server";
  f.index = 2;
  f.slow_factor = 4;
  CHECK(f.label(kRegions) == "slow chat_server[2] x4");
  f.kind = FaultKind::link_down;
  f.region_a = 0;
  f.region_b = 1;
  CHECK(f.label(kRegions) == "link_down americas-europe-africa");
  f.kind = FaultKind::link_loss;
  f.loss_share = 0.3;
  CHECK(f.label(kRegions) == "link_loss americas-europe-africa 30%");
  f.kind = FaultKind::latency_spike;
  f.extra_latency_s = 0.2;
  CHECK(f.label(kRegions) == "latency_spike americas-europe-africa +200ms");
  f.kind = FaultKind::partition;
  f.region = 1;
  CHECK(f.label(kRegions) == "partition isolate europe-africa");
  f.shape = PartitionShape::halves;
  CHECK(f.label(kRegions) == "partition halves");
  f.shape = PartitionShape::one_way;
  f.region = 7;  // not a region: the label still reads
  CHECK(f.label(kRegions) == "partition one_way region 7");
}

TEST_CASE("bridge and majorities_ring need three regions, the other shapes two", "[fault]") {
  CHECK(min_regions(PartitionShape::isolate) == 2);
  CHECK(min_regions(PartitionShape::halves) == 2);
  CHECK(min_regions(PartitionShape::one_way) == 2);
  CHECK(min_regions(PartitionShape::bridge) == 3);
  CHECK(min_regions(PartitionShape::majorities_ring) == 3);
  CHECK(shape_names_region(PartitionShape::bridge));
  CHECK_FALSE(shape_names_region(PartitionShape::majorities_ring));
}
