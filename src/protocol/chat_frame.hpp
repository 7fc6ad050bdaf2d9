#pragma once
// The unit every component passes along: a message or a receipt about one, in a one-to-one
// chat or a group. Bodies are opaque bytes to every server (end-to-end encrypted); only
// sizes matter.
#include <cstdint>

#include "src/core/ids.hpp"
#include "src/media/media_ids.hpp"
#include "src/protocol/message_id.hpp"
#include "src/protocol/path_time.hpp"

namespace whatsim {

enum class FrameKind : std::uint8_t {
  message = 0,            // a chat message travelling sender -> recipient devices
  delivered_receipt = 1,  // recipient device -> sender: "I have it"
  read_receipt = 2,       // recipient device -> sender: "I opened it"
};

const char* to_string(FrameKind k);

// A group message may be a notice from the group service about its membership; members'
// phones show it in the group's history, in the group's order, like any message.
enum class GroupNotice : std::uint8_t { none = 0, member_joined = 1, member_left = 2 };

struct ChatFrame {
  // Fields are ordered by size within each part: frames wait in offline queues, timers and
  // the network by the million, and ordered as they came a frame was 104 bytes, 16 of padding.
  SimSeconds sent_at = 0;            // when the sender pressed send (latency origin)
  MessageId id;                      // the message (a receipt names the message it is about)
  UserId sender = 0;                 // of the message
  UserId recipient = 0;              // of the message
  DeviceId recipient_device = 0;     // copies and receipts are per recipient device
  Seq seq = 0;                       // stream position, 0 until the sequencer numbers it
  std::uint32_t body_bytes = 0;      // ciphertext size of the message body
  FrameKind kind = FrameKind::message;
  bool was_queued = false;           // the copy waited in the offline store for its device
  bool sealed = false;               // the body is ciphertext for one device (end-to-end encrypted)
  // Groups only.
  GroupId group = kNoGroup;          // kNoGroup: one-to-one
  UserId subject = 0;                // notice: who joined or left
  std::uint32_t key_bytes = 0;       // sender-key material attached (pairwise-encrypted, per device)
  std::uint16_t audience = 0;        // devices the sender expects receipts from (two checks when all have it)
  GroupNotice notice = GroupNotice::none;
  bool opens_stream = false;         // this copy starts the device's membership: its inbox starts here
  // Media only: the message carries a reference (body_bytes) to a file the receiver downloads.
  AssetId asset = kNoAsset;          // the file's id at the asset service
  std::uint32_t media_bytes = 0;     // the file as stored: compressed and encrypted
  MediaType media_type = MediaType::image;
  PathTime path;                     // where this frame's time went so far (latency breakdown)

  StreamId stream() const { return group != kNoGroup ? group_stream(group) : stream_of(sender, recipient); }
};
static_assert(sizeof(ChatFrame) <= 88, "frames are held by the million: keep the fields ordered by size");

// A member's copy of the notice that it joined: the group's stream starts there for its devices.
inline bool starts_membership(const ChatFrame& f, UserId recipient) {
  return f.notice == GroupNotice::member_joined && f.subject == recipient;
}

}  // namespace whatsim
