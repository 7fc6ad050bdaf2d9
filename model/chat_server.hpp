#pragma once
// A chat (WebSocket) server: holds device connections, passes a device's messages to the
// message service, and delivers messages and receipts to devices, finding other servers
// through its route cache and the WebSocket manager.
#include <optional>
#include <vector>

#include "model/route_finder.hpp"
#include "model/world.hpp"
#include "src/core/compact_map.hpp"
#include "src/crypto/transport_crypto.hpp"
#include "src/protocol/last_seen.hpp"

namespace whatsim {

class ChatServer {
 public:
  ChatServer(World& world, ServerId id)
      : world_(world), id_(id), transport_(world.crypto_spec().transport) {
    for (std::uint32_t cell = 0; cell < world.layout.stand_in_cells; ++cell) routes_.emplace_back(world, Tier::chat_server, id, cell);
  }

  double cost(const Envelope& e) const;  // the protocol's work plus transport encryption
  void handle(Envelope& e);
  // A connection that exists when the run starts (installed directly, not simulated).
  void adopt(UserId user, DeviceId device, Epoch epoch);
  // The process died: every connection and cached route is gone; it restarts empty.
  void crash();

 private:
  double protocol_cycles(const Envelope& e) const;
  double transport_cycles(const Envelope& e) const;
  // Steps of the protocol, one per operation.
  void on_connect(const Envelope& e);
  void add_connection(UserId user, DeviceId device, Epoch epoch);
  void on_route_registered(const Envelope& e);
  void on_disconnect(const Envelope& e);
  void on_send(const Envelope& e);
  void on_store_ack(const Envelope& e);
  void on_device_receipt(const Envelope& e);
  void on_route_reply(Envelope& e);
  void on_forward(const Envelope& e);
  void on_drain_reply(Envelope& e);

  // Deliver `frame` to the devices of `user` (all of them, or only `only_device`).
  void route_to_user(UserId user, const ChatFrame& frame, std::optional<DeviceId> only_device);
  // across: the frame goes between cells (Layout::stand_in_cell gives a cell), so even a
  // route to this server is taken over the network, as to another cell's server.
  void deliver_along(const Routes& routes, const ChatFrame& frame, std::optional<DeviceId> only_device,
                     bool across);
  bool all_devices_here(UserId user) const;
  void push(DeviceId device, std::vector<ChatFrame> frames);
  // A frame for a device that is not connected here: messages wait in the store already;
  // a receipt is queued there for the device so it is not lost.
  void not_here(DeviceId device, const ChatFrame& frame);
  void send_to_store(Op op, UserId owner, DeviceId device, const ChatFrame& frame);
  bool connected(DeviceId device) const { return connections_.count(device) != 0; }

  World& world_;
  ServerId id_;
  std::vector<RouteFinder> routes_;  // one per cell this server stands in for (one in a full run)
  TransportCost transport_;
  LastSeen last_seen_;
  CompactMap<DeviceId, Epoch> connections_;            // epoch 0 until the manager registered it
  CompactMap<UserId, std::uint32_t> local_devices_;    // connected devices per user
};

}  // namespace whatsim
