#include <catch2/catch.hpp>

#include "src/protocol/replica_directory.hpp"

using namespace whatsim;

TEST_CASE("ReplicaDirectory: shard s starts on host s with its secondary on the next host", "[protocol][replicas]") {
  const ReplicaDirectory r(3, true);
  CHECK(r.primary(0) == 0u);
  CHECK(r.secondary(0) == 1u);
  CHECK(r.secondary(2) == 0u);  // wraps around
  CHECK(r.holds(1, 0));
  CHECK_FALSE(r.holds(2, 0));
}

TEST_CASE("ReplicaDirectory: without replication (or with one host) there is no secondary", "[protocol][replicas]") {
  CHECK_FALSE(ReplicaDirectory(3, false).secondary(0));
  CHECK_FALSE(ReplicaDirectory(1, true).secondary(0));
}

TEST_CASE("ReplicaDirectory: a failed primary leaves its shard unanswered until the secondary is promoted",
          "[protocol][replicas][fault]") {
  ReplicaDirectory r(3, true);
  r.host_failed(0);
  CHECK_FALSE(r.primary(0));
  CHECK_FALSE(r.secondary(2));  // host 0 was shard 2's secondary
  CHECK(r.promote(0));
  CHECK(r.primary(0) == 1u);
  CHECK_FALSE(r.secondary(0));
  CHECK(r.latest_copy(0) == 1u);
  CHECK_FALSE(r.promote(0));  // nothing left to promote
}

TEST_CASE("ReplicaDirectory: a shard short of a secondary recruits the next live host, which serves once caught up",
          "[protocol][replicas][fault]") {
  ReplicaDirectory r(3, true);
  r.host_failed(0);
  r.promote(0);  // primary now host 1
  REQUIRE(r.recruit_candidate(0) == 2u);
  CHECK(r.recruit_candidate(1) == std::nullopt);  // shard 1 (primary 1, secondary 2) is whole
  r.caught_up(0, 2);
  CHECK(r.secondary(0) == 2u);
  CHECK(r.holds(2, 0));
  CHECK(r.recruit_candidate(0) == std::nullopt);
}

TEST_CASE("ReplicaDirectory: a recruit that failed meanwhile does not become secondary", "[protocol][replicas][edge]") {
  ReplicaDirectory r(3, true);
  r.host_failed(0);
  r.promote(0);
  r.host_failed(2);
  r.caught_up(0, 2);
  CHECK_FALSE(r.secondary(0));
}

TEST_CASE("ReplicaDirectory: with every copy down, only the copy that was primary last resumes the shard",
          "[protocol][replicas][fault]") {
  ReplicaDirectory r(2, true);
  r.host_failed(1);  // shard 0's secondary
  r.host_failed(0);  // then its primary: nothing to promote
  CHECK_FALSE(r.promote(0));
  CHECK(r.host_returned(1) == std::vector<std::uint32_t>{1});  // host 1 was shard 1's primary
  CHECK_FALSE(r.primary(0));                                    // host 1's copy of shard 0 may lag
  CHECK(r.host_returned(0) == std::vector<std::uint32_t>{0});
  CHECK(r.primary(0) == 0u);
}
