#pragma once
// A message-service shard (Mnesia in the seeds): numbers each stream's messages and keeps a
// copy per recipient device until that device's delivery receipt, or until retention ends.
// Group messages pass through to the log; their copies come back from the group handler.
#include "model/world.hpp"
#include "src/protocol/offline_store.hpp"
#include "src/protocol/stream_sequencer.hpp"

namespace whatsim {

class MessageShard {
 public:
  MessageShard(World& world, std::uint32_t index);

  double cost(const Envelope& e) const;
  void handle(Envelope& e);
  // Delete copies older than the retention period (run periodically by an expiry actor).
  void expire(double now);
  // At the end of the run: record every copy still waiting, and whether its device is online.
  template <class IsOnline>
  void record_pending(double now, IsOnline is_online);
  const OfflineStore& store() const { return store_; }

 private:
  void on_store(const Envelope& e);
  void to_log(const Envelope& e);
  void on_store_copies(Envelope& e);
  void on_drain_request(const Envelope& e);
  World& world_;
  std::uint32_t index_;
  StreamSequencer sequencer_;
  OfflineStore store_;
};

template <class IsOnline>
void MessageShard::record_pending(double now, IsOnline is_online) {
  for (DeviceId d : store_.devices()) {
    for (const ChatFrame& f : store_.pending(d)) {
      if (f.kind != FrameKind::message) continue;
      world_.recorder.record({now, EventKind::pending_at_end, f.id, f.stream(), f.seq, d, is_online(d) ? 1u : 0u});
      world_.recorder.counts().pending += 1;
    }
  }
}

}  // namespace whatsim
