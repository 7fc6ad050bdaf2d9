#include "model/message_shard.hpp"

#include <simgrid/s4u/Engine.hpp>

namespace whatsim {

namespace {
constexpr double kSecondsPerDay = 86400.0;
double now() { return simgrid::s4u::Engine::get_clock(); }
}  // namespace

MessageShard::MessageShard(World& world, std::uint32_t index)
    : world_(world), index_(index), store_(world.costs().retention_days * kSecondsPerDay) {}

double MessageShard::cost(const Envelope& e) const {
  const CostSpec& c = world_.costs();
  switch (e.op) {
    case Op::store:
      return e.frame.kind == FrameKind::message && e.frame.group == kNoGroup
                 ? c.store_write_cycles * world_.devices.device_count(e.frame.recipient)
                 : c.store_write_cycles;
    case Op::store_copies: return c.store_write_cycles * static_cast<double>(e.devices.size());
    case Op::store_delete: return c.store_delete_cycles;
    case Op::drain_request: return c.store_drain_cycles * static_cast<double>(std::max<std::size_t>(1, store_.pending_count(e.device)));
    default: return 0;
  }
}

void MessageShard::handle(Envelope& e) {
  switch (e.op) {
    case Op::store: return e.frame.group != kNoGroup ? to_log(e) : on_store(e);
    case Op::store_copies: return on_store_copies(e);
    case Op::store_delete: store_.acknowledge(e.device, e.frame.id, e.frame.kind); return;
    case Op::drain_request: return on_drain_request(e);
    default: return;
  }
}

// Number the message in its stream and queue one copy per recipient device, once per id:
// a retried send is acknowledged again but stores nothing new.
void MessageShard::on_store(const Envelope& e) {
  if (e.frame.kind != FrameKind::message) {  // a receipt for an offline sender device
    store_.enqueue(e.device, e.frame, now());
    return;
  }
  ChatFrame frame = e.frame;
  const auto assigned = sequencer_.assign(frame.stream(), frame.id);
  frame.seq = assigned.seq;
  if (assigned.first_time) {
    const DeviceId first = world_.devices.first_device(frame.recipient);
    for (DeviceId d = first; d < first + world_.devices.device_count(frame.recipient); ++d) {
      ChatFrame copy = frame;
      copy.recipient_device = d;
      store_.enqueue(d, copy, now());
      world_.recorder.record({now(), EventKind::stored, frame.id, frame.stream(), frame.seq, d, 0});
    }
  }
  auto* ack = new Envelope{Op::store_ack, frame, frame.sender, frame.id.device, 0, kNoServer, {}, {}};
  world_.post.to_server(Tier::chat_server, e.reply_to, frame.id.device, ack);
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
  for (DeviceId d : e.devices) {
    ChatFrame copy = e.frame;
    copy.recipient = world_.devices.owner(d);
    copy.recipient_device = d;
    copy.opens_stream = starts_membership(copy, copy.recipient);
    store_.enqueue(d, copy, now());
    world_.recorder.record({now(), EventKind::stored, copy.id, copy.stream(), copy.seq, d, 0});
  }
  auto* stored = new Envelope{Op::copies_stored, e.frame, 0, 0, 0, kNoServer, {}, {}};
  stored->partition = e.partition;
  stored->offset = e.offset;
  stored->devices = std::move(e.devices);
  world_.post.to_server(Tier::group_handler, e.reply_to, e.partition, stored);
}

void MessageShard::on_drain_request(const Envelope& e) {
  auto* reply = new Envelope{Op::drain_reply, {}, e.user, e.device, e.epoch, kNoServer, store_.pending(e.device), {}};
  for (ChatFrame& f : reply->frames) f.was_queued = true;
  world_.post.to_server(Tier::chat_server, e.reply_to, e.device, reply);
}

void MessageShard::expire(double t) {
  for (const QueuedFrame& q : store_.expire(t)) {
    if (q.frame.kind != FrameKind::message) continue;
    world_.recorder.record({t, EventKind::expired, q.frame.id, q.frame.stream(), q.frame.seq,
                            q.frame.recipient_device, 0});
    world_.recorder.counts().expired += 1;
  }
}

}  // namespace whatsim
