#include "src/protocol/outbox.hpp"

#include <algorithm>

namespace whatsim {

MessageId Outbox::mint(DeviceId device) { return MessageId{device, ++counters_[device]}; }

void Outbox::add(DeviceId device, const ChatFrame& frame) {
  pending_[device].push_back(frame);
  ++count_;
}

bool Outbox::acknowledge(DeviceId device, MessageId id) {
  const auto q = pending_.find(device);
  if (q == pending_.end()) return false;
  auto& queue = q->second;
  // Acks usually come in send order, but one may be lost and the next overtake it.
  const auto it = std::find_if(queue.begin(), queue.end(), [&](const ChatFrame& f) { return f.id == id; });
  if (it == queue.end()) return false;
  queue.erase(it);
  --count_;
  if (queue.empty()) pending_.erase(q);  // keep memory proportional to what is in flight
  return true;
}

std::vector<ChatFrame> Outbox::unacknowledged(DeviceId device) const {
  const auto q = pending_.find(device);
  if (q == pending_.end()) return {};
  return std::vector<ChatFrame>(q->second.begin(), q->second.end());
}

bool Outbox::holds(DeviceId device, MessageId id) const {
  const auto it = pending_.find(device);
  if (it == pending_.end()) return false;
  for (const ChatFrame& f : it->second)
    if (f.id == id) return true;
  return false;
}

}  // namespace whatsim
