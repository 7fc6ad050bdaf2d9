#include <catch2/catch.hpp>

#include <stdexcept>

#include "src/crypto/prekey_store.hpp"

using namespace whatsim;

TEST_CASE("A one-time prekey is handed out at most once; an exhausted stock gives a bundle without one",
          "[crypto][prekeys]") {
  const std::uint32_t batch = 3;
  PrekeyStore store(2, batch, 1);
  for (std::uint32_t i = 0; i < batch; ++i) CHECK(store.fetch(0).one_time_prekey);
  CHECK(store.stock(0) == 0);
  CHECK_FALSE(store.fetch(0).one_time_prekey);
  CHECK(store.fetches() == batch + 1);
  CHECK(store.exhausted_fetches() == 1);
  CHECK(store.stock(1) == batch);  // another device's stock is its own
}

TEST_CASE("Replenishment is asked exactly when a fetch leaves the stock at the threshold, and not again until "
          "it arrives",
          "[crypto][prekeys]") {
  PrekeyStore store(1, 5, 2);
  CHECK_FALSE(store.fetch(0).replenish);  // 4 left
  CHECK_FALSE(store.fetch(0).replenish);  // 3 left
  CHECK(store.fetch(0).replenish);        // 2 left: the threshold
  CHECK_FALSE(store.fetch(0).replenish);  // 1 left: already asked
  CHECK_FALSE(store.fetch(0).replenish);  // 0 left
  CHECK_FALSE(store.fetch(0).replenish);  // exhausted
  CHECK(store.exhausted_fetches() == 1);
  store.replenish(0, 3);
  CHECK(store.stock(0) == 3);
  CHECK(store.fetch(0).replenish);  // down to the threshold again: asked again
  CHECK(store.replenishments() == 1);
}

TEST_CASE("A replenishment restores the device's stock", "[crypto][prekeys]") {
  PrekeyStore store(3, 10, 4);
  for (int i = 0; i < 7; ++i) store.fetch(1);
  CHECK(store.stock(1) == 3);
  CHECK(store.stock_min() == 3);
  CHECK(store.stock_mean() == Approx((10 + 3 + 10) / 3.0));
  store.replenish(1, 7);
  CHECK(store.stock(1) == 10);
  CHECK(store.stock_min() == 10);
  CHECK(store.stock_mean() == 10);
  CHECK(store.fetch(1).one_time_prekey);
}

TEST_CASE("A prekey threshold at or above the batch is refused", "[crypto][prekeys]") {
  CHECK_THROWS_AS(PrekeyStore(4, 5, 5), std::invalid_argument);
  CHECK_THROWS_AS(PrekeyStore(4, 5, 6), std::invalid_argument);
  CHECK_NOTHROW(PrekeyStore(4, 5, 4));
}

TEST_CASE("A fetch for a device the store does not know throws", "[crypto][prekeys]") {
  PrekeyStore store(2, 5, 1);
  CHECK_THROWS_AS(store.fetch(2), std::out_of_range);
  CHECK(store.fetches() == 0);
}
