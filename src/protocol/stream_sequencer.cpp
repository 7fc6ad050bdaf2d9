#include "src/protocol/stream_sequencer.hpp"

namespace whatsim {

StreamSequencer::Assigned StreamSequencer::assign(StreamId stream, MessageId id) {
  // A retry must not consume a new number: that would leave a gap the inbox waits on forever.
  if (const auto it = numbered_.find(id); it != numbered_.end()) return {it->second, false};
  const Seq seq = ++last_[stream];
  numbered_.emplace(id, seq);
  return {seq, true};
}

void StreamSequencer::observe(StreamId stream, MessageId id, Seq seq) {
  numbered_.emplace(id, seq);
  Seq& last = last_[stream];
  if (seq > last) last = seq;
}

Seq StreamSequencer::last(StreamId stream) const {
  const auto it = last_.find(stream);
  return it == last_.end() ? 0 : it->second;
}

void StreamSequencer::forget(MessageId id) { numbered_.erase(id); }

}  // namespace whatsim
