#include "src/protocol/stream_sequencer.hpp"

namespace whatsim {

StreamSequencer::Assigned StreamSequencer::assign(StreamId stream, MessageId id) {
  // A retry must not consume a new number: that would leave a gap the inbox waits on forever.
  if (const auto it = numbered_.find(id.packed()); it != numbered_.end()) return {it->second, false};
  const Seq seq = ++last_[stream];
  numbered_.try_emplace(id.packed(), seq);
  return {seq, true};
}

void StreamSequencer::observe(StreamId stream, MessageId id, Seq seq) {
  numbered_.try_emplace(id.packed(), seq);
  Seq& last = last_[stream];
  if (seq > last) last = seq;
}

Seq StreamSequencer::last(StreamId stream) const {
  const auto it = last_.find(stream);
  return it == last_.end() ? 0 : it->second;
}

void StreamSequencer::forget(MessageId id) { numbered_.erase(id.packed()); }

}  // namespace whatsim
