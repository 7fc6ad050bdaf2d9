#include <catch2/catch.hpp>

#include <string>

#include "src/protocol/receipt_state.hpp"

using namespace whatsim;

TEST_CASE("advance moves a receipt forward only", "[protocol][receipt]") {
  Receipt r = Receipt::none;
  CHECK(advance(r, Receipt::sent));
  CHECK(advance(r, Receipt::read));
  CHECK_FALSE(advance(r, Receipt::delivered));  // late "delivered" after "read"
  CHECK_FALSE(advance(r, Receipt::read));       // duplicate
  CHECK(r == Receipt::read);
}

TEST_CASE("ReceiptState: one check once the server acknowledges, only once", "[protocol][receipt]") {
  ReceiptState s;
  CHECK(s.shown() == Receipt::none);
  CHECK(s.on_server_ack());
  CHECK(s.shown() == Receipt::sent);
  CHECK_FALSE(s.on_server_ack());  // the ack of a retried send
  CHECK(s.shown() == Receipt::sent);
}

TEST_CASE("ReceiptState: delivered then read in order", "[protocol][receipt]") {
  ReceiptState s;
  s.on_server_ack();
  CHECK(s.on_device_receipt(Receipt::sent, Receipt::delivered));
  CHECK(s.shown() == Receipt::delivered);
  CHECK(s.on_device_receipt(Receipt::delivered, Receipt::read));
  CHECK(s.shown() == Receipt::read);
  CHECK(s.delivered_devices() == 1);
  CHECK(s.read_devices() == 1);
}

TEST_CASE("ReceiptState: a duplicate delivery receipt changes nothing", "[protocol][receipt][edge]") {
  ReceiptState s;
  s.on_server_ack();
  REQUIRE(s.on_device_receipt(Receipt::sent, Receipt::delivered));
  // The per-device record already says delivered, so the retry arrives as delivered -> delivered.
  CHECK_FALSE(s.on_device_receipt(Receipt::delivered, Receipt::delivered));
  CHECK(s.delivered_devices() == 1);
  CHECK(s.shown() == Receipt::delivered);
}

TEST_CASE("ReceiptState: read arriving before delivered goes to read and never back", "[protocol][receipt][edge]") {
  ReceiptState s;
  s.on_server_ack();
  Receipt device = Receipt::sent;  // the per-device record the caller keeps

  Receipt previous = device;
  REQUIRE(advance(device, Receipt::read));
  CHECK(s.on_device_receipt(previous, device));
  CHECK(s.shown() == Receipt::read);
  CHECK(s.delivered_devices() == 1);  // read implies delivered
  CHECK(s.read_devices() == 1);

  // The overtaken "delivered" arrives: the device record refuses it, and even if passed
  // through as-is the state does not move.
  previous = device;
  CHECK_FALSE(advance(device, Receipt::delivered));
  CHECK_FALSE(s.on_device_receipt(previous, device));
  CHECK_FALSE(s.on_device_receipt(Receipt::read, Receipt::delivered));
  CHECK(s.shown() == Receipt::read);
  CHECK(s.delivered_devices() == 1);
}

TEST_CASE("ReceiptState: device receipts before the server ack still show checks", "[protocol][receipt]") {
  ReceiptState s;
  CHECK(s.on_device_receipt(Receipt::none, Receipt::delivered));
  CHECK(s.shown() == Receipt::delivered);
  CHECK_FALSE(s.on_server_ack());  // acked now, but two checks already outrank one
  CHECK(s.shown() == Receipt::delivered);
}

TEST_CASE("ReceiptState: one-to-one with three recipient devices shows two checks at the first", "[protocol][receipt][multi-device]") {
  ReceiptState s(1);
  s.on_server_ack();
  CHECK(s.on_device_receipt(Receipt::sent, Receipt::delivered));
  CHECK(s.shown() == Receipt::delivered);
  CHECK_FALSE(s.on_device_receipt(Receipt::sent, Receipt::delivered));  // second device: no change shown
  CHECK_FALSE(s.on_device_receipt(Receipt::sent, Receipt::delivered));  // third device
  CHECK(s.delivered_devices() == 3);
  CHECK(s.on_device_receipt(Receipt::delivered, Receipt::read));
  CHECK(s.shown() == Receipt::read);
}

TEST_CASE("ReceiptState: a group needing every member waits for the last", "[protocol][receipt]") {
  ReceiptState s(3);
  s.on_server_ack();
  CHECK_FALSE(s.on_device_receipt(Receipt::sent, Receipt::delivered));
  CHECK_FALSE(s.on_device_receipt(Receipt::sent, Receipt::read));
  CHECK(s.shown() == Receipt::sent);
  CHECK(s.on_device_receipt(Receipt::sent, Receipt::delivered));
  CHECK(s.shown() == Receipt::delivered);
  CHECK_FALSE(s.on_device_receipt(Receipt::delivered, Receipt::read));
  CHECK(s.on_device_receipt(Receipt::delivered, Receipt::read));
  CHECK(s.shown() == Receipt::read);
}

TEST_CASE("Receipt names", "[protocol][receipt]") {
  CHECK(std::string(to_string(Receipt::none)) == "none");
  CHECK(std::string(to_string(Receipt::sent)) == "sent");
  CHECK(std::string(to_string(Receipt::delivered)) == "delivered");
  CHECK(std::string(to_string(Receipt::read)) == "read");
}
