#include <cstdlib>

#include <catch2/catch.hpp>

#include "src/core/mix64.hpp"
#include "src/core/random_streams.hpp"

using namespace whatsim;

TEST_CASE("RandomStreams: the same seed and name give the same numbers", "[random]") {
  const RandomStreams a(42), b(42);
  Rng x = a.stream("arrivals");
  Rng y = b.stream("arrivals");
  for (int i = 0; i < 100; ++i) REQUIRE(x() == y());
}

TEST_CASE("RandomStreams: different names, indices or seeds give different streams", "[random]") {
  const RandomStreams s(42);
  CHECK(s.derive("arrivals", 0) != s.derive("sessions", 0));
  CHECK(s.derive("arrivals", 0) != s.derive("arrivals", 1));
  CHECK(s.derive("arrivals", 0) != RandomStreams(43).derive("arrivals", 0));
  Rng x = s.stream("arrivals");
  Rng y = s.stream("sessions");
  int equal = 0;
  for (int i = 0; i < 100; ++i) equal += x() == y() ? 1 : 0;
  CHECK(equal == 0);
}

TEST_CASE("RandomStreams: stream(name) is stream(name, 0)", "[random]") {
  const RandomStreams s(7);
  Rng x = s.stream("devices");
  Rng y = s.stream("devices", 0);
  REQUIRE(x() == y());
}

TEST_CASE("RandomStreams: derive is a fixed function of its inputs across builds", "[random]") {
  // Pinned value: a change here silently changes every scenario's run.
  CHECK(mix64(0) == 0);
  CHECK(mix64(1) == 0x5692161d100b05e5ull);
  CHECK(RandomStreams(1).derive("x", 0) == 0x8e04afb55ba511e4ull);
}

TEST_CASE("mix64 spreads consecutive ids evenly over shards", "[random]") {
  constexpr int kShards = 16;
  constexpr int kIds = 160000;
  int counts[kShards] = {};
  for (std::uint64_t id = 0; id < kIds; ++id) ++counts[mix64(id) % kShards];
  for (int c : counts) CHECK(std::abs(c - kIds / kShards) < kIds / kShards / 10);
}
