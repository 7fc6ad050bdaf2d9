#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "src/media/pop_cache.hpp"

using namespace whatsim;

TEST_CASE("PopCache: a miss fetches, a kept item then hits", "[media][cdn]") {
  PopCache pop(1000, "lru");
  CHECK(pop.request(1) == PopCache::Lookup::miss_fetch);
  const PopCache::Fill fill = pop.fetched(1, 300, true);
  CHECK(fill.kept);
  CHECK(fill.evicted.empty());
  CHECK(pop.contains(1));
  CHECK(pop.used_bytes() == 300);
  CHECK(pop.request(1) == PopCache::Lookup::hit);
  CHECK(pop.hits() == 1);
  CHECK(pop.misses() == 1);
  CHECK(pop.items() == 1);
}

TEST_CASE("PopCache collapses requests for an item already being fetched into one fetch", "[media][cdn]") {
  PopCache pop(1000, "lru");
  CHECK(pop.request(5) == PopCache::Lookup::miss_fetch);
  CHECK(pop.request(5) == PopCache::Lookup::miss_wait);
  CHECK(pop.request(5) == PopCache::Lookup::miss_wait);
  CHECK(pop.request(6) == PopCache::Lookup::miss_fetch);  // another item fetches on its own
  CHECK(pop.misses() == 4);
  CHECK(pop.collapsed() == 2);
  pop.fetched(5, 100, false);
  CHECK(pop.request(5) == PopCache::Lookup::miss_fetch);  // not kept: the next request fetches again
}

TEST_CASE("PopCache keeps a fetched item only when it is admitted", "[media][cdn]") {
  PopCache pop(1000, "lru");
  pop.request(1);
  const PopCache::Fill fill = pop.fetched(1, 300, false);
  CHECK_FALSE(fill.kept);
  CHECK_FALSE(pop.contains(1));
  CHECK(pop.used_bytes() == 0);
}

TEST_CASE("PopCache evicts in policy order until the new item fits", "[media][cdn]") {
  PopCache pop(1000, "lru");
  for (AssetId id : {1, 2, 3}) {
    pop.request(id);
    pop.fetched(id, 300, true);
  }
  pop.request(1);  // a hit: 2 is now the least recently used
  pop.request(4);
  const PopCache::Fill fill = pop.fetched(4, 500, true);  // 900 + 500: two must go
  CHECK(fill.kept);
  CHECK(fill.evicted == std::vector<AssetId>{2, 3});
  CHECK(pop.contains(1));
  CHECK(pop.contains(4));
  CHECK(pop.used_bytes() == 800);
  CHECK(pop.evictions() == 2);
}

TEST_CASE("PopCache does not keep an item larger than its capacity and evicts nothing for it", "[media][cdn][edge]") {
  PopCache pop(1000, "lru");
  pop.request(1);
  pop.fetched(1, 400, true);
  pop.request(2);
  const PopCache::Fill fill = pop.fetched(2, 1001, true);
  CHECK_FALSE(fill.kept);
  CHECK(fill.evicted.empty());
  CHECK(pop.contains(1));
  CHECK_FALSE(pop.contains(2));
  pop.request(3);
  CHECK(pop.fetched(3, 600, true).kept);  // exactly full is allowed
  CHECK(pop.used_bytes() == 1000);
}

TEST_CASE("PopCache: a fetch that returns without having been started throws", "[media][cdn][edge]") {
  PopCache pop(1000, "lru");
  CHECK_THROWS_AS(pop.fetched(1, 100, true), std::logic_error);
  pop.request(1);
  pop.fetched(1, 100, true);
  CHECK_THROWS_AS(pop.fetched(1, 100, true), std::logic_error);  // that fetch already ended
}

TEST_CASE("PopCache rejects an unknown eviction policy", "[media][cdn][edge]") {
  CHECK_THROWS_AS(PopCache(1000, "mru"), std::invalid_argument);
}
