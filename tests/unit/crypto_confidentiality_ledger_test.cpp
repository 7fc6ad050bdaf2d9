#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "src/crypto/confidentiality_ledger.hpp"

using namespace whatsim;

namespace {

ChatFrame message_copy(DeviceId sender_device, std::uint32_t counter, DeviceId recipient_device, bool sealed) {
  ChatFrame f;
  f.kind = FrameKind::message;
  f.id = MessageId{sender_device, counter};
  f.recipient_device = recipient_device;
  f.body_bytes = 100;
  f.sealed = sealed;
  return f;
}

}  // namespace

TEST_CASE("Sealed bodies through server components are no violation", "[crypto][confidentiality]") {
  ConfidentialityLedger ledger;
  const ChatFrame f = message_copy(4, 1, 9, true);
  ledger.server_handled("chat_server", f);
  ledger.server_handled("message_service", f);
  CHECK(ledger.bodies_seen() == 2);
  CHECK(ledger.plaintext_seen() == 0);
  CHECK(ledger.plaintext_examples().empty());
}

TEST_CASE("A plaintext body through a server component is a violation naming the component and the message",
          "[crypto][confidentiality]") {
  ConfidentialityLedger ledger;
  ledger.server_handled("chat_server", message_copy(4, 1, 9, true));
  ledger.server_handled("message_service", message_copy(7, 3, 9, false));
  CHECK(ledger.bodies_seen() == 2);
  CHECK(ledger.plaintext_seen() == 1);
  CHECK(ledger.plaintext_examples() == std::vector<std::string>{"message_service: message 7:3"});
}

TEST_CASE("Receipts and group notices carry no body and are not counted", "[crypto][confidentiality]") {
  ConfidentialityLedger ledger;
  ChatFrame receipt = message_copy(4, 1, 9, false);
  receipt.kind = FrameKind::delivered_receipt;
  ChatFrame read = receipt;
  read.kind = FrameKind::read_receipt;
  ChatFrame notice = message_copy(kGroupServiceDevice, 2, 9, false);
  notice.group = 5;
  notice.notice = GroupNotice::member_joined;
  ledger.server_handled("chat_server", receipt);
  ledger.server_handled("chat_server", read);
  ledger.server_handled("group_handler", notice);
  CHECK(ledger.bodies_seen() == 0);
  CHECK(ledger.plaintext_seen() == 0);
}

TEST_CASE("The ledger keeps only the first examples but counts every violation", "[crypto][confidentiality]") {
  ConfidentialityLedger ledger(2);
  for (std::uint32_t counter = 1; counter <= 4; ++counter) {
    ledger.server_handled("chat_server", message_copy(1, counter, 2, false));
  }
  CHECK(ledger.plaintext_seen() == 4);
  CHECK(ledger.plaintext_examples() ==
        std::vector<std::string>{"chat_server: message 1:1", "chat_server: message 1:2"});
}

TEST_CASE("A device's keys expose only the copies sealed for it", "[crypto][confidentiality]") {
  ConfidentialityLedger ledger;
  ledger.sealed_copy(message_copy(1, 1, 9, true));
  ledger.sealed_copy(message_copy(1, 2, 9, true));
  ledger.sealed_copy(message_copy(1, 2, 10, true));  // the same message's copy for another device
  ledger.sealed_copy(message_copy(3, 1, 11, true));
  CHECK(ledger.copies_sealed_for(9) == 2);
  CHECK(ledger.copies_sealed_for_others(9) == 2);
  CHECK(ledger.copies_sealed_for(10) == 1);
  CHECK(ledger.copies_sealed_for_others(10) == 3);
  CHECK(ledger.copies_sealed_for(42) == 0);
  CHECK(ledger.copies_sealed_for_others(42) == 4);
}
