#include "model/group_handler.hpp"

namespace whatsim {

GroupHandler::GroupHandler(World& world, std::uint32_t index)
    : world_(world), index_(index), routes_(world, Tier::group_handler, index) {}

// Like a chat server's: reading a record is receiving a frame; preparing and pushing a copy
// is pushing a frame to a device.
double GroupHandler::cost(const Envelope& e) const {
  const CostSpec& c = world_.costs();
  switch (e.op) {
    case Op::records: return c.chat_receive_cycles * static_cast<double>(e.records.size());
    case Op::members_reply: return c.route_cache_cycles * static_cast<double>(std::max<std::size_t>(e.users.size(), 1));
    case Op::copies_stored: return c.chat_push_cycles * static_cast<double>(e.devices.size());
    default: return c.route_cache_cycles;
  }
}

void GroupHandler::handle(Envelope& e) {
  switch (e.op) {
    case Op::records: return on_records(e);
    case Op::members_reply: return on_members(e);
    case Op::copies_stored: return on_copies_stored(e);
    case Op::route_reply: return on_route_reply(e);
    case Op::invalidate: routes_.invalidate(e.user); return;
    default: return;
  }
}

void GroupHandler::on_records(const Envelope& e) {
  for (const LogRecord& r : e.records) {
    const MemberQuery q = fanout_.consume(e.partition, r);
    auto* ask = new Envelope{Op::members_request, r.frame, 0, 0, 0, index_, {}, {}};
    ask->partition = e.partition;
    ask->offset = r.offset;
    ask->version = q.version;
    world_.post.to_server(Tier::group_service, world_.layout.group_service_of(r.group), r.group, ask);
  }
}

void GroupHandler::on_members(Envelope& e) {
  for (const FanoutRecord& ready : fanout_.answer(e.partition, e.offset, std::move(e.users)))
    write_copies(e.partition, ready.record, ready.members);
}

// One copy per device of every member, except the device that sent it, written to the
// queues of the message-service shards that home those devices' users.
void GroupHandler::write_copies(PartitionId p, const LogRecord& r, const std::vector<UserId>& members) {
  ChatFrame copy = r.frame;
  copy.seq = r.group_seq;
  std::map<std::uint32_t, std::vector<DeviceId>> by_shard;
  std::uint32_t copies = 0;
  for (UserId u : members) {
    const DeviceId first = world_.devices.first_device(u);
    for (DeviceId d = first; d < first + world_.devices.device_count(u); ++d) {
      if (d == r.frame.id.device) continue;
      by_shard[world_.layout.message_shard_of(u)].push_back(d);
      ++copies;
    }
  }
  // The sender attached its key for the devices that needed it: spread those bytes over the copies.
  copy.key_bytes = copies > 0 ? r.frame.key_bytes / copies : 0;
  GroupReport& counts = world_.recorder.groups();
  counts.copies += copies;
  if (r.frame.notice == GroupNotice::none) world_.recorder.group_planned(copy, copies);
  if (by_shard.empty()) return copies_safe(p, r.offset);
  stores_outstanding_[{p, r.offset}] = static_cast<std::uint32_t>(by_shard.size());
  for (auto& [shard, devices] : by_shard) {
    auto* store = new Envelope{Op::store_copies, copy, 0, 0, 0, index_, {}, {}};
    store->partition = p;
    store->offset = r.offset;
    store->devices = std::move(devices);
    world_.post.to_server(Tier::message_service, shard, r.group, store);
  }
}

// Safe in the queues: push each copy to its device if it is connected (if it is not, the
// copy waits in its queue for the next connection).
void GroupHandler::on_copies_stored(const Envelope& e) {
  for (DeviceId d : e.devices) {
    ChatFrame copy = e.frame;
    copy.recipient = world_.devices.owner(d);
    copy.recipient_device = d;
    copy.opens_stream = starts_membership(copy, copy.recipient);
    if (const auto routes = routes_.find(copy.recipient, copy, d)) push(*routes, copy);
  }
  copies_safe(e.partition, e.offset);
}

void GroupHandler::on_route_reply(Envelope& e) {
  for (const auto& parked : routes_.on_reply(e.user, e.routes)) push(routes_.routes(e.user), parked.frame);
}

void GroupHandler::push(const Routes& routes, const ChatFrame& copy) {
  for (const DeviceRoute& r : routes) {
    if (r.device != copy.recipient_device || r.server == kNoServer) continue;
    auto* fwd = new Envelope{Op::forward, copy, copy.recipient, r.device, r.epoch, kNoServer, {}, {}};
    world_.post.to_server(Tier::chat_server, r.server, r.device, fwd);
  }
}

void GroupHandler::copies_safe(PartitionId p, Offset o) {
  auto it = stores_outstanding_.find({p, o});
  if (it != stores_outstanding_.end() && --it->second > 0) return;
  if (it != stores_outstanding_.end()) stores_outstanding_.erase(it);
  if (const auto committed = fanout_.done(p, o)) world_.consumers.commit(p, *committed);
}

}  // namespace whatsim
