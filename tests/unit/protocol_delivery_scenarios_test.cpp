// Edge cases of delivery that span several components, played step by step the way the
// model drives them: manager, route cache, sequencer, store, inbox and receipts together.
#include <catch2/catch.hpp>

#include <vector>

#include "src/protocol/device_inbox.hpp"
#include "src/protocol/offline_store.hpp"
#include "src/protocol/receipt_state.hpp"
#include "src/protocol/route_cache.hpp"
#include "src/protocol/stream_sequencer.hpp"
#include "src/protocol/websocket_manager.hpp"

using namespace whatsim;

namespace {

constexpr double kThirtyDays = 30.0 * 24 * 3600;
constexpr UserId kAlice = 1, kBob = 2;
constexpr DeviceId kAlicePhone = 10, kBobPhone = 20;

// Alice's phone sends message `counter` to one of Bob's devices, numbered by `seq`.
ChatFrame to_bob(StreamSequencer& seq, std::uint32_t counter, DeviceId device = kBobPhone) {
  ChatFrame f;
  f.id = MessageId{kAlicePhone, counter};
  f.sender = kAlice;
  f.recipient = kBob;
  f.recipient_device = device;
  f.body_bytes = 100 * counter;
  f.seq = seq.assign(f.stream(), f.id).seq;
  return f;
}

std::vector<Seq> seqs(const std::vector<ChatFrame>& frames) {
  std::vector<Seq> out;
  for (const ChatFrame& f : frames) out.push_back(f.seq);
  return out;
}

}  // namespace

TEST_CASE("Reconnect to another server in mid-delivery: invalidate, ignore the stale close, dedupe and reorder",
          "[protocol][scenario][edge]") {
  WebSocketManager manager;
  RouteCache alice_server_cache;  // on server 0, where Alice is connected
  StreamSequencer sequencer;
  OfflineStore store(kThirtyDays);
  DeviceInbox bob_inbox;

  const Epoch first_epoch = manager.connect(kBob, kBobPhone, 1).epoch;
  REQUIRE(alice_server_cache.lookup(kBob) == RouteCache::Lookup::miss_ask);
  alice_server_cache.fill(kBob, manager.lookup(kBob, kBobPhone, 1, 0));
  REQUIRE(alice_server_cache.routes(kBob)[0].server == 1);

  // Messages 1 and 2 are stored; 1 is pushed live and reaches the app, but its delivery
  // receipt dies with the old connection; 2 was still on its way.
  const ChatFrame m1 = to_bob(sequencer, 1), m2 = to_bob(sequencer, 2);
  REQUIRE(store.enqueue(kBobPhone, m1, 0));
  REQUIRE(store.enqueue(kBobPhone, m2, 0));
  REQUIRE(seqs(bob_inbox.receive(kBobPhone, m1).deliver) == std::vector<Seq>{1});

  // Bob's phone reconnects to server 2: server 0's cached route is now wrong.
  const auto moved = manager.connect(kBob, kBobPhone, 2);
  CHECK(moved.invalidate == std::vector<ServerId>{0});
  CHECK(alice_server_cache.invalidate(kBob));
  CHECK(manager.disconnect(kBob, kBobPhone, first_epoch).empty());  // the old socket's late close

  // Message 3: server 0 asks again and pushes it live on the new connection before the drain.
  REQUIRE(alice_server_cache.lookup(kBob) == RouteCache::Lookup::miss_ask);
  alice_server_cache.fill(kBob, manager.lookup(kBob, kBobPhone, 1, 0));
  CHECK(alice_server_cache.routes(kBob)[0].server == 2);
  CHECK(alice_server_cache.routes(kBob)[0].epoch == moved.epoch);
  const ChatFrame m3 = to_bob(sequencer, 3);
  REQUIRE(store.enqueue(kBobPhone, m3, 1));
  CHECK(bob_inbox.receive(kBobPhone, m3).deliver.empty());
  CHECK(bob_inbox.held_back() == 1);

  // The drain re-sends 1 (receipt lost), 2 and 3.
  const auto drained = store.pending(kBobPhone);
  REQUIRE(seqs(drained) == std::vector<Seq>{1, 2, 3});
  const auto r1 = bob_inbox.receive(kBobPhone, drained[0]);
  CHECK(r1.duplicate);
  CHECK(r1.deliver.empty());
  CHECK(seqs(bob_inbox.receive(kBobPhone, drained[1]).deliver) == std::vector<Seq>{2, 3});
  CHECK(bob_inbox.receive(kBobPhone, drained[2]).duplicate);
  CHECK(bob_inbox.held_back() == 0);
  CHECK(bob_inbox.delivered_up_to(kBobPhone, stream_of(kAlice, kBob)) == 3);

  // Every copy acknowledged once, including the duplicate (the device acks it again).
  for (const ChatFrame& f : drained) CHECK(store.acknowledge(kBobPhone, f.id, FrameKind::message));
  CHECK(store.frames() == 0);
  CHECK(store.bytes() == 0);
  CHECK(sequencer.last(stream_of(kAlice, kBob)) == 3);
}

TEST_CASE("A duplicate delivery receipt deletes nothing and leaves the checks alone", "[protocol][scenario][edge]") {
  StreamSequencer sequencer;
  OfflineStore store(kThirtyDays);
  ReceiptState checks;
  Receipt bob_phone = Receipt::sent;

  const ChatFrame m1 = to_bob(sequencer, 1);
  store.enqueue(kBobPhone, m1, 0);
  checks.on_server_ack();

  for (int copy = 0; copy < 2; ++copy) {
    const bool deleted = store.acknowledge(kBobPhone, m1.id, FrameKind::message);
    const Receipt previous = bob_phone;
    advance(bob_phone, Receipt::delivered);
    const bool changed = checks.on_device_receipt(previous, bob_phone);
    CHECK(deleted == (copy == 0));
    CHECK(changed == (copy == 0));
  }
  CHECK(checks.shown() == Receipt::delivered);
  CHECK(checks.delivered_devices() == 1);
  CHECK(store.frames() == 0);
}

TEST_CASE("A device offline for the whole run keeps its copies pending with exact counts",
          "[protocol][scenario][edge]") {
  constexpr DeviceId kBobTablet = kBobPhone + 1;  // never connects
  WebSocketManager manager;
  StreamSequencer sequencer;
  OfflineStore store(kThirtyDays);
  ReceiptState checks[3];

  manager.connect(kBob, kBobPhone, 1);
  const auto routes = manager.lookup(kBob, kBobPhone, 2, 0);
  REQUIRE(routes.size() == 2);
  CHECK(routes[1].server == kNoServer);

  std::uint64_t tablet_bytes = 0;
  for (std::uint32_t c = 1; c <= 3; ++c) {
    const ChatFrame phone_copy = to_bob(sequencer, c, kBobPhone);
    ChatFrame tablet_copy = phone_copy;
    tablet_copy.recipient_device = kBobTablet;
    store.enqueue(kBobPhone, phone_copy, c);
    store.enqueue(kBobTablet, tablet_copy, c);
    tablet_bytes += tablet_copy.body_bytes;
    // The phone gets it and acknowledges: one device suffices for two checks.
    CHECK(store.acknowledge(kBobPhone, phone_copy.id, FrameKind::message));
    checks[c - 1].on_server_ack();
    CHECK(checks[c - 1].on_device_receipt(Receipt::sent, Receipt::delivered));
  }

  CHECK(store.expire(kThirtyDays).empty());  // the run ends before retention
  CHECK(store.frames() == 3);
  CHECK(store.bytes() == tablet_bytes);
  CHECK(store.devices_with_frames() == 1);
  CHECK(seqs(store.pending(kBobTablet)) == std::vector<Seq>{1, 2, 3});
  CHECK(store.pending(kBobPhone).empty());
  for (const auto& c : checks) CHECK(c.shown() == Receipt::delivered);
}

TEST_CASE("A user with three devices: three routes, two checks at the first delivery",
          "[protocol][scenario][multi-device]") {
  WebSocketManager manager;
  for (DeviceId d = kBobPhone; d < kBobPhone + 3; ++d) manager.connect(kBob, d, d % 2);
  const auto routes = manager.lookup(kBob, kBobPhone, 3, 0);
  REQUIRE(routes.size() == 3);
  for (std::size_t i = 0; i < routes.size(); ++i) {
    CHECK(routes[i].device == kBobPhone + i);
    CHECK(routes[i].server != kNoServer);
  }

  ReceiptState checks(1);
  checks.on_server_ack();
  CHECK(checks.on_device_receipt(Receipt::sent, Receipt::delivered));
  CHECK(checks.shown() == Receipt::delivered);
  CHECK_FALSE(checks.on_device_receipt(Receipt::sent, Receipt::delivered));
  CHECK(checks.delivered_devices() == 2);
}
