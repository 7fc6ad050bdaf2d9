#pragma once
// The frames of the design as an open queueing network: one station per (tier, kind of
// frame), external arrivals from the traffic mix (sends, receipts, connections, uploads,
// downloads, membership changes), and routing from the protocol: a send becomes a store, a
// store an acknowledgement and a route lookup, a lookup a forward per recipient device, and
// so on. Solving the traffic equations gives every frame kind's rate; the capacity model
// then adds up each tier's frames, since they share its cores.
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "src/scenario/scenario.hpp"

namespace whatsim {

struct TrafficRates;

// What the routing depends on besides the scenario's figures: shares the model derives
// (capacity_model.cpp) and states as its assumptions.
struct FlowShares {
  double devices_per_user = 1;     // mean devices of a user
  double online_share = 1;         // of devices, connected at a random moment
  double all_devices_local = 0;    // a recipient's devices all on the sender's chat server (no lookup)
  double same_server = 0;          // one recipient device on the sender's chat server (no forward)
  double route_cache_hit = 0;      // a remote delivery's routes come from the chat server's cache
  double cache_holders = 0;        // chat servers holding a user's routes when they change (each is told)
  double delivered_receipt_share = 1;  // of receipts, delivered ones (they delete the stored copy); the rest are read
  double sender_offline_share = 0;     // of receipts, those that find the sending device offline (kept for it)
  double pending_per_drain = 1;    // copies waiting for a device when it reconnects
  double group_members = 0;        // mean members of a group
  double group_shards_touched = 1;  // message-service shards one group message's copies go to
  double cdn_hit_share = 0;        // downloads a PoP answers from its cache
  double dedup_share = 0;          // uploads whose content is already stored
  double body_bytes = 0;           // mean message body
  double media_bytes = 0;          // mean uploaded file
};

// One kind of frame at one tier.
struct FrameStation {
  std::string tier;  // chat_server, websocket_manager, message_service, ...
  std::string op;    // send, store, lookup, forward, ...
  double cycles = 0;  // CPU demand of one frame
  double bytes = 0;   // on the wire, into the tier
  double arrival_per_s = 0;  // whole tier, from the traffic equations
};

// Builds the network and solves its traffic equations (open_network.hpp, with fan-out).
std::vector<FrameStation> solve_frame_flows(const Scenario& s, const TrafficRates& rates, const FlowShares& shares);

// Sum of one tier's frames and cycles per second (whole tier).
struct TierFrames {
  double frames_per_s = 0;
  double cycles_per_s = 0;
  double cycles_second_moment = 0;  // Σ rate·cycles², for the service time's variability
  double bytes_in_per_s = 0;
};
TierFrames tier_frames(const std::vector<FrameStation>& stations, const std::string& tier);
const FrameStation* find_frame(const std::vector<FrameStation>& stations, const std::string& tier, const std::string& op);

}  // namespace whatsim
