#include <catch2/catch.hpp>

#include <vector>

#include "src/workload/device_directory.hpp"

using namespace whatsim;

TEST_CASE("DeviceDirectory: device counts follow the weights over 100k users", "[workload][devices]") {
  const std::vector<double> weights{0.6, 0.3, 0.1};
  Rng rng = RandomStreams(1).stream("devices");
  const DeviceDirectory dir(100000, weights, rng);
  REQUIRE(dir.users() == 100000);
  std::vector<int> counts(4, 0);
  for (UserId u = 0; u < dir.users(); ++u) {
    REQUIRE(dir.device_count(u) >= 1);
    REQUIRE(dir.device_count(u) <= 3);
    ++counts[dir.device_count(u)];
  }
  CHECK(counts[1] / 100000.0 == Approx(0.6).margin(0.01));
  CHECK(counts[2] / 100000.0 == Approx(0.3).margin(0.01));
  CHECK(counts[3] / 100000.0 == Approx(0.1).margin(0.01));
  CHECK(dir.devices() == static_cast<std::uint32_t>(counts[1] + 2 * counts[2] + 3 * counts[3]));
}

// With users of one device, of one to three, and of up to 100 (a user's devices span
// what a search might split); past the last device owner() answers users().
TEST_CASE("DeviceDirectory: devices are contiguous and owner() inverts first_device()", "[workload][devices]") {
  std::vector<double> one_or_hundred(100, 0.0);
  one_or_hundred[0] = 0.5;
  one_or_hundred[99] = 0.5;
  for (const std::vector<double>& weights : {std::vector<double>{0.5, 0.25, 0.25}, std::vector<double>{1.0}, one_or_hundred}) {
    Rng rng = RandomStreams(2).stream("devices");
    const DeviceDirectory dir(1000, weights, rng);
    DeviceId next = 0;
    for (UserId u = 0; u < dir.users(); ++u) {
      REQUIRE(dir.first_device(u) == next);
      for (DeviceId d = next; d < next + dir.device_count(u); ++d) REQUIRE(dir.owner(d) == u);
      next += dir.device_count(u);
    }
    CHECK(next == dir.devices());
    CHECK(dir.owner(dir.devices()) == dir.users());
    CHECK(dir.owner(dir.devices() + 1000) == dir.users());
  }
  Rng rng = RandomStreams(5).stream("devices");
  const DeviceDirectory empty(0, {1.0}, rng);
  CHECK(empty.owner(0) == 0);
}

TEST_CASE("DeviceDirectory: the same stream builds the same directory", "[workload][devices]") {
  Rng a = RandomStreams(3).stream("devices");
  Rng b = RandomStreams(3).stream("devices");
  const DeviceDirectory x(5000, {0.7, 0.2, 0.1}, a), y(5000, {0.7, 0.2, 0.1}, b);
  REQUIRE(x.devices() == y.devices());
  for (UserId u = 0; u < x.users(); ++u) REQUIRE(x.first_device(u) == y.first_device(u));
}

