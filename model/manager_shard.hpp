#pragma once
// A WebSocket manager shard (Redis in the seeds): the routes of the users hashed to it.
#include "model/world.hpp"
#include "src/protocol/websocket_manager.hpp"

namespace whatsim {

class ManagerShard {
 public:
  ManagerShard(World& world, std::uint32_t index) : world_(world), index_(index) {}

  double cost(const Envelope& e) const;
  void handle(Envelope& e);
  // A route that exists when the run starts; returns its epoch.
  Epoch adopt(UserId user, DeviceId device, ServerId server) { return manager_.connect(user, device, server).epoch; }
  std::size_t connected_devices() const { return manager_.connected_devices(); }
  // Its health check found chat server `server` dead: drop the routes through it and tell
  // the caches that held them (senders then find the devices offline, and the messages wait
  // in the store until the devices reconnect elsewhere).
  void chat_server_failed(ServerId server);

 private:
  void invalidate(UserId user, const std::vector<ServerId>& holders, const simgrid::s4u::Host* from = nullptr);
  World& world_;
  std::uint32_t index_;
  WebSocketManager manager_;
};

}  // namespace whatsim
