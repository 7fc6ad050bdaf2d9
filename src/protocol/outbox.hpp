#pragma once
// The sending side of a client: messages written while disconnected, and messages sent but
// not yet acknowledged by the server (one check). Everything in it is sent again, with the
// same id, on reconnect or when the acknowledgement times out.
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "src/core/ids.hpp"
#include "src/protocol/chat_frame.hpp"

namespace whatsim {

class Outbox {
 public:
  // A new message id for `device`: counters start at 1 and never repeat.
  MessageId mint(DeviceId device);
  void add(DeviceId device, const ChatFrame& frame);
  // The server acknowledged `id`: remove it. False when it was not there (duplicate ack).
  bool acknowledge(DeviceId device, MessageId id);
  // Everything not yet acknowledged, oldest first (what to send again).
  std::vector<ChatFrame> unacknowledged(DeviceId device) const;
  // Whether `id` is still waiting for its acknowledgement.
  bool holds(DeviceId device, MessageId id) const;
  std::size_t size() const { return count_; }

 private:
  std::unordered_map<DeviceId, std::uint32_t> counters_;
  std::unordered_map<DeviceId, std::deque<ChatFrame>> pending_;
  std::size_t count_ = 0;
};

}  // namespace whatsim
