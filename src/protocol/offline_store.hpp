#pragma once
// The message service's store (Mnesia in the seeds): a FIFO queue per recipient device.
// A copy stays until that device's delivery receipt deletes it, or until it is older than
// the retention period. Receipts for an offline sender are queued the same way.
#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "src/core/ids.hpp"
#include "src/protocol/chat_frame.hpp"

namespace whatsim {

struct QueuedFrame {
  ChatFrame frame;
  SimSeconds stored_at = 0;
};

class OfflineStore {
 public:
  explicit OfflineStore(double retention_s) : retention_s_(retention_s) {}

  // Queue a frame for `device` (the device that must receive it). Returns false, storing
  // nothing, if a frame of the same kind about the same message is already queued there.
  bool enqueue(DeviceId device, const ChatFrame& frame, SimSeconds now);
  // The device acknowledged the frame of `kind` about message `id`: delete it. Returns
  // false when nothing matched (a duplicate acknowledgement).
  bool acknowledge(DeviceId device, MessageId id, FrameKind kind);
  // Frames waiting for `device`, oldest first (what a reconnect drains).
  std::vector<ChatFrame> pending(DeviceId device) const;
  // Delete every frame whose age is at least the retention period; returns them.
  std::vector<QueuedFrame> expire(SimSeconds now);

  std::size_t pending_count(DeviceId device) const {
    auto it = queues_.find(device);
    return it == queues_.end() ? 0 : it->second.size();
  }
  // Devices with something queued, in increasing order (deterministic iteration).
  std::vector<DeviceId> devices() const {
    std::vector<DeviceId> out;
    out.reserve(queues_.size());
    for (const auto& [device, queue] : queues_) out.push_back(device);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::uint64_t frames() const { return frames_; }
  std::uint64_t bytes() const { return bytes_; }  // body bytes held
  std::size_t devices_with_frames() const { return queues_.size(); }

 private:
  double retention_s_;
  // A vector, not a deque: most queues hold one or two frames, and libstdc++'s deque
  // allocates a 512-byte block and a map for its first element.
  std::unordered_map<DeviceId, std::vector<QueuedFrame>> queues_;
  std::uint64_t frames_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace whatsim
