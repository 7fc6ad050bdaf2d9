#pragma once
// What travels between simulated processes: one operation of the protocol and its data.
// The simulated size on the wire is computed from the frame, never from sizeof.
#include <cstdint>
#include <vector>

#include "src/protocol/chat_frame.hpp"
#include "src/protocol/route_cache.hpp"

namespace whatsim {

enum class Op : std::uint8_t {
  // device -> its chat server
  connect, disconnect, send, device_receipt,
  // chat server -> device
  push, ack,
  // chat server <-> WebSocket manager
  register_route, route_registered, unregister_route, lookup, route_reply, invalidate,
  // chat server <-> message service
  store, store_ack, store_delete, drain_request, drain_reply,
  // chat server -> chat server
  forward,
};

struct Envelope {
  Op op = Op::send;
  ChatFrame frame;
  UserId user = 0;          // whose connection or route this is about
  DeviceId device = 0;      // whose connection this is about
  Epoch epoch = 0;
  ServerId reply_to = kNoServer;  // the chat server that asked
  std::vector<ChatFrame> frames;   // drain_reply and batched pushes
  std::vector<DeviceRoute> routes;  // route_reply
  double latency_s = 0;             // route latency, set by the post office (see arrival_queue.hpp)
  double arrive_at = 0;             // set by the receiver: off the wire + route latency
};

}  // namespace whatsim
