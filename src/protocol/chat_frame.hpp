#pragma once
// The unit every component passes along for one-to-one chat: a message or a receipt about
// one. Bodies are opaque bytes to every server (end-to-end encrypted); only sizes matter.
#include <cstdint>

#include "src/core/ids.hpp"
#include "src/protocol/message_id.hpp"

namespace whatsim {

enum class FrameKind : std::uint8_t {
  message = 0,            // a chat message travelling sender -> recipient devices
  delivered_receipt = 1,  // recipient device -> sender: "I have it"
  read_receipt = 2,       // recipient device -> sender: "I opened it"
};

const char* to_string(FrameKind k);

struct ChatFrame {
  FrameKind kind = FrameKind::message;
  MessageId id;                      // the message (a receipt names the message it is about)
  UserId sender = 0;                 // of the message
  UserId recipient = 0;              // of the message
  DeviceId recipient_device = 0;     // copies and receipts are per recipient device
  Seq seq = 0;                       // stream position, 0 until the sequencer numbers it
  std::uint32_t body_bytes = 0;      // ciphertext size of the message body
  bool was_queued = false;           // the copy waited in the offline store for its device
  SimSeconds sent_at = 0;            // when the sender pressed send (latency origin)

  StreamId stream() const { return stream_of(sender, recipient); }
};

}  // namespace whatsim
