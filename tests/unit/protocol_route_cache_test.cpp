#include <catch2/catch.hpp>

#include <stdexcept>

#include "src/protocol/route_cache.hpp"

using namespace whatsim;

TEST_CASE("RouteCache: miss, fill, then hit", "[protocol][cache]") {
  RouteCache cache;
  CHECK(cache.lookup(7) == RouteCache::Lookup::miss_ask);
  cache.fill(7, {DeviceRoute{70, 3, 1}});
  CHECK(cache.lookup(7) == RouteCache::Lookup::hit);
  REQUIRE(cache.routes(7).size() == 1);
  CHECK(cache.routes(7)[0].server == 3);
  CHECK(cache.size() == 1);
}

TEST_CASE("RouteCache: miss_wait while a lookup is pending", "[protocol][cache][edge]") {
  RouteCache cache;
  REQUIRE(cache.lookup(7) == RouteCache::Lookup::miss_ask);
  CHECK(cache.lookup(7) == RouteCache::Lookup::miss_wait);
  CHECK(cache.lookup(7) == RouteCache::Lookup::miss_wait);  // never a second question
  cache.fill(7, {DeviceRoute{70, 3, 1}});
  CHECK(cache.lookup(7) == RouteCache::Lookup::hit);
}

TEST_CASE("RouteCache: invalidate drops the entry once", "[protocol][cache]") {
  RouteCache cache;
  cache.lookup(7);
  cache.fill(7, {DeviceRoute{70, 3, 1}});
  CHECK(cache.invalidate(7));
  CHECK_FALSE(cache.invalidate(7));
  CHECK(cache.size() == 0);
  CHECK(cache.lookup(7) == RouteCache::Lookup::miss_ask);
}

TEST_CASE("RouteCache: routes of an unknown user are empty", "[protocol][cache]") {
  const RouteCache cache;
  CHECK(cache.routes(99).empty());
  CHECK(cache.size() == 0);
}

TEST_CASE("RouteCache: a user's devices come back in order, with their own servers and epochs",
          "[protocol][cache]") {
  RouteCache cache;
  cache.lookup(7);
  cache.fill(7, {DeviceRoute{70, 3, 1}, DeviceRoute{71, kNoServer, 4}, DeviceRoute{72, 5, 9}});
  const Routes routes = cache.routes(7);
  REQUIRE(routes.size() == 3);
  CHECK(routes[0].device == 70);
  CHECK(routes[1].device == 71);
  CHECK(routes[1].server == kNoServer);
  CHECK(routes[1].epoch == 4);
  CHECK(routes[2].device == 72);
  CHECK(routes[2].server == 5);
  CHECK(routes[2].epoch == 9);
}

TEST_CASE("RouteCache: a later fill replaces every device's route", "[protocol][cache]") {
  RouteCache cache;
  cache.lookup(7);
  cache.fill(7, {DeviceRoute{70, 3, 1}, DeviceRoute{71, 3, 1}});
  cache.fill(7, {DeviceRoute{70, 8, 2}});
  const Routes routes = cache.routes(7);
  REQUIRE(routes.size() == 1);
  CHECK(routes[0].server == 8);
  CHECK(routes[0].epoch == 2);
}

TEST_CASE("RouteCache: a user with no devices has no routes, and is still a hit", "[protocol][cache][edge]") {
  RouteCache cache;
  cache.lookup(7);
  cache.fill(7, {});
  CHECK(cache.lookup(7) == RouteCache::Lookup::hit);
  CHECK(cache.routes(7).empty());
}

TEST_CASE("RouteCache: routes whose devices are not consecutive are refused", "[protocol][cache][edge]") {
  RouteCache cache;
  cache.lookup(7);
  CHECK_THROWS_AS(cache.fill(7, {DeviceRoute{70, 3, 1}, DeviceRoute{72, 3, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(cache.fill(7, {DeviceRoute{71, 3, 1}, DeviceRoute{70, 3, 1}}), std::invalid_argument);
}

TEST_CASE("RouteCache: thousands of users with one to three devices keep their own routes through growth",
          "[protocol][cache]") {
  // However the cache lays its entries out (a table may move them as it grows; a user's
  // later devices may be kept apart from the first), every user must get back exactly the
  // routes of its last fill, with as many devices as that fill had.
  RouteCache cache;
  auto routes_of = [](UserId u, Epoch epoch) {
    std::vector<DeviceRoute> r;
    for (std::uint32_t i = 0; i < 1 + u % 3; ++i)
      r.push_back(DeviceRoute{10 * u + i, (u + i) % 5 == 0 ? kNoServer : (u + i) % 7, epoch + i});
    return r;
  };
  constexpr UserId kUsers = 5000;
  for (UserId u = 1; u <= kUsers; ++u) {
    REQUIRE(cache.lookup(u) == RouteCache::Lookup::miss_ask);
    cache.fill(u, routes_of(u, 1));
  }
  for (UserId u = 3; u <= kUsers; u += 3) CHECK(cache.invalidate(u));
  auto refilled = [](UserId u) { return u % 4 == 2 && u % 3 != 0; };
  for (UserId u = 1; u <= kUsers; ++u)
    if (refilled(u)) cache.fill(u, routes_of(u + 1, 40));  // fewer or more devices than before
  CHECK(cache.size() == kUsers - kUsers / 3);
  for (UserId u = 1; u <= kUsers; ++u) {
    const Routes got = cache.routes(u);
    if (u % 3 == 0) {
      CHECK(got.empty());
      CHECK(cache.lookup(u) == RouteCache::Lookup::miss_ask);
      continue;
    }
    const std::vector<DeviceRoute> want = refilled(u) ? routes_of(u + 1, 40) : routes_of(u, 1);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      CHECK(got[i].device == want[i].device);
      CHECK(got[i].server == want[i].server);
      CHECK(got[i].epoch == want[i].epoch);
    }
  }
}
