#include "model/message_shard.hpp"

#include "model/sim_clock.hpp"
#include "src/protocol/replica_directory.hpp"

namespace whatsim {

namespace {
constexpr double kSecondsPerDay = 86400.0;
}  // namespace

MessageShard::MessageShard(World& world, std::uint32_t host) : world_(world), host_(host) {
  for (std::uint32_t s = 0; s < world.replicas.shards(); ++s)
    if (world.replicas.holds(host, s)) copy(s);
}

MessageShard::ShardCopy& MessageShard::copy(std::uint32_t shard) {
  return copies_.try_emplace(shard, world_.costs().retention_days * kSecondsPerDay).first->second;
}

bool MessageShard::is_primary(std::uint32_t shard) const { return world_.replicas.primary(shard) == host_; }
bool MessageShard::latest_copy_here(std::uint32_t shard) const { return world_.replicas.latest_copy(shard) == host_; }

double MessageShard::cost(const Envelope& e) const {
  const CostSpec& c = world_.costs();
  switch (e.op) {
    case Op::store:
      return e.frame.kind == FrameKind::message && e.frame.group == kNoGroup
                 ? c.store_write_cycles * world_.devices.device_count(e.frame.recipient)
                 : c.store_write_cycles;
    case Op::store_copies: return c.store_write_cycles * static_cast<double>(e.devices.size());
    case Op::store_delete: return c.store_delete_cycles;
    case Op::drain_request: {
      const auto it = copies_.find(e.shard);
      const std::size_t pending = it == copies_.end() ? 0 : it->second.store.pending_count(e.device);
      return c.store_drain_cycles * static_cast<double>(std::max<std::size_t>(1, pending));
    }
    case Op::shard_write:
      return world_.scenario.replication.replicate_cycles * static_cast<double>(std::max<std::size_t>(1, e.devices.size()));
    default: return 0;
  }
}

void MessageShard::handle(Envelope& e) {
  if (e.op == Op::shard_write) return on_shard_write(e);
  if (e.op == Op::shard_write_ack) return on_shard_write_ack(e);
  if (!is_primary(e.shard)) return;  // sent before a failover: the sender's retry finds the new primary
  switch (e.op) {
    case Op::store: return e.frame.group != kNoGroup ? to_log(e) : on_store(e);
    case Op::store_copies: return on_store_copies(e);
    case Op::store_delete:
      return commit(make_write(e, ShardWriteKind::delete_copy), nullptr);
    case Op::drain_request: return on_drain_request(e);
    default: return;
  }
}

void MessageShard::on_store(Envelope& e) {
  if (e.frame.kind != FrameKind::message) {  // a receipt for an offline sender device
    commit(make_write(e, ShardWriteKind::receipt), nullptr);
    return;
  }
  on_message(e);
}

// Number the message in its stream and queue one copy per recipient device, once per id:
// a retried send is acknowledged again but stores nothing new.
void MessageShard::on_message(Envelope& e) {
  ShardCopy& c = copy(e.shard);
  const bool sync = mode() == "sync";
  if (sync && !world_.replicas.secondary(e.shard)) return;  // CP: no second copy, no acknowledgement
  const auto assigned = c.sequencer.assign(e.frame.stream(), e.frame.id);
  e.frame.seq = assigned.seq;
  const bool write_again = !assigned.first_time && c.unapplied.count(e.frame.id) != 0;
  if (!assigned.first_time && !write_again) {  // applied before: durable as the mode promises
    answer(e, e);
    return;
  }
  if (const auto waiting = awaiting_ids_.find(e.frame.id); waiting != awaiting_ids_.end()) {
    // Its write or the secondary's answer may have been lost (a cut link): send it again
    // (applying a write twice changes nothing); the answer follows.
    if (world_.replicas.secondary(e.shard)) send_to_secondary(*awaiting_.at(waiting->second).write);
    return;
  }
  auto write = make_write(e, ShardWriteKind::message_copies);
  commit(std::move(write), std::make_unique<Envelope>(e));
}

// A group message goes to its group's topic in the log (the seeds: the message service sends
// it to Kafka); the log's leader acknowledges the sender's chat server once it has it.
void MessageShard::to_log(const Envelope& e) {
  const std::uint32_t partition = world_.partitioner.partition_of(e.frame.group);
  auto* produce = new Envelope{Op::produce, e.frame, e.user, e.device, 0, e.reply_to, {}, {}};
  produce->partition = partition;
  world_.post.to_server(Tier::broker, world_.partitioner.leader_of(partition), partition, produce);
}

// A group handler's copies of one record for member devices homed here: queue each until
// its device's delivery receipt, then tell the handler they are safe.
void MessageShard::on_store_copies(Envelope& e) {
  auto write = make_write(e, ShardWriteKind::group_copies);
  commit(std::move(write), std::make_unique<Envelope>(std::move(e)));
}

void MessageShard::on_drain_request(const Envelope& e) {
  auto* reply = new Envelope{Op::drain_reply, {}, e.user, e.device, e.epoch, kNoServer, copy(e.shard).store.pending(e.device), {}};
  for (ChatFrame& f : reply->frames) f.was_queued = true;
  world_.post.to_server(Tier::chat_server, e.reply_to, e.device, reply);
}

std::unique_ptr<Envelope> MessageShard::make_write(const Envelope& request, ShardWriteKind kind) {
  auto w = std::make_unique<Envelope>();
  w->op = Op::shard_write;
  w->frame = request.frame;
  w->device = request.device;
  w->shard = request.shard;
  w->write_kind = kind;
  if (kind == ShardWriteKind::message_copies) {
    const DeviceId first = world_.devices.first_device(request.frame.recipient);
    for (DeviceId d = first; d < first + world_.devices.device_count(request.frame.recipient); ++d) w->devices.push_back(d);
  } else if (kind == ShardWriteKind::group_copies) {
    w->devices = request.devices;
  }
  return w;
}

void MessageShard::commit(std::unique_ptr<Envelope> write, std::unique_ptr<Envelope> request) {
  ShardCopy& c = copy(write->shard);
  if (mode() == "sync" && write->write_kind == ShardWriteKind::message_copies) {
    const std::uint64_t number = next_write_++;
    write->write = number;
    c.unapplied.insert(write->frame.id);
    awaiting_ids_.emplace(write->frame.id, number);
    if (world_.replicas.secondary(write->shard)) send_to_secondary(*write);
    awaiting_.emplace(number, Awaiting{std::move(write), std::move(request)});
    return;
  }
  apply(*write, true);
  if (request) answer(*request, *write);
  if (mode() == "async") {
    unshipped_.push_back(std::move(write));
  } else if (mode() == "sync" && world_.replicas.secondary(write->shard)) {
    send_to_secondary(*write);  // not waited for
  }
}

// The change itself, the same on a primary and a secondary; only the primary's copies count
// as stored (the checker's evidence), a secondary's as replicated.
void MessageShard::apply(const Envelope& w, bool at_primary) {
  ShardCopy& c = copy(w.shard);
  switch (w.write_kind) {
    case ShardWriteKind::message_copies: {
      if (!at_primary) c.sequencer.observe(w.frame.stream(), w.frame.id, w.frame.seq);
      c.unapplied.erase(w.frame.id);
      for (DeviceId d : w.devices) {
        ChatFrame f = w.frame;
        f.recipient_device = d;
        c.store.enqueue(d, f, now_s());
        if (at_primary) world_.recorder.record({now_s(), EventKind::stored, f.id, f.stream(), f.seq, d, 0});
      }
      if (!at_primary)
        world_.recorder.record({now_s(), EventKind::replicated, w.frame.id, w.frame.stream(), w.frame.seq, 0,
                                static_cast<std::uint32_t>(w.devices.size())});
      return;
    }
    case ShardWriteKind::group_copies:
      for (DeviceId d : w.devices) {
        ChatFrame f = w.frame;
        f.recipient = world_.devices.owner(d);
        f.recipient_device = d;
        f.opens_stream = starts_membership(f, f.recipient);
        c.store.enqueue(d, f, now_s());
        if (at_primary) world_.recorder.record({now_s(), EventKind::stored, f.id, f.stream(), f.seq, d, 0});
      }
      return;
    case ShardWriteKind::receipt: c.store.enqueue(w.device, w.frame, now_s()); return;
    case ShardWriteKind::delete_copy: c.store.acknowledge(w.device, w.frame.id, w.frame.kind); return;
  }
}

// One check to the sender's chat server, or "copies safe" to the group handler.
void MessageShard::answer(const Envelope& request, const Envelope& write) {
  if (write.write_kind == ShardWriteKind::message_copies) {
    ChatFrame frame = request.frame;
    frame.seq = write.frame.seq;
    auto* ack = new Envelope{Op::store_ack, frame, frame.sender, frame.id.device, 0, kNoServer, {}, {}};
    world_.post.to_server(Tier::chat_server, request.reply_to, frame.id.device, ack);
  } else if (write.write_kind == ShardWriteKind::group_copies) {
    auto* stored = new Envelope{Op::copies_stored, request.frame, 0, 0, 0, kNoServer, {}, {}};
    stored->partition = request.partition;
    stored->offset = request.offset;
    stored->devices = write.devices;
    world_.post.to_server(Tier::group_handler, request.reply_to, request.partition, stored);
  }
}

void MessageShard::send_to_secondary(const Envelope& write) {
  auto* w = new Envelope(write);
  w->reply_to = host_;
  world_.post.to_message_host(*world_.replicas.secondary(write.shard), write.shard, w);
}

void MessageShard::on_shard_write(const Envelope& w) {
  if (world_.replicas.secondary(w.shard) != host_) return;  // no longer its secondary
  apply(w, false);
  if (w.write == 0) return;  // not waited for
  auto* ack = new Envelope{Op::shard_write_ack, {}, 0, 0, 0, host_, {}, {}};
  ack->shard = w.shard;
  ack->write = w.write;
  world_.post.to_message_host(w.reply_to, w.shard, ack);
}

void MessageShard::on_shard_write_ack(const Envelope& ack) {
  auto it = awaiting_.find(ack.write);
  if (it == awaiting_.end() || !is_primary(ack.shard)) return;
  Awaiting done = std::move(it->second);
  awaiting_.erase(it);
  awaiting_ids_.erase(done.write->frame.id);
  apply(*done.write, true);
  if (done.request) answer(*done.request, *done.write);
}

void MessageShard::ship_unshipped() {
  std::vector<std::unique_ptr<Envelope>> keep;
  for (auto& w : unshipped_) {
    if (!is_primary(w->shard)) continue;  // no longer ours to ship
    if (world_.replicas.secondary(w->shard)) {
      send_to_secondary(*w);
    } else {
      keep.push_back(std::move(w));  // shipped once a secondary has caught up (or included in its snapshot)
    }
  }
  unshipped_ = std::move(keep);
}

void MessageShard::crash() {
  awaiting_.clear();
  awaiting_ids_.clear();
  unshipped_.clear();
}

double MessageShard::copy_bytes(std::uint32_t shard) const {
  const auto it = copies_.find(shard);
  return it == copies_.end() ? 0.0 : static_cast<double>(it->second.store.bytes());
}

void MessageShard::install_copy(std::uint32_t shard, const MessageShard& from) {
  const auto it = from.copies_.find(shard);
  if (it == from.copies_.end()) return;
  copies_.erase(shard);
  copies_.emplace(shard, it->second);
}

// The snapshot held every applied write, so only writes still waiting go to the new secondary.
void MessageShard::secondary_ready(std::uint32_t shard) {
  std::vector<std::unique_ptr<Envelope>> keep;
  for (auto& w : unshipped_)
    if (w->shard != shard) keep.push_back(std::move(w));
  unshipped_ = std::move(keep);
  for (const auto& [number, a] : awaiting_)
    if (a.write->shard == shard) send_to_secondary(*a.write);
}

void MessageShard::expire(double t) {
  for (auto& [shard, c] : copies_) {
    const bool report = latest_copy_here(shard);
    for (const QueuedFrame& q : c.store.expire(t)) {
      if (!report || q.frame.kind != FrameKind::message) continue;
      world_.recorder.record({t, EventKind::expired, q.frame.id, q.frame.stream(), q.frame.seq,
                              q.frame.recipient_device, 0});
      world_.recorder.counts().expired += 1;
    }
  }
}

std::uint64_t MessageShard::stored_bytes() const {
  std::uint64_t total = 0;
  for (const auto& [shard, c] : copies_)
    if (latest_copy_here(shard)) total += c.store.bytes();
  return total;
}

std::uint64_t MessageShard::stored_frames() const {
  std::uint64_t total = 0;
  for (const auto& [shard, c] : copies_)
    if (latest_copy_here(shard)) total += c.store.frames();
  return total;
}

}  // namespace whatsim
