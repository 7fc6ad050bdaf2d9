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
  std::size_t connected_devices() const { return manager_.connected_devices(); }

 private:
  void invalidate(UserId user, const std::vector<ServerId>& holders);
  World& world_;
  std::uint32_t index_;
  WebSocketManager manager_;
};

}  // namespace whatsim
