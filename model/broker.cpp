#include "model/broker.hpp"

#include "model/sim_clock.hpp"

namespace whatsim {

namespace {
AckMode ack_mode(const std::string& acks) { return acks == "leader" ? AckMode::leader : AckMode::all_in_sync; }
}  // namespace

Broker::Broker(World& world, std::uint32_t index) : world_(world), index_(index) {
  const GroupLogSpec& spec = world.group_spec().log;
  for (PartitionId p = 0; p < spec.partitions; ++p) {
    if (world.partitioner.leader_of(p) != index) continue;
    logs_.emplace(p, PartitionLog(spec.replication_factor - 1, ack_mode(spec.acks)));
    handed_[p] = 0;
  }
}

// Each record is appended once, replicated once per follower and read once by its
// consumer; the read is charged with the append (records are handed out, not polled).
double Broker::cost(const Envelope& e) const {
  const GroupLogSpec& spec = world_.group_spec().log;
  switch (e.op) {
    case Op::produce: return spec.append_cycles + spec.fetch_cycles;
    case Op::replicate: return spec.replicate_cycles;
    default: return 0;
  }
}

void Broker::handle(Envelope& e) {
  switch (e.op) {
    case Op::produce: return on_produce(e);
    case Op::replicate: return on_replicate(e);
    case Op::replicated: return on_replicated(e);
    default: return;
  }
}

void Broker::on_produce(const Envelope& e) {
  bytes_in_ += static_cast<std::uint64_t>(world_.post.wire_bytes(e));
  const PartitionId p = e.partition;
  PartitionLog& log = logs_.at(p);
  const bool message = e.frame.notice == GroupNotice::none;
  if (message) {
    auto seen = appended_ids_.find(e.frame.id);
    if (seen != appended_ids_.end()) {  // a retry: acknowledge what is already in the log
      ChatFrame frame = e.frame;
      frame.seq = seen->second.group_seq;
      if (seen->second.offset < log.high_watermark() || ack_mode(world_.group_spec().log.acks) == AckMode::leader)
        acknowledge(frame, e.reply_to);
      else
        acks_due_.insert({{p, seen->second.offset}, {frame, e.reply_to}});
      return;
    }
  }
  const PartitionLog::Appended a = log.append(e.frame, message ? 0 : e.version);
  appended_ += 1;
  if (message) appended_ids_.emplace(e.frame.id, AppendedId{a.offset, a.group_seq});
  const LogRecord& r = log.at(a.offset);
  world_.recorder.record({now_s(), EventKind::sequenced, r.frame.id, group_stream(r.group), r.group_seq,
                          r.frame.id.device, 0});
  if (!message) record_membership(r);
  if (a.ack_now) acknowledge(r.frame, e.reply_to);
  else if (message) acks_due_.insert({{p, a.offset}, {r.frame, e.reply_to}});
  const auto replicas = world_.partitioner.replicas_of(p);
  for (std::size_t f = 1; f < replicas.size(); ++f) {
    auto* copy = new Envelope{Op::replicate, r.frame, 0, 0, 0, index_, {}, {}};
    copy->partition = p;
    copy->offset = a.offset + 1;
    count_out(*copy);
    world_.post.to_server(Tier::broker, replicas[f], p, copy);
  }
  advance(p);
}

// The devices of a member who joined are entitled from the notice's seq on; those of a
// member who left, up to and including it. Recorded where the order is decided: here.
void Broker::record_membership(const LogRecord& r) {
  const bool joined = r.frame.notice == GroupNotice::member_joined;
  const DeviceId first = world_.devices.first_device(r.frame.subject);
  for (DeviceId d = first; d < first + world_.devices.device_count(r.frame.subject); ++d) {
    world_.recorder.record({now_s(), joined ? EventKind::member_from : EventKind::member_until, r.frame.id,
                            group_stream(r.group), r.group_seq, d, 0});
  }
}

void Broker::on_replicate(const Envelope& e) {
  bytes_in_ += static_cast<std::uint64_t>(world_.post.wire_bytes(e));
  auto* done = new Envelope{Op::replicated, {}, 0, 0, 0, index_, {}, {}};
  done->partition = e.partition;
  done->offset = e.offset;
  world_.post.to_server(Tier::broker, e.reply_to, e.partition, done);
}

void Broker::on_replicated(const Envelope& e) {
  const auto replicas = world_.partitioner.replicas_of(e.partition);
  for (std::size_t f = 1; f < replicas.size(); ++f) {
    if (replicas[f] == e.reply_to) logs_.at(e.partition).replicated(static_cast<std::uint32_t>(f - 1), e.offset);
  }
  advance(e.partition);
}

// Records below the high watermark are committed: acknowledge the producers still waiting
// for that, and hand the records to the partition's consumer, in order.
void Broker::advance(PartitionId p) {
  PartitionLog& log = logs_.at(p);
  Offset& handed = handed_.at(p);
  const Offset hw = log.high_watermark();
  if (hw <= handed) return;
  for (auto it = acks_due_.lower_bound({p, handed}); it != acks_due_.end() && it->first.first == p && it->first.second < hw;
       it = acks_due_.erase(it)) {
    acknowledge(it->second.frame, it->second.chat_server);
  }
  auto* batch = new Envelope{Op::records, {}, 0, 0, 0, index_, {}, {}};
  batch->partition = p;
  for (Offset o = handed; o < hw; ++o) batch->records.push_back(log.at(o));
  handed = hw;
  count_out(*batch);
  world_.post.to_server(Tier::group_handler, world_.consumers.handler_of(p), p, batch);
  log.trim(world_.consumers.committed(p));  // what the handler has finished is no longer needed
}

void Broker::acknowledge(const ChatFrame& frame, ServerId chat_server) {
  if (chat_server == kNoServer || frame.notice != GroupNotice::none) return;  // notices: nobody waits
  auto* ack = new Envelope{Op::store_ack, frame, frame.sender, frame.id.device, 0, kNoServer, {}, {}};
  count_out(*ack);
  world_.post.to_server(Tier::chat_server, chat_server, frame.id.device, ack);
}

std::uint64_t Broker::lag(PartitionId p) const {
  return logs_.at(p).end_offset() - world_.consumers.committed(p);
}

void Broker::record_unfinished(double t) {
  for (const auto& [p, log] : logs_) {
    for (Offset o = world_.consumers.committed(p); o < log.end_offset(); ++o) {
      const LogRecord& r = log.at(o);
      world_.recorder.record({t, EventKind::pending_at_end, r.frame.id, group_stream(r.group), r.group_seq,
                              kAllDevices, 0});
    }
  }
}

}  // namespace whatsim
