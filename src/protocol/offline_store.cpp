#include "src/protocol/offline_store.hpp"

#include <algorithm>
#include <iterator>

namespace whatsim {

namespace {

bool same_frame(const QueuedFrame& q, MessageId id, FrameKind kind) {
  return q.frame.id == id && q.frame.kind == kind;
}

}  // namespace

bool OfflineStore::enqueue(DeviceId device, const ChatFrame& frame, SimSeconds now) {
  auto& queue = queues_[device];
  const auto dup = std::find_if(queue.begin(), queue.end(),
                                [&](const QueuedFrame& q) { return same_frame(q, frame.id, frame.kind); });
  if (dup != queue.end()) return false;  // a retried store keeps the one copy it has
  queue.push_back(QueuedFrame{frame, now});
  ++frames_;
  bytes_ += frame.body_bytes;
  return true;
}

bool OfflineStore::acknowledge(DeviceId device, MessageId id, FrameKind kind) {
  const auto q = queues_.find(device);
  if (q == queues_.end()) return false;
  auto& queue = q->second;
  // Usually the front (receipts come back in drain order), but a lost receipt may be
  // overtaken by a later one, so search the whole queue.
  const auto it = std::find_if(queue.begin(), queue.end(),
                               [&](const QueuedFrame& f) { return same_frame(f, id, kind); });
  if (it == queue.end()) return false;
  --frames_;
  bytes_ -= it->frame.body_bytes;
  queue.erase(it);
  if (queue.empty()) queues_.erase(q);  // devices_with_frames() counts non-empty queues
  return true;
}

std::vector<ChatFrame> OfflineStore::pending(DeviceId device) const {
  std::vector<ChatFrame> frames;
  const auto q = queues_.find(device);
  if (q == queues_.end()) return frames;
  frames.reserve(q->second.size());
  for (const QueuedFrame& f : q->second) frames.push_back(f.frame);
  return frames;
}

// Each queue is in store order and simulated time never goes back, so the expired
// frames of a device are a prefix of its queue: only fronts are looked at.
std::vector<QueuedFrame> OfflineStore::expire(SimSeconds now) {
  std::vector<QueuedFrame> expired;
  for (auto q = queues_.begin(); q != queues_.end();) {
    auto& queue = q->second;
    const auto kept = std::find_if(queue.begin(), queue.end(),
                                   [&](const QueuedFrame& f) { return now - f.stored_at < retention_s_; });
    for (auto it = queue.begin(); it != kept; ++it) {
      --frames_;
      bytes_ -= it->frame.body_bytes;
      expired.push_back(*it);
    }
    queue.erase(queue.begin(), kept);
    q = queue.empty() ? queues_.erase(q) : std::next(q);
  }
  // Hash-map order must not leak into the run: report oldest first, ties by message.
  std::stable_sort(expired.begin(), expired.end(), [](const QueuedFrame& a, const QueuedFrame& b) {
    if (a.stored_at != b.stored_at) return a.stored_at < b.stored_at;
    if (a.frame.id != b.frame.id) return a.frame.id < b.frame.id;
    if (a.frame.kind != b.frame.kind) return a.frame.kind < b.frame.kind;
    return a.frame.recipient_device < b.frame.recipient_device;
  });
  return expired;
}

}  // namespace whatsim
