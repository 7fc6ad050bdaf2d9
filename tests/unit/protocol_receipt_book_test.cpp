// ReceiptBook: the sender's record of receipts per message and recipient device.
#include <catch2/catch.hpp>

#include "src/protocol/receipt_book.hpp"

using namespace whatsim;

namespace {
const MessageId kId{7, 1};
}

TEST_CASE("receipt book: acknowledgement shows one check", "[protocol]") {
  ReceiptBook book;
  const auto c = book.on_server_ack(kId);
  CHECK(c.shown_before == Receipt::none);
  CHECK(c.shown_after == Receipt::sent);
  CHECK(c.changed());
  CHECK_FALSE(book.on_server_ack(kId).changed());  // a retry's second acknowledgement
}

TEST_CASE("receipt book: one device's delivery shows two checks in one-to-one chat", "[protocol]") {
  ReceiptBook book;
  book.on_server_ack(kId);
  const auto c = book.on_receipt(kId, 42, Receipt::delivered);
  CHECK(c.shown_after == Receipt::delivered);
  CHECK(c.device_after == Receipt::delivered);
  CHECK_FALSE(c.regression);
  CHECK(book.shown(kId) == Receipt::delivered);
}

TEST_CASE("receipt book: a late delivered receipt after read neither lowers the state nor counts twice", "[protocol]") {
  ReceiptBook book;
  book.on_server_ack(kId);
  CHECK(book.on_receipt(kId, 42, Receipt::read).shown_after == Receipt::read);
  const auto late = book.on_receipt(kId, 42, Receipt::delivered);
  CHECK(late.regression);                      // reported lower than before...
  CHECK(late.device_after == Receipt::read);   // ...but the device's state stays read
  CHECK_FALSE(late.changed());
  CHECK(book.shown(kId) == Receipt::read);
}

TEST_CASE("receipt book: a receipt before the acknowledgement still counts", "[protocol]") {
  ReceiptBook book;
  CHECK(book.on_receipt(kId, 42, Receipt::delivered).shown_after == Receipt::delivered);
  CHECK_FALSE(book.on_server_ack(kId).changed());
  CHECK(book.shown(kId) == Receipt::delivered);
}

TEST_CASE("receipt book: when every device is required, two checks wait for the last one", "[protocol]") {
  ReceiptBook book(2);
  book.on_server_ack(kId);
  CHECK(book.on_receipt(kId, 1, Receipt::delivered).shown_after == Receipt::sent);
  CHECK(book.on_receipt(kId, 1, Receipt::delivered).shown_after == Receipt::sent);  // duplicate: no double count
  CHECK(book.on_receipt(kId, 2, Receipt::read).shown_after == Receipt::delivered);
  CHECK(book.on_receipt(kId, 1, Receipt::read).shown_after == Receipt::read);
  CHECK(book.tracked() == 1);
}

TEST_CASE("receipt book: a group message shows two checks only when every expected device has it", "[protocol][group]") {
  ReceiptBook book;
  book.expect(kId, 3);
  book.on_server_ack(kId);
  CHECK(book.on_receipt(kId, 10, Receipt::delivered).shown_after == Receipt::sent);
  CHECK(book.on_receipt(kId, 11, Receipt::delivered).shown_after == Receipt::sent);
  CHECK(book.on_receipt(kId, 11, Receipt::delivered).shown_after == Receipt::sent);  // repeated: still two of three
  CHECK(book.on_receipt(kId, 12, Receipt::delivered).shown_after == Receipt::delivered);
  CHECK(book.on_receipt(kId, 10, Receipt::read).shown_after == Receipt::delivered);  // blue needs all three
}

TEST_CASE("receipt book: each sender's messages are kept apart, whatever order they are heard of", "[protocol]") {
  ReceiptBook book;
  const MessageId third{7, 3}, first{7, 1}, other_sender{8, 3};
  CHECK(book.on_receipt(third, 42, Receipt::read).shown_after == Receipt::read);  // before 1 and 2 are heard of
  CHECK(book.tracked() == 1);
  CHECK(book.shown(first) == Receipt::none);
  CHECK(book.shown(MessageId{7, 2}) == Receipt::none);
  CHECK(book.shown(MessageId{7, 99}) == Receipt::none);  // never sent: asking makes no record
  CHECK(book.tracked() == 1);
  CHECK(book.on_server_ack(first).shown_after == Receipt::sent);
  CHECK(book.shown(other_sender) == Receipt::none);  // same counter, another device
  CHECK(book.on_receipt(other_sender, 42, Receipt::delivered).shown_after == Receipt::delivered);
  CHECK(book.shown(third) == Receipt::read);
  CHECK(book.tracked() == 3);
}

TEST_CASE("receipt book: every device of a large group is held once, the first and the rest alike", "[protocol][group]") {
  ReceiptBook book;
  book.expect(kId, 20);
  book.on_server_ack(kId);
  for (DeviceId d = 100; d < 120; ++d) CHECK(book.on_receipt(kId, d, Receipt::delivered).device_after == Receipt::delivered);
  CHECK(book.shown(kId) == Receipt::delivered);
  for (DeviceId d = 100; d < 119; ++d) {
    const auto c = book.on_receipt(kId, d, Receipt::read);
    CHECK(c.shown_after == Receipt::delivered);  // blue waits for the twentieth
    CHECK(book.on_receipt(kId, d, Receipt::delivered).regression);  // late: lower than read
  }
  CHECK(book.on_receipt(kId, 100, Receipt::read).shown_after == Receipt::delivered);  // repeated: not counted again
  CHECK(book.on_receipt(kId, 119, Receipt::read).shown_after == Receipt::read);
}

TEST_CASE("receipt book: a one-to-one message's devices stay in its record; a fourth spills over", "[protocol]") {
  ReceiptBook book(1);
  book.on_server_ack(kId);
  for (DeviceId d = 42; d < 42 + ReceiptBook::kInlineDevices; ++d) book.on_receipt(kId, d, Receipt::delivered);
  CHECK(book.overflowing() == 0);
  const DeviceId fourth = 42 + ReceiptBook::kInlineDevices;
  CHECK(book.on_receipt(kId, fourth, Receipt::read).device_after == Receipt::read);
  CHECK(book.overflowing() == 1);
  // Each device's receipt is its own, inline or spilled: a late one from either is a regression.
  CHECK(book.on_receipt(kId, fourth, Receipt::delivered).regression);
  CHECK(book.on_receipt(kId, fourth, Receipt::delivered).device_after == Receipt::read);
  CHECK_FALSE(book.on_receipt(kId, 42, Receipt::delivered).regression);
  CHECK(book.on_receipt(kId, 42, Receipt::read).device_after == Receipt::read);
  CHECK(book.on_receipt(kId, 42, Receipt::sent).regression);
  // Another message's devices do not share the first one's spill.
  const MessageId other{7, 2};
  CHECK(book.on_receipt(other, fourth, Receipt::delivered).device_after == Receipt::delivered);
  CHECK(book.overflowing() == 1);
  CHECK(book.tracked() == 2);
}

TEST_CASE("receipt book: kNoDevice marks free slots, so a receipt from it is refused", "[protocol]") {
  ReceiptBook book;
  CHECK_THROWS_AS(book.on_receipt(kId, kNoDevice, Receipt::delivered), std::invalid_argument);
  CHECK(book.on_receipt(kId, 1, Receipt::delivered).device_after == Receipt::delivered);
  CHECK(book.on_receipt(kId, 2, Receipt::delivered).device_after == Receipt::delivered);  // not taken for the refused one
}

TEST_CASE("receipt book: a spilled receipt shares its word with the device id, and neither leaks into the other", "[protocol][group]") {
  ReceiptBook book;
  book.expect(kId, 6);
  for (DeviceId d = 1; d <= ReceiptBook::kInlineDevices; ++d) book.on_receipt(kId, d, Receipt::delivered);
  // The largest id that spills, and ids whose low bits are all set or all clear.
  const DeviceId largest = (DeviceId{1} << 30) - 1;
  CHECK(book.on_receipt(kId, largest, Receipt::read).device_after == Receipt::read);
  CHECK(book.on_receipt(kId, 4, Receipt::delivered).device_after == Receipt::delivered);
  CHECK(book.on_receipt(kId, 7, Receipt::sent).device_after == Receipt::sent);
  CHECK(book.on_receipt(kId, largest, Receipt::delivered).regression);
  CHECK(book.on_receipt(kId, 4, Receipt::read).device_after == Receipt::read);
  CHECK(book.on_receipt(kId, 7, Receipt::delivered).device_after == Receipt::delivered);
  CHECK(book.on_receipt(kId, largest, Receipt::read).device_after == Receipt::read);
  CHECK(book.overflowing() == 1);
  // An id of 2^30 or more has no room beside its receipt: refused, and nothing kept for it.
  CHECK_THROWS_AS(book.on_receipt(kId, DeviceId{1} << 30, Receipt::read), std::invalid_argument);
  CHECK(book.shown(kId) == Receipt::delivered);  // 6 required, 6 delivered: two checks, not blue
}
