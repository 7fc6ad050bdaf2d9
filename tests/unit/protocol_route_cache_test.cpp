#include <catch2/catch.hpp>

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
