#include "model/chat_server.hpp"

#include "model/sim_clock.hpp"

namespace whatsim {

double ChatServer::cost(const Envelope& e) const {
  const double transport = transport_cycles(e);
  if (transport > 0) world_.recorder.crypto_work(Tier::chat_server, transport, now_s());
  return protocol_cycles(e) + transport;
}

// Noise: the handshake at every connect, AES-GCM over every frame to or from the phone.
double ChatServer::transport_cycles(const Envelope& e) const {
  switch (e.op) {
    case Op::connect: return transport_.handshake_cycles();
    case Op::send:
    case Op::device_receipt:
    case Op::disconnect:
    case Op::drain_reply:
    case Op::store_ack:
    case Op::forward: return transport_.record_cycles(world_.post.wire_bytes(e));
    default: return 0;
  }
}

double ChatServer::protocol_cycles(const Envelope& e) const {
  const CostSpec& c = world_.costs();
  switch (e.op) {
    case Op::connect: return c.connect_cycles;
    case Op::send:
    case Op::device_receipt:
    case Op::disconnect: return c.chat_receive_cycles + c.route_cache_cycles;
    case Op::drain_reply: return c.chat_push_cycles * static_cast<double>(std::max<std::size_t>(e.frames.size(), 1));
    case Op::store_ack:
    case Op::forward:
    case Op::route_reply: return c.chat_push_cycles;
    default: return c.route_cache_cycles;
  }
}

void ChatServer::handle(Envelope& e) {
  switch (e.op) {
    case Op::connect: return on_connect(e);
    case Op::route_registered: return on_route_registered(e);
    case Op::disconnect: return on_disconnect(e);
    case Op::send: return on_send(e);
    case Op::store_ack: return on_store_ack(e);
    case Op::device_receipt: return on_device_receipt(e);
    case Op::route_reply: return on_route_reply(e);
    case Op::invalidate: routes_[holder_stand_in(e.reply_to)].invalidate(e.user); return;
    case Op::forward: return on_forward(e);
    case Op::drain_reply: return on_drain_reply(e);
    case Op::store_delete: return send_to_store(Op::store_delete, world_.devices.owner(e.device), e.device, e.frame);
    default: return;
  }
}

// A device connected: register its route with the manager; the drain of its offline queue
// follows once the manager has answered.
void ChatServer::on_connect(const Envelope& e) {
  add_connection(e.user, e.device, 0);
  auto* reg = new Envelope{Op::register_route, {}, e.user, e.device, 0, id_, {}, {}};
  world_.post.to_server(Tier::websocket_manager, world_.layout.manager_of(e.user), e.user, reg);
}

void ChatServer::adopt(UserId user, DeviceId device, Epoch epoch) { add_connection(user, device, epoch); }

void ChatServer::crash() {
  world_.post.stats(Tier::chat_server, id_).connected(-static_cast<std::int64_t>(connections_.size()));
  connections_.clear();
  local_devices_.clear();
  for (RouteFinder& r : routes_) r.clear();
}

void ChatServer::add_connection(UserId user, DeviceId device, Epoch epoch) {
  connections_[device] = epoch;
  local_devices_[user] += 1;
  last_seen_.on_connect(user, now_s());
  world_.post.stats(Tier::chat_server, id_).connected(+1);
}

void ChatServer::on_route_registered(const Envelope& e) {
  auto it = connections_.find(e.device);
  if (it == connections_.end()) return;  // gone again before the manager answered
  it->second = e.epoch;
  auto* drain = new Envelope{Op::drain_request, {}, e.user, e.device, e.epoch, id_, {}, {}};
  world_.post.to_server(Tier::message_service, world_.layout.message_shard_of(e.user), e.user, drain);
}

void ChatServer::on_disconnect(const Envelope& e) {
  auto it = connections_.find(e.device);
  if (it == connections_.end()) return;
  const Epoch epoch = it->second;
  connections_.erase(it);
  if (--local_devices_[e.user] == 0) local_devices_.erase(e.user);
  last_seen_.on_disconnect(e.user, now_s());
  world_.post.stats(Tier::chat_server, id_).connected(-1);
  auto* unreg = new Envelope{Op::unregister_route, {}, e.user, e.device, epoch, id_, {}, {}};
  world_.post.to_server(Tier::websocket_manager, world_.layout.manager_of(e.user), e.user, unreg);
}

// A device sent a message: the message service stores and numbers it before anything else
// (a group message: hands it to the group's topic in the log, which numbers it).
void ChatServer::on_send(const Envelope& e) {
  const bool group = e.frame.group != kNoGroup;
  const std::uint32_t shard = group ? world_.layout.message_shard_of_group(e.frame.group)
                                    : world_.layout.message_shard_of(e.frame.recipient);
  auto* store = new Envelope{Op::store, e.frame, e.frame.recipient, e.device, 0, id_, {}, {}};
  world_.post.to_server(Tier::message_service, shard, group ? e.frame.group : e.frame.recipient, store);
}

// Stored and numbered: one check to the sender's device, then delivery to the recipient's
// (a group's members get it from the group handler instead).
void ChatServer::on_store_ack(const Envelope& e) {
  const DeviceId sender_device = e.frame.id.device;
  if (connected(sender_device)) {
    auto* ack = new Envelope{Op::ack, e.frame, e.frame.sender, sender_device, 0, id_, {}, {}};
    world_.post.to_devices(world_.layout.region_of(e.frame.sender), ack);
  }
  if (e.frame.group == kNoGroup) route_to_user(e.frame.recipient, e.frame, std::nullopt);
}

// A recipient device has the message (or opened it): delete its stored copy, tell the sender.
void ChatServer::on_device_receipt(const Envelope& e) {
  if (e.frame.kind == FrameKind::delivered_receipt) {
    ChatFrame copy = e.frame;
    copy.kind = FrameKind::message;  // what to delete: this device's copy of the message
    send_to_store(Op::store_delete, e.frame.recipient, e.frame.recipient_device, copy);
  }
  if (e.frame.notice == GroupNotice::none) route_to_user(e.frame.sender, e.frame, e.frame.id.device);  // notices: nobody to tell
}

// A slice's users stand in for contacts in other cells: between such a pair, frames take the
// path between two cells (ask for routes, forward to the recipient's server) even when both
// users are on this server, which then plays the other cell's server.
void ChatServer::route_to_user(UserId user, const ChatFrame& frame, std::optional<DeviceId> only_device) {
  const std::optional<std::uint32_t> stand_in = world_.layout.stand_in_cell(frame.sender, frame.recipient);
  const bool across = stand_in.has_value();
  if (!across && all_devices_here(user)) {  // same server: no need to ask anyone
    const DeviceId first = world_.devices.first_device(user);
    for (DeviceId d = first; d < first + world_.devices.device_count(user); ++d) {
      if (!only_device || *only_device == d) push(d, {frame});
    }
    return;
  }
  RouteFinder& finder = routes_[stand_in.value_or(0)];
  if (const auto routes = finder.find(user, frame, only_device)) deliver_along(*routes, frame, only_device, across);
}

bool ChatServer::all_devices_here(UserId user) const {
  auto it = local_devices_.find(user);
  return it != local_devices_.end() && it->second == world_.devices.device_count(user);
}

void ChatServer::deliver_along(const Routes& routes, const ChatFrame& frame,
                               std::optional<DeviceId> only_device, bool across) {
  for (const DeviceRoute& r : routes) {
    if (only_device && *only_device != r.device) continue;
    ChatFrame copy = frame;
    if (frame.kind == FrameKind::message) copy.recipient_device = r.device;
    if (r.server == id_ && !across) {
      connected(r.device) ? push(r.device, {copy}) : not_here(r.device, copy);
    } else if (r.server != kNoServer) {
      auto* fwd = new Envelope{Op::forward, copy, world_.devices.owner(r.device), r.device, r.epoch, id_, {}, {}};
      world_.post.to_server(Tier::chat_server, r.server, r.device, fwd);
    } else {
      not_here(r.device, copy);
    }
  }
}

void ChatServer::on_route_reply(Envelope& e) {
  RouteFinder& finder = routes_[holder_stand_in(e.reply_to)];
  for (const auto& p : finder.on_reply(e.user, e.routes))
    deliver_along(finder.routes(e.user), p.frame, p.only_device,
                  world_.layout.stand_in_cell(p.frame.sender, p.frame.recipient).has_value());
}

void ChatServer::on_forward(const Envelope& e) {
  connected(e.device) ? push(e.device, {e.frame}) : not_here(e.device, e.frame);
}

void ChatServer::on_drain_reply(Envelope& e) {
  if (!e.frames.empty() && connected(e.device)) push(e.device, std::move(e.frames));
}

void ChatServer::push(DeviceId device, std::vector<ChatFrame> frames) {
  const UserId owner = world_.devices.owner(device);
  auto* p = new Envelope{Op::push, {}, owner, device, 0, id_, std::move(frames), {}};
  world_.post.to_devices(world_.layout.region_of(owner), p);
}

void ChatServer::not_here(DeviceId device, const ChatFrame& frame) {
  if (frame.kind == FrameKind::message) return;
  send_to_store(Op::store, world_.devices.owner(device), device, frame);
}

void ChatServer::send_to_store(Op op, UserId owner, DeviceId device, const ChatFrame& frame) {
  auto* e = new Envelope{op, frame, owner, device, 0, id_, {}, {}};
  world_.post.to_server(Tier::message_service, world_.layout.message_shard_of(owner), owner, e);
}

}  // namespace whatsim
