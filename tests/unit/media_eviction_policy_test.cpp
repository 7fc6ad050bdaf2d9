#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "src/media/eviction_policy.hpp"

using namespace whatsim;

TEST_CASE("LRU evicts the least recently used item first and a hit refreshes it", "[media][eviction]") {
  const auto lru = make_eviction_policy("lru");
  CHECK(lru->victim() == kNoAsset);
  lru->inserted(1);
  lru->inserted(2);
  lru->inserted(3);
  CHECK(lru->victim() == 1);
  lru->touched(1);  // 2, 3, 1
  CHECK(lru->victim() == 2);
  lru->erased(2);
  CHECK(lru->victim() == 3);
  lru->touched(3);  // 1, 3
  CHECK(lru->victim() == 1);
  lru->erased(1);
  lru->erased(3);
  CHECK(lru->victim() == kNoAsset);
}

TEST_CASE("FIFO evicts in insertion order whatever is served", "[media][eviction]") {
  const auto fifo = make_eviction_policy("fifo");
  fifo->inserted(1);
  fifo->inserted(2);
  fifo->touched(1);
  fifo->touched(1);
  CHECK(fifo->victim() == 1);
  fifo->erased(1);
  CHECK(fifo->victim() == 2);
}

TEST_CASE("An eviction policy refuses an item inserted twice", "[media][eviction][edge]") {
  LruPolicy lru;
  lru.inserted(4);
  CHECK_THROWS_AS(lru.inserted(4), std::logic_error);
  CHECK(lru.victim() == 4);
  lru.touched(8);  // not tracked: nothing happens
  lru.erased(8);
  CHECK(lru.victim() == 4);
}

TEST_CASE("An unknown eviction policy name throws naming it", "[media][eviction][edge]") {
  CHECK_THROWS_AS(make_eviction_policy("random"), std::invalid_argument);
  CHECK_THROWS_WITH(make_eviction_policy("random"), Catch::Contains("\"random\""));
  CHECK_THROWS_WITH(make_eviction_policy("LRU"), Catch::Contains("\"LRU\""));  // names are exact
}
