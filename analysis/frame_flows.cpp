#include "analysis/frame_flows.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "analysis/capacity_model.hpp"
#include "analysis/open_network.hpp"
#include "src/crypto/transport_crypto.hpp"

namespace whatsim {

namespace {

// Collects stations, routes and external arrivals by name, then solves.
class FlowBuilder {
 public:
  std::size_t station(const std::string& tier, const std::string& op, double cycles, double bytes) {
    const auto [it, added] = index_.try_emplace(tier + "." + op, stations_.size());
    if (added) stations_.push_back({tier, op, cycles, bytes, 0});
    return it->second;
  }
  void route(std::size_t from, std::size_t to, double per_frame) {
    if (per_frame > 0) routes_.push_back({from, to, per_frame});
  }
  void external(std::size_t at, double per_s) { external_.emplace_back(at, per_s); }

  std::vector<FrameStation> solve() {
    const auto n = static_cast<Eigen::Index>(stations_.size());
    OpenNetwork net;
    net.fan_out = true;
    net.routing = Eigen::MatrixXd::Zero(n, n);
    net.external_per_s = Eigen::VectorXd::Zero(n);
    for (const FrameStation& f : stations_) net.stations.push_back({f.tier + "." + f.op, 1, 0, 1});
    for (const Route& r : routes_) net.routing(static_cast<Eigen::Index>(r.from), static_cast<Eigen::Index>(r.to)) += r.per_frame;
    for (const auto& [at, per_s] : external_) net.external_per_s(static_cast<Eigen::Index>(at)) += per_s;
    const Eigen::VectorXd lambda = solve_traffic(net);
    for (std::size_t i = 0; i < stations_.size(); ++i) stations_[i].arrival_per_s = lambda(static_cast<Eigen::Index>(i));
    return std::move(stations_);
  }

 private:
  struct Route {
    std::size_t from, to;
    double per_frame;
  };
  std::vector<FrameStation> stations_;
  std::map<std::string, std::size_t> index_;
  std::vector<Route> routes_;
  std::vector<std::pair<std::size_t, double>> external_;
};

// Wire sizes, as the post office counts them.
struct Sizes {
  double message, receipt, control;
};

// One-to-one chat: send, store, acknowledge, look the recipient up, forward to each of its
// devices; receipts travel back the same way; connections register and drain.
void add_chat(FlowBuilder& b, const Scenario& s, const TrafficRates& r, const FlowShares& f, const Sizes& z) {
  const CostSpec& c = s.costs;
  const TransportCost noise(s.crypto.transport);
  const double receive = c.chat_receive_cycles + c.route_cache_cycles;
  const bool replicated = s.replication.mode != "none";
  const double group = r.messages_per_s > 0 ? r.group_per_s / r.messages_per_s : 0;
  const double d = f.devices_per_user;

  const auto send = b.station("chat_server", "send", receive + noise.record_cycles(z.message), z.message);
  const auto store = b.station("message_service", "store", c.store_write_cycles * (1 - group + group / std::max(d, 1.0)) * d, z.message);
  const auto ack = b.station("chat_server", "store_ack", c.chat_push_cycles + noise.record_cycles(z.message), z.message);
  const auto lookup = b.station("websocket_manager", "lookup", c.manager_lookup_cycles, z.control);
  const auto reply = b.station("chat_server", "route_reply", c.chat_push_cycles, z.control);
  const auto forward = b.station("chat_server", "forward", c.chat_push_cycles + noise.record_cycles(z.message), z.message);
  const auto remove = b.station("message_service", "delete", c.store_delete_cycles, z.receipt);
  const auto shard_write = b.station("message_service", "replicate", s.replication.replicate_cycles, z.message);

  b.external(send, r.messages_per_s);
  b.route(send, store, 1);
  b.route(store, ack, 1);
  // Routes come from the cache or from a lookup's reply; either way each online recipient
  // device elsewhere gets a forward (one on the sender's own server is pushed).
  const double remote = (1 - group) * (1 - f.all_devices_local);
  const double fan = d * f.online_share * (1 - f.same_server) / std::max(1 - f.all_devices_local, 1e-12);
  b.route(ack, lookup, remote * (1 - f.route_cache_hit));
  b.route(lookup, reply, 1);
  b.route(reply, forward, fan);
  b.route(ack, forward, remote * f.route_cache_hit * fan);
  if (replicated) {
    b.route(store, shard_write, 1);
    b.route(remove, shard_write, 1);
  }
}

// Delivered and read receipts go back to the one sending device the same way: looked up
// unless the sender's devices are all on this server, forwarded when the device is online
// elsewhere, kept in the message service when it is offline. Their lookups are stations of
// their own so that the message lookups' fan-out (a copy per device) stays per message.
void add_receipts(FlowBuilder& b, const Scenario& s, const TrafficRates& r, const FlowShares& f, const Sizes& z) {
  const CostSpec& c = s.costs;
  const TransportCost noise(s.crypto.transport);
  const auto receipt = b.station("chat_server", "receipt", c.chat_receive_cycles + c.route_cache_cycles + noise.record_cycles(z.receipt), z.receipt);
  const auto remove = b.station("message_service", "delete", c.store_delete_cycles, z.receipt);
  const auto lookup = b.station("websocket_manager", "receipt_lookup", c.manager_lookup_cycles, z.control);
  const auto reply = b.station("chat_server", "receipt_route_reply", c.chat_push_cycles, z.control);
  const auto forward = b.station("chat_server", "receipt_forward", c.chat_push_cycles + noise.record_cycles(z.receipt), z.receipt);
  const auto keep = b.station("message_service", "store_receipt", c.store_write_cycles, z.receipt);
  b.external(receipt, r.receipts_per_s);
  b.route(receipt, remove, f.delivered_receipt_share);  // delivered receipts delete the stored copy
  const double fan = (1 - f.sender_offline_share) * (1 - f.same_server) / std::max(1 - f.all_devices_local, 1e-12);
  b.route(receipt, lookup, (1 - f.all_devices_local) * (1 - f.route_cache_hit));
  b.route(lookup, reply, 1);
  b.route(reply, forward, fan);
  b.route(receipt, forward, (1 - f.all_devices_local) * f.route_cache_hit * fan);
  b.route(receipt, keep, f.sender_offline_share);
  if (s.replication.mode != "none") b.route(keep, b.station("message_service", "replicate", 0, 0), 1);
}

void add_sessions(FlowBuilder& b, const Scenario& s, const TrafficRates& r, const FlowShares& f, const Sizes& z) {
  const CostSpec& c = s.costs;
  const TransportCost noise(s.crypto.transport);
  const auto connect = b.station("chat_server", "connect", c.connect_cycles + noise.handshake_cycles(), z.control);
  const auto reg = b.station("websocket_manager", "register", c.manager_update_cycles, z.control);
  const auto registered = b.station("chat_server", "route_registered", c.route_cache_cycles, z.control);
  const auto drain = b.station("message_service", "drain", c.store_drain_cycles * std::max(1.0, f.pending_per_drain), z.control);
  const double drained_bytes = c.frame_overhead_bytes + f.pending_per_drain * f.body_bytes;
  const auto reply = b.station("chat_server", "drain_reply",
                               c.chat_push_cycles * std::max(1.0, f.pending_per_drain) + noise.record_cycles(drained_bytes), drained_bytes);
  const auto disconnect = b.station("chat_server", "disconnect", c.chat_receive_cycles + c.route_cache_cycles + noise.record_cycles(z.control), z.control);
  const auto unreg = b.station("websocket_manager", "unregister", c.manager_update_cycles, z.control);
  b.external(connect, r.connects_per_s);
  b.route(connect, reg, 1);
  b.route(reg, registered, 1);
  b.route(registered, drain, 1);
  b.route(drain, reply, 1);
  b.external(disconnect, r.connects_per_s);
  b.route(disconnect, unreg, 1);
  // A change of a user's routes invalidates every chat server's cached copy of them.
  const auto invalidate = b.station("chat_server", "invalidate", c.route_cache_cycles, z.control);
  b.route(reg, invalidate, f.cache_holders);
  b.route(unreg, invalidate, f.cache_holders);
}

// Groups: the message service hands the message to the log; a handler reads it, asks the
// group service for the members, stores a copy per member device and forwards them.
void add_groups(FlowBuilder& b, const Scenario& s, const FlowShares& f, const Sizes& z) {
  const GroupsSpec& g = s.groups;
  const CostSpec& c = s.costs;
  const TransportCost noise(s.crypto.transport);
  const double member_devices = std::max(0.0, f.group_members * f.devices_per_user - 1);
  const double shards = std::max(1.0, f.group_shards_touched);
  const auto store = b.station("message_service", "store", 0, 0);
  const auto produce = b.station("broker", "produce", g.log.append_cycles + g.log.fetch_cycles, z.message + g.log.record_overhead_bytes);
  const auto follow = b.station("broker", "replicate", g.log.replicate_cycles, z.message + g.log.record_overhead_bytes);
  const auto records = b.station("group_handler", "records", c.chat_receive_cycles, z.message + g.log.record_overhead_bytes);
  const auto members = b.station("group_service", "members", g.cache.hit_cycles + (1 - g.cache.hit_ratio) * g.cache.miss_cycles, z.control);
  const auto reply = b.station("group_handler", "members_reply", c.route_cache_cycles * std::max(1.0, f.group_members), z.control);
  const auto copies = b.station("message_service", "store_copies", c.store_write_cycles * member_devices / shards, z.message);
  const auto stored = b.station("group_handler", "copies_stored", c.chat_push_cycles * member_devices / shards, z.control);
  const auto lookup = b.station("websocket_manager", "group_lookup", c.manager_lookup_cycles, z.control);
  const auto routed = b.station("group_handler", "route_reply", c.route_cache_cycles, z.control);
  const auto forward = b.station("chat_server", "forward", c.chat_push_cycles + noise.record_cycles(z.message), z.message);
  const double group = s.groups.message_share;
  b.route(store, produce, group);
  b.route(produce, follow, std::max(0.0, static_cast<double>(g.log.replication_factor) - 1));
  b.route(produce, records, 1);
  b.route(records, members, 1);
  b.route(members, reply, 1);
  b.route(reply, copies, shards);
  b.route(copies, stored, 1);
  b.route(stored, lookup, f.group_members / shards);
  b.route(lookup, routed, 1);
  b.route(routed, forward, member_devices * f.online_share / std::max(1.0, f.group_members));
  if (s.replication.mode != "none") b.route(copies, b.station("message_service", "replicate", 0, 0), 1);
}

// Media: the phone uploads to the asset service, which stores new content; each recipient
// device downloads from its region's PoP, whose misses go back to the asset service and storage.
void add_media(FlowBuilder& b, const Scenario& s, const TrafficRates& r, const FlowShares& f) {
  const MediaSpec& m = s.media;
  const auto upload = b.station("asset_service", "upload", m.asset.request_cycles + m.asset.hash_cycles_per_byte * f.media_bytes, f.media_bytes);
  const auto write = b.station("blob_storage", "write", m.storage.request_cycles, f.media_bytes);
  const auto download = b.station("cdn_pop", "download", m.cdn.request_cycles + f.cdn_hit_share * m.cdn.cycles_per_byte * f.media_bytes, s.costs.frame_overhead_bytes);
  const auto origin = b.station("asset_service", "origin_fetch", m.asset.request_cycles, s.costs.frame_overhead_bytes);
  const auto read = b.station("blob_storage", "read", m.storage.request_cycles, s.costs.frame_overhead_bytes);
  const auto fill = b.station("cdn_pop", "blob_data", m.cdn.request_cycles + m.cdn.cycles_per_byte * f.media_bytes, f.media_bytes);
  b.external(upload, r.media_per_s);
  b.route(upload, write, 1 - f.dedup_share);
  const double downloads_per_media = r.messages_per_s > 0 ? r.device_copies_per_s / r.messages_per_s : 0;
  b.external(download, r.media_per_s * downloads_per_media);
  b.route(download, origin, 1 - f.cdn_hit_share);
  b.route(origin, read, 1);
  b.route(read, fill, 1);
}

}  // namespace

std::vector<FrameStation> solve_frame_flows(const Scenario& s, const TrafficRates& r, const FlowShares& f) {
  const Sizes sizes{s.costs.frame_overhead_bytes + f.body_bytes, s.costs.frame_overhead_bytes + s.costs.receipt_bytes,
                    s.costs.frame_overhead_bytes};
  FlowBuilder b;
  add_chat(b, s, r, f, sizes);
  add_receipts(b, s, r, f, sizes);
  add_sessions(b, s, r, f, sizes);
  if (r.group_per_s > 0) add_groups(b, s, f, sizes);
  if (r.media_per_s > 0) add_media(b, s, r, f);
  return b.solve();
}

TierFrames tier_frames(const std::vector<FrameStation>& stations, const std::string& tier) {
  TierFrames t;
  for (const FrameStation& f : stations) {
    if (f.tier != tier) continue;
    t.frames_per_s += f.arrival_per_s;
    t.cycles_per_s += f.arrival_per_s * f.cycles;
    t.cycles_second_moment += f.arrival_per_s * f.cycles * f.cycles;
    t.bytes_in_per_s += f.arrival_per_s * f.bytes;
  }
  return t;
}

const FrameStation* find_frame(const std::vector<FrameStation>& stations, const std::string& tier, const std::string& op) {
  for (const FrameStation& f : stations)
    if (f.tier == tier && f.op == op) return &f;
  return nullptr;
}

}  // namespace whatsim
