#include "src/protocol/device_inbox.hpp"

#include "src/core/mix64.hpp"

namespace whatsim {

namespace {

// Move what now follows `last` without a gap out of `held`, advancing `last`: frames to
// `out`, own slots to nowhere. What is already behind `last` (a join notice restarted the
// stream past it) is dropped. Returns how many frames left `held`.
std::size_t release_consecutive(std::map<Seq, std::optional<ChatFrame>>& held, Seq& last, std::vector<ChatFrame>& out) {
  std::size_t released = 0;
  for (auto it = held.begin(); it != held.end() && it->first <= last; it = held.erase(it)) released += it->second ? 1 : 0;
  for (auto it = held.begin(); it != held.end() && it->first == last + 1; it = held.erase(it)) {
    last = it->first;
    if (!it->second) continue;
    out.push_back(*it->second);
    ++released;
  }
  return released;
}

}  // namespace

std::size_t DeviceInbox::KeyHash::operator()(const Key& k) const noexcept {
  return static_cast<std::size_t>(mix64(k.stream ^ mix64(k.device)));
}

DeviceInbox::Outcome DeviceInbox::receive(DeviceId device, const ChatFrame& frame) {
  Outcome out;
  // Receipts carry no stream position and are idempotent on the sender's side
  // (ReceiptState only moves forward), so they need no ordering here.
  if (frame.kind != FrameKind::message) {
    out.deliver.push_back(frame);
    return out;
  }
  const Key key{device, frame.stream()};
  Seq& last = delivered_[key];
  // A member who joins a group sees its stream from the join notice on: nothing before it
  // is owed to this device, so the notice's seq is where its inbox starts.
  if (frame.opens_stream && last + 1 < frame.seq) last = frame.seq - 1;
  if (frame.seq <= last) {
    out.duplicate = true;  // re-drained after a reconnect: the app already has it
    return out;
  }
  return place(key, last, frame.seq, &frame);
}

DeviceInbox::Outcome DeviceInbox::own(DeviceId device, StreamId stream, Seq seq) {
  const Key key{device, stream};
  Seq& last = delivered_[key];
  if (seq <= last) return {};  // already behind the inbox (a second acknowledgement)
  return place(key, last, seq, nullptr);
}

// `seq` is ahead of what was handed on: hold it until the gap fills (a live push before the
// drain), or hand it on with whatever it unblocks. `last` is the key's entry in delivered_;
// `frame` is null for one of the device's own messages.
DeviceInbox::Outcome DeviceInbox::place(const Key& key, Seq& last, Seq seq, const ChatFrame* frame) {
  Outcome out;
  if (seq > last + 1) {
    const std::optional<ChatFrame> slot = frame ? std::optional<ChatFrame>(*frame) : std::nullopt;
    if (held_[key].emplace(seq, slot).second && frame) ++held_count_;
    return out;
  }
  if (frame) out.deliver.push_back(*frame);
  last = seq;
  const auto held = held_.find(key);
  if (held == held_.end()) return out;
  held_count_ -= release_consecutive(held->second, last, out.deliver);
  if (held->second.empty()) held_.erase(held);
  return out;
}

Seq DeviceInbox::delivered_up_to(DeviceId device, StreamId stream) const {
  const auto it = delivered_.find(Key{device, stream});
  return it == delivered_.end() ? 0 : it->second;
}

}  // namespace whatsim
