#include <catch2/catch.hpp>

#include "src/protocol/outbox.hpp"

using namespace whatsim;

namespace {

ChatFrame with_id(MessageId id) {
  ChatFrame f;
  f.id = id;
  return f;
}

}  // namespace

TEST_CASE("Outbox: ids count from 1 per device", "[protocol][outbox]") {
  Outbox box;
  CHECK(box.mint(3) == MessageId{3, 1});
  CHECK(box.mint(3) == MessageId{3, 2});
  CHECK(box.mint(4) == MessageId{4, 1});
}

TEST_CASE("Outbox: unacknowledged frames come back oldest first", "[protocol][outbox]") {
  Outbox box;
  const MessageId a = box.mint(3), b = box.mint(3), c = box.mint(3);
  box.add(3, with_id(a));
  box.add(3, with_id(b));
  box.add(3, with_id(c));
  CHECK(box.acknowledge(3, b));
  const auto again = box.unacknowledged(3);
  REQUIRE(again.size() == 2);
  CHECK(again[0].id == a);
  CHECK(again[1].id == c);
  CHECK(box.size() == 2);
}

TEST_CASE("Outbox: a duplicate acknowledgement removes nothing", "[protocol][outbox]") {
  Outbox box;
  const MessageId a = box.mint(3);
  box.add(3, with_id(a));
  CHECK(box.acknowledge(3, a));
  CHECK_FALSE(box.acknowledge(3, a));
  CHECK_FALSE(box.acknowledge(9, a));
  CHECK(box.size() == 0);
  CHECK(box.unacknowledged(3).empty());
}

TEST_CASE("Outbox: holds tells whether a message still waits for its acknowledgement", "[protocol][outbox]") {
  Outbox box;
  const MessageId a = box.mint(3), b = box.mint(3);
  box.add(3, with_id(a));
  CHECK(box.holds(3, a));
  CHECK_FALSE(box.holds(3, b));
  CHECK_FALSE(box.holds(4, a));
  box.acknowledge(3, a);
  CHECK_FALSE(box.holds(3, a));
}
