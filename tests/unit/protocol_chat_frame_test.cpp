#include <catch2/catch.hpp>

#include <string>

#include "src/protocol/chat_frame.hpp"

using namespace whatsim;

TEST_CASE("FrameKind names", "[protocol][frame]") {
  CHECK(std::string(to_string(FrameKind::message)) == "message");
  CHECK(std::string(to_string(FrameKind::delivered_receipt)) == "delivered_receipt");
  CHECK(std::string(to_string(FrameKind::read_receipt)) == "read_receipt");
}

TEST_CASE("ChatFrame stream is sender to recipient", "[protocol][frame]") {
  ChatFrame f;
  f.sender = 5;
  f.recipient = 9;
  CHECK(f.stream() == stream_of(5, 9));
  CHECK(f.stream() != stream_of(9, 5));
  CHECK(stream_sender(f.stream()) == 5);
  CHECK(stream_recipient(f.stream()) == 9);
}
