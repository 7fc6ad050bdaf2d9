#pragma once
// The receiving side of a client: hands messages to the app exactly once and in stream
// order, whatever the network does. A copy can arrive twice (pushed live, then drained
// again after a reconnect because its receipt was still in flight) or early (a live push
// on a new connection before the drain of older ones); the inbox drops the first kind and
// holds back the second until the gap is filled. A group member's stream starts at its join
// notice (ChatFrame::opens_stream), not at seq 1. A group's stream also holds the device's
// own messages, of which it gets no copy: the acknowledgement tells it their seq (own()),
// and the inbox moves past them.
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "src/core/compact_map.hpp"
#include "src/core/ids.hpp"
#include "src/protocol/chat_frame.hpp"

namespace whatsim {

class DeviceInbox {
 public:
  struct Outcome {
    std::vector<ChatFrame> deliver;  // hand these to the app, in this order
    bool duplicate = false;          // already delivered: acknowledge again, deliver nothing
  };
  Outcome receive(DeviceId device, const ChatFrame& frame);
  // `seq` of `stream` is a message this device sent (the server numbered it): nothing to
  // hand to the app, but later messages no longer wait for it.
  Outcome own(DeviceId device, StreamId stream, Seq seq);
  Seq delivered_up_to(DeviceId device, StreamId stream) const;
  std::size_t held_back() const { return held_count_; }

 private:
  // Packed to 12 bytes at 4-byte alignment (GCC's attribute): a device keeps a seq per
  // stream it has heard, and a 16-byte key would make each slot 24 bytes, not 16. Read its
  // fields by value: a reference to `stream` would be misaligned.
  struct __attribute__((packed, aligned(4))) Key {
    DeviceId device;
    StreamId stream;
    friend bool operator==(const Key& a, const Key& b) { return a.device == b.device && a.stream == b.stream; }
    static Key erased() { return Key{kAllDevices, 0}; }  // no device is all of them
  };
  static_assert(sizeof(Key) == 12 && alignof(Key) == 4, "see Key");
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept;
  };
  CompactMap<Key, Seq, KeyHash> delivered_;                    // last seq handed to the app
  // Arrived ahead of a gap; an empty slot is one of the device's own messages.
  using Held = std::map<Seq, std::optional<ChatFrame>>;
  Outcome place(const Key& key, Seq& last, Seq seq, const ChatFrame* frame);
  std::unordered_map<Key, Held, KeyHash> held_;
  std::size_t held_count_ = 0;  // frames held, not counting own slots
};

}  // namespace whatsim
