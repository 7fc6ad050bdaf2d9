#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "src/group/consumer_group.hpp"

using namespace whatsim;

TEST_CASE("Every partition is consumed by exactly one handler", "[group][consumer]") {
  const ConsumerGroup consumers(10, 4);
  std::vector<int> readers(10, 0);
  for (HandlerId h = 0; h < 4; ++h)
    for (const PartitionId p : consumers.partitions_of(h)) {
      CHECK(consumers.handler_of(p) == h);
      ++readers[p];
    }
  for (PartitionId p = 0; p < 10; ++p) CHECK(readers[p] == 1);
  CHECK(consumers.partitions_of(1) == std::vector<PartitionId>{1, 5, 9});
  CHECK(ConsumerGroup(2, 4).partitions_of(3).empty());  // more handlers than partitions: some idle
}

TEST_CASE("A committed offset never goes back", "[group][consumer]") {
  ConsumerGroup consumers(4, 2);
  CHECK(consumers.committed(2) == 0);
  CHECK(consumers.commit(2, 5));
  CHECK(consumers.committed(2) == 5);
  CHECK_FALSE(consumers.commit(2, 3));  // a late commit from before
  CHECK(consumers.committed(2) == 5);
  CHECK(consumers.commit(2, 5));  // the same again is harmless
  CHECK(consumers.committed(3) == 0);  // partitions are independent
  CHECK_THROWS_AS(consumers.commit(4, 1), std::out_of_range);
}

TEST_CASE("Lag is the records between the committed offset and the end", "[group][consumer]") {
  ConsumerGroup consumers(1, 1);
  CHECK(consumers.lag(0, 7) == 7);
  consumers.commit(0, 4);
  CHECK(consumers.lag(0, 7) == 3);
  CHECK(consumers.lag(0, 4) == 0);
  CHECK_THROWS_AS(consumers.lag(0, 3), std::invalid_argument);
}
