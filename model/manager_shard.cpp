#include "model/manager_shard.hpp"

#include <limits>

namespace whatsim {

double ManagerShard::cost(const Envelope& e) const {
  return e.op == Op::lookup ? world_.costs().manager_lookup_cycles : world_.costs().manager_update_cycles;
}

void ManagerShard::handle(Envelope& e) {
  switch (e.op) {
    case Op::register_route: {
      auto result = manager_.connect(e.user, e.device, e.reply_to);
      invalidate(e.user, result.invalidate);
      auto* ok = new Envelope{Op::route_registered, {}, e.user, e.device, result.epoch, kNoServer, {}, {}};
      world_.post.to_server(Tier::chat_server, e.reply_to, e.device, ok);
      return;
    }
    case Op::unregister_route: return invalidate(e.user, manager_.disconnect(e.user, e.device, e.epoch));
    case Op::lookup: {
      auto* reply = new Envelope{Op::route_reply, {}, e.user, 0, 0, e.reply_to, {}, {}};  // which cache asked
      reply->routes = manager_.lookup(e.user, world_.devices.first_device(e.user), world_.devices.device_count(e.user),
                                      e.reply_to);
      world_.post.to_server(holder_tier(e.reply_to), holder_index(e.reply_to), e.user, reply);
      return;
    }
    default: return;
  }
}

// Servers that cached `user`'s routes drop them; their next frame for the user asks again.
void ManagerShard::invalidate(UserId user, const std::vector<ServerId>& holders, const simgrid::s4u::Host* from) {
  for (ServerId s : holders) {
    auto* inv = new Envelope{Op::invalidate, {}, user, 0, 0, s, {}, {}};  // which cache to drop it from
    world_.post.to_server(holder_tier(s), holder_index(s), user, inv, 0, from);
  }
}

void ManagerShard::chat_server_failed(ServerId server) {
  if (!world_.faults.server_up(Tier::websocket_manager, index_)) return;  // it will learn when it returns
  const simgrid::s4u::Host* here = world_.platform.host(Tier::websocket_manager, index_);
  UserId last = std::numeric_limits<UserId>::max();
  for (DeviceId d : manager_.drop_server(server)) {
    const UserId user = world_.devices.owner(d);
    if (user == last) continue;  // one user's devices are consecutive
    last = user;
    invalidate(user, manager_.stale_caches(user), here);
  }
}

}  // namespace whatsim
