#include <catch2/catch.hpp>

#include "src/protocol/offline_store.hpp"

using namespace whatsim;

namespace {

constexpr double kThirtyDays = 30.0 * 24 * 3600;

ChatFrame message(std::uint32_t counter, std::uint32_t bytes, DeviceId to = 50) {
  ChatFrame f;
  f.kind = FrameKind::message;
  f.id = MessageId{1, counter};
  f.recipient_device = to;
  f.body_bytes = bytes;
  return f;
}

}  // namespace

TEST_CASE("OfflineStore: FIFO per device with exact counts", "[protocol][store]") {
  OfflineStore store(kThirtyDays);
  CHECK(store.enqueue(50, message(1, 100), 0));
  CHECK(store.enqueue(50, message(2, 200), 1));
  CHECK(store.enqueue(51, message(1, 100, 51), 1));
  CHECK(store.frames() == 3);
  CHECK(store.bytes() == 400);
  CHECK(store.devices_with_frames() == 2);
  const auto pending = store.pending(50);
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].id.counter == 1);
  CHECK(pending[1].id.counter == 2);
  CHECK(store.pending(99).empty());
}

TEST_CASE("OfflineStore: a retried store keeps one copy", "[protocol][store]") {
  OfflineStore store(kThirtyDays);
  REQUIRE(store.enqueue(50, message(1, 100), 0));
  CHECK_FALSE(store.enqueue(50, message(1, 100), 5));
  ChatFrame receipt = message(1, 0);
  receipt.kind = FrameKind::delivered_receipt;
  CHECK(store.enqueue(50, receipt, 5));  // same message, other kind: a different frame
  CHECK(store.frames() == 2);
  CHECK(store.bytes() == 100);
}

TEST_CASE("OfflineStore: a duplicate delivery receipt acknowledges nothing", "[protocol][store][edge]") {
  OfflineStore store(kThirtyDays);
  store.enqueue(50, message(1, 100), 0);
  CHECK(store.acknowledge(50, MessageId{1, 1}, FrameKind::message));
  CHECK_FALSE(store.acknowledge(50, MessageId{1, 1}, FrameKind::message));
  CHECK(store.frames() == 0);
  CHECK(store.bytes() == 0);
  CHECK(store.devices_with_frames() == 0);
}

TEST_CASE("OfflineStore: acknowledge finds a frame behind the front", "[protocol][store]") {
  OfflineStore store(kThirtyDays);
  store.enqueue(50, message(1, 100), 0);
  store.enqueue(50, message(2, 200), 0);
  store.enqueue(50, message(3, 300), 0);
  CHECK(store.acknowledge(50, MessageId{1, 2}, FrameKind::message));
  CHECK_FALSE(store.acknowledge(50, MessageId{1, 2}, FrameKind::delivered_receipt));
  CHECK(store.frames() == 2);
  CHECK(store.bytes() == 400);
  const auto pending = store.pending(50);
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].id.counter == 1);
  CHECK(pending[1].id.counter == 3);
}

TEST_CASE("OfflineStore: a frame expires exactly at 30 days, not one second before", "[protocol][store][edge]") {
  OfflineStore store(kThirtyDays);
  const SimSeconds stored = 1000;
  store.enqueue(50, message(1, 100), stored);
  CHECK(store.expire(stored + kThirtyDays - 1).empty());
  CHECK(store.frames() == 1);
  const auto expired = store.expire(stored + kThirtyDays);
  REQUIRE(expired.size() == 1);
  CHECK(expired[0].frame.id == MessageId{1, 1});
  CHECK(expired[0].stored_at == stored);
  CHECK(store.frames() == 0);
  CHECK(store.bytes() == 0);
  CHECK(store.devices_with_frames() == 0);
}

TEST_CASE("OfflineStore: expiry takes only the old frames, oldest first", "[protocol][store]") {
  OfflineStore store(kThirtyDays);
  store.enqueue(51, message(1, 10, 51), 0);
  store.enqueue(50, message(2, 20), 5);
  store.enqueue(50, message(3, 30), 10);
  const auto expired = store.expire(kThirtyDays + 5);
  REQUIRE(expired.size() == 2);
  CHECK(expired[0].stored_at == 0);
  CHECK(expired[1].stored_at == 5);
  CHECK(store.frames() == 1);
  CHECK(store.bytes() == 30);
  CHECK(store.devices_with_frames() == 1);
}
