#include <catch2/catch.hpp>

#include <cmath>

#include "src/workload/profile_assignment.hpp"

using namespace whatsim;

TEST_CASE("device profiles are assigned to users by their shares", "[workload][crypto]") {
  Rng rng(42);
  const std::uint32_t users = 100000;
  const auto profile = assign_profiles(users, {0.3, 0.5, 0.2}, rng);
  REQUIRE(profile.size() == users);
  std::uint32_t counts[3] = {};
  for (auto p : profile) {
    REQUIRE(p < 3);
    counts[p] += 1;
  }
  const double shares[3] = {0.3, 0.5, 0.2};
  for (int p = 0; p < 3; ++p) {
    const double sd = std::sqrt(users * shares[p] * (1 - shares[p]));
    CHECK(std::abs(counts[p] - users * shares[p]) < 5 * sd);
  }
}

TEST_CASE("one seed assigns the same profiles", "[workload][crypto]") {
  Rng a(7), b(7);
  CHECK(assign_profiles(1000, {0.5, 0.5}, a) == assign_profiles(1000, {0.5, 0.5}, b));
}

TEST_CASE("profile assignment refuses no profiles and all-zero shares", "[workload][crypto]") {
  Rng rng(1);
  CHECK_THROWS_AS(assign_profiles(10, {}, rng), std::invalid_argument);
  CHECK_THROWS_AS(assign_profiles(10, {0, 0}, rng), std::invalid_argument);
}
