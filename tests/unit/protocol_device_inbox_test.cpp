#include <catch2/catch.hpp>

#include "src/protocol/device_inbox.hpp"

using namespace whatsim;

namespace {

constexpr DeviceId kDevice = 30;

ChatFrame numbered(Seq seq, UserId sender = 1) {
  ChatFrame f;
  f.kind = FrameKind::message;
  f.id = MessageId{sender * 100, seq};
  f.sender = sender;
  f.recipient = 2;
  f.recipient_device = kDevice;
  f.seq = seq;
  return f;
}

}  // namespace

TEST_CASE("DeviceInbox: in-order frames are delivered at once", "[protocol][inbox]") {
  DeviceInbox inbox;
  for (Seq s = 1; s <= 3; ++s) {
    const auto out = inbox.receive(kDevice, numbered(s));
    REQUIRE(out.deliver.size() == 1);
    CHECK(out.deliver[0].seq == s);
    CHECK_FALSE(out.duplicate);
  }
  CHECK(inbox.delivered_up_to(kDevice, stream_of(1, 2)) == 3);
}

TEST_CASE("DeviceInbox: a frame delivered before is a duplicate", "[protocol][inbox]") {
  DeviceInbox inbox;
  inbox.receive(kDevice, numbered(1));
  const auto out = inbox.receive(kDevice, numbered(1));
  CHECK(out.duplicate);
  CHECK(out.deliver.empty());
}

TEST_CASE("DeviceInbox: a frame ahead of a gap is held back until the gap fills", "[protocol][inbox]") {
  DeviceInbox inbox;
  CHECK(inbox.receive(kDevice, numbered(3)).deliver.empty());
  CHECK(inbox.receive(kDevice, numbered(2)).deliver.empty());
  CHECK(inbox.receive(kDevice, numbered(3)).deliver.empty());  // held twice: kept once
  CHECK(inbox.held_back() == 2);
  const auto out = inbox.receive(kDevice, numbered(1));
  REQUIRE(out.deliver.size() == 3);
  CHECK(out.deliver[0].seq == 1);
  CHECK(out.deliver[1].seq == 2);
  CHECK(out.deliver[2].seq == 3);
  CHECK(inbox.held_back() == 0);
}

TEST_CASE("DeviceInbox: release stops at the next gap", "[protocol][inbox]") {
  DeviceInbox inbox;
  inbox.receive(kDevice, numbered(2));
  inbox.receive(kDevice, numbered(4));
  CHECK(inbox.receive(kDevice, numbered(1)).deliver.size() == 2);
  CHECK(inbox.held_back() == 1);
  CHECK(inbox.delivered_up_to(kDevice, stream_of(1, 2)) == 2);
}

TEST_CASE("DeviceInbox: streams and devices are ordered independently", "[protocol][inbox]") {
  DeviceInbox inbox;
  CHECK(inbox.receive(kDevice, numbered(2, 1)).deliver.empty());
  CHECK(inbox.receive(kDevice, numbered(1, 7)).deliver.size() == 1);  // another sender's stream
  CHECK(inbox.receive(kDevice + 1, numbered(1, 1)).deliver.size() == 1);  // another device
  CHECK(inbox.held_back() == 1);
}

TEST_CASE("DeviceInbox: receipts pass straight through", "[protocol][inbox]") {
  DeviceInbox inbox;
  ChatFrame receipt = numbered(0);
  receipt.kind = FrameKind::read_receipt;
  const auto out = inbox.receive(kDevice, receipt);
  REQUIRE(out.deliver.size() == 1);
  CHECK(out.deliver[0].kind == FrameKind::read_receipt);
  CHECK_FALSE(out.duplicate);
  CHECK(inbox.receive(kDevice, receipt).deliver.size() == 1);
}

TEST_CASE("DeviceInbox: a group member's stream starts at its join notice", "[protocol][inbox][group]") {
  DeviceInbox inbox;
  auto group_frame = [](Seq seq, bool opens) {
    ChatFrame f = numbered(seq);
    f.group = 5;
    f.opens_stream = opens;
    return f;
  };
  CHECK(inbox.receive(kDevice, group_frame(41, false)).deliver.empty());  // pushed before the notice: held
  const auto joined = inbox.receive(kDevice, group_frame(40, true));
  REQUIRE(joined.deliver.size() == 2);
  CHECK(joined.deliver[0].seq == 40);
  CHECK(joined.deliver[1].seq == 41);
  CHECK(inbox.delivered_up_to(kDevice, group_stream(5)) == 41);
  CHECK(inbox.receive(kDevice, group_frame(40, true)).duplicate);  // drained again after a reconnect
}

TEST_CASE("DeviceInbox: without a join notice a group stream starts at seq 1", "[protocol][inbox][group]") {
  DeviceInbox inbox;
  ChatFrame f = numbered(3);
  f.group = 5;
  CHECK(inbox.receive(kDevice, f).deliver.empty());
  CHECK(inbox.held_back() == 1);
}

namespace {
ChatFrame in_group(Seq seq) {
  ChatFrame f = numbered(seq);
  f.group = 5;
  return f;
}
}  // namespace

// The device gets no copy of what it sent itself: without own(), every later message of the
// group would wait for that seq for ever.
TEST_CASE("DeviceInbox: a device's own group message does not hold back the next ones", "[protocol][inbox][group]") {
  DeviceInbox inbox;
  REQUIRE(inbox.receive(kDevice, in_group(1)).deliver.size() == 1);
  CHECK(inbox.own(kDevice, group_stream(5), 2).deliver.empty());
  const auto next = inbox.receive(kDevice, in_group(3));
  REQUIRE(next.deliver.size() == 1);
  CHECK(next.deliver[0].seq == 3);
  CHECK(inbox.delivered_up_to(kDevice, group_stream(5)) == 3);
}

TEST_CASE("DeviceInbox: messages that arrived before the acknowledgement of the device's own are released by it",
          "[protocol][inbox][group]") {
  DeviceInbox inbox;
  REQUIRE(inbox.receive(kDevice, in_group(1)).deliver.size() == 1);
  CHECK(inbox.receive(kDevice, in_group(3)).deliver.empty());  // seq 2 is the device's own, not yet acknowledged
  CHECK(inbox.receive(kDevice, in_group(4)).deliver.empty());
  CHECK(inbox.held_back() == 2);
  const auto unblocked = inbox.own(kDevice, group_stream(5), 2);
  REQUIRE(unblocked.deliver.size() == 2);
  CHECK(unblocked.deliver[0].seq == 3);
  CHECK(unblocked.deliver[1].seq == 4);
  CHECK(inbox.held_back() == 0);
}

TEST_CASE("DeviceInbox: an own message ahead of a gap waits in its place, and is never handed to the app",
          "[protocol][inbox][group][edge]") {
  DeviceInbox inbox;
  CHECK(inbox.own(kDevice, group_stream(5), 2).deliver.empty());  // seq 1 not here yet
  CHECK(inbox.held_back() == 0);                                  // an own slot is not a held frame
  CHECK(inbox.receive(kDevice, in_group(3)).deliver.empty());
  const auto filled = inbox.receive(kDevice, in_group(1));
  REQUIRE(filled.deliver.size() == 2);
  CHECK(filled.deliver[0].seq == 1);
  CHECK(filled.deliver[1].seq == 3);
  CHECK(inbox.delivered_up_to(kDevice, group_stream(5)) == 3);
  CHECK(inbox.own(kDevice, group_stream(5), 2).deliver.empty());  // a second acknowledgement changes nothing
  CHECK(inbox.delivered_up_to(kDevice, group_stream(5)) == 3);
}

TEST_CASE("DeviceInbox: a join notice past held slots does not leave later messages waiting behind them",
          "[protocol][inbox][group][edge]") {
  DeviceInbox inbox;
  CHECK(inbox.own(kDevice, group_stream(5), 10).deliver.empty());  // sent while seq 9 was missing; then left
  ChatFrame rejoined = in_group(20);
  rejoined.opens_stream = true;
  REQUIRE(inbox.receive(kDevice, rejoined).deliver.size() == 1);
  CHECK(inbox.receive(kDevice, in_group(22)).deliver.empty());  // ahead of 21
  const auto filled = inbox.receive(kDevice, in_group(21));
  REQUIRE(filled.deliver.size() == 2);
  CHECK(filled.deliver[1].seq == 22);
  CHECK(inbox.held_back() == 0);
}
