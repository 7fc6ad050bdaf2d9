#pragma once
// A message-service host (Mnesia in the seeds). It answers for the shards it is primary of:
// numbers each stream's messages and keeps a copy per recipient device until that device's
// delivery receipt, or until retention ends. Group messages pass through to the log; their
// copies come back from the group handler.
//
// Replication (scenario `replication.mode`): every change to a shard is a write that its
// secondary applies too. "sync": a one-to-one message is applied and acknowledged only once
// the secondary has it; with no live secondary the shard refuses new messages (the CP
// choice: the sender keeps and retries them). "async": applied and acknowledged at once,
// shipped to the secondary every async_ship_interval_s; what is unshipped when the primary
// fails is gone. Other writes (receipts, deletions, group copies, whose group record the
// log holds) never wait for the secondary. A host keeps its copies through a crash (disk);
// its memory (writes waiting or unshipped) is lost.
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/world.hpp"
#include "src/protocol/offline_store.hpp"
#include "src/protocol/stream_sequencer.hpp"

namespace whatsim {

class MessageShard {
 public:
  MessageShard(World& world, std::uint32_t host);

  double cost(const Envelope& e) const;
  void handle(Envelope& e);
  // Delete copies older than the retention period (run periodically by an expiry actor).
  void expire(double now);
  // At the end of the run: record every copy still waiting on the shards whose latest copy
  // is here, and whether its device is online.
  template <class IsOnline>
  void record_pending(double now, IsOnline is_online);
  // Offline-store totals of the shards whose latest copy is here.
  std::uint64_t stored_bytes() const;
  std::uint64_t stored_frames() const;

  // Faults and replication.
  void crash();                    // memory is lost; the copies on disk stay
  void ship_unshipped();           // async: send the writes made since the last shipment
  double copy_bytes(std::uint32_t shard) const;  // what a new secondary must catch up on
  // `from` holds the primary copy of `shard`: take it whole (the catch-up's end).
  void install_copy(std::uint32_t shard, const MessageShard& from);
  // `shard` has a new secondary that caught up: send it the writes still waiting for one.
  void secondary_ready(std::uint32_t shard);

 private:
  struct ShardCopy {
    explicit ShardCopy(double retention_s) : store(retention_s) {}
    StreamSequencer sequencer;
    OfflineStore store;
    // Numbered but not yet applied here (sync: waiting for the secondary). On disk with the
    // sequencer: after a crash, a retry of one of these is written again, not acknowledged.
    std::unordered_set<MessageId> unapplied;
  };
  // A synchronous write sent to the secondary, and the request to answer once it is applied.
  struct Awaiting {
    std::unique_ptr<Envelope> write;
    std::unique_ptr<Envelope> request;
  };

  ShardCopy& copy(std::uint32_t shard);
  bool is_primary(std::uint32_t shard) const;
  bool latest_copy_here(std::uint32_t shard) const;
  const std::string& mode() const { return world_.scenario.replication.mode; }

  // Requests to a shard this host is primary of.
  void on_store(Envelope& e);
  void on_message(Envelope& e);
  void to_log(const Envelope& e);
  void on_store_copies(Envelope& e);
  void on_drain_request(const Envelope& e);
  // The write path: apply here, answer, and replicate as the mode says.
  std::unique_ptr<Envelope> make_write(const Envelope& request, ShardWriteKind kind);
  void commit(std::unique_ptr<Envelope> write, std::unique_ptr<Envelope> request);
  void apply(const Envelope& write, bool at_primary);
  void answer(const Envelope& request, const Envelope& write);
  void send_to_secondary(const Envelope& write);
  // On the secondary.
  void on_shard_write(const Envelope& write);
  void on_shard_write_ack(const Envelope& ack);

  World& world_;
  std::uint32_t host_;
  std::map<std::uint32_t, ShardCopy> copies_;          // by shard: primary, secondary or stale copies
  std::map<std::uint64_t, Awaiting> awaiting_;          // sync, by write number
  std::unordered_map<MessageId, std::uint64_t> awaiting_ids_;  // messages of those writes -> write number
  std::vector<std::unique_ptr<Envelope>> unshipped_;    // async
  std::uint64_t next_write_ = 1;
};

template <class IsOnline>
void MessageShard::record_pending(double now, IsOnline is_online) {
  for (const auto& [shard, c] : copies_) {
    if (!latest_copy_here(shard)) continue;
    for (DeviceId d : c.store.devices()) {
      for (const ChatFrame& f : c.store.pending(d)) {
        if (f.kind != FrameKind::message) continue;
        world_.recorder.record({now, EventKind::pending_at_end, f.id, f.stream(), f.seq, d, is_online(d) ? 1u : 0u});
        world_.recorder.counts().pending += 1;
      }
    }
  }
}

}  // namespace whatsim
