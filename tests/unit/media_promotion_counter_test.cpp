#include <catch2/catch.hpp>

#include <stdexcept>

#include "src/media/promotion_counter.hpp"

using namespace whatsim;

TEST_CASE("PromotionCounter promotes an asset exactly at the threshold-th request", "[media][promotion]") {
  PromotionCounter counter(3);
  for (int i = 1; i <= 2; ++i) {
    const PromotionCounter::Count c = counter.on_request(42);
    CHECK(c.requests == static_cast<std::uint64_t>(i));
    CHECK_FALSE(c.promoted);
    CHECK_FALSE(c.promoted_now);
  }
  CHECK_FALSE(counter.promoted(42));

  const PromotionCounter::Count third = counter.on_request(42);
  CHECK(third.requests == 3);
  CHECK(third.promoted);
  CHECK(third.promoted_now);
  CHECK(counter.promoted(42));

  const PromotionCounter::Count fourth = counter.on_request(42);
  CHECK(fourth.promoted);
  CHECK_FALSE(fourth.promoted_now);
  CHECK(counter.promotions() == 1);
  CHECK(counter.requests(42) == 4);
}

TEST_CASE("PromotionCounter counts each asset on its own", "[media][promotion]") {
  PromotionCounter counter(2);
  counter.on_request(1);
  counter.on_request(2);
  CHECK(counter.on_request(1).promoted_now);
  CHECK_FALSE(counter.promoted(2));
  CHECK(counter.requests(2) == 1);
  CHECK(counter.requests(3) == 0);
  CHECK_FALSE(counter.promoted(3));
}

TEST_CASE("PromotionCounter with threshold 1 promotes on the first request", "[media][promotion][edge]") {
  PromotionCounter counter(1);
  const PromotionCounter::Count first = counter.on_request(9);
  CHECK(first.promoted_now);
  CHECK(counter.promotions() == 1);
}

TEST_CASE("PromotionCounter refuses a threshold of 0", "[media][promotion][edge]") {
  CHECK_THROWS_AS(PromotionCounter(0), std::invalid_argument);
}
