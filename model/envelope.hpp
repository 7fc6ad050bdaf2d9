#pragma once
// What travels between simulated processes: one operation of the protocol and its data.
// The simulated size on the wire is computed from the frame, never from sizeof.
#include <cstdint>
#include <vector>

#include "src/group/partition_log.hpp"
#include "src/protocol/chat_frame.hpp"
#include "src/protocol/route_cache.hpp"

namespace simgrid::s4u {
class Host;
}

namespace whatsim {

enum class Op : std::uint8_t {
  // device -> its chat server
  connect, disconnect, send, device_receipt,
  // chat server -> device
  push, ack,
  // chat server or group handler <-> WebSocket manager
  register_route, route_registered, unregister_route, lookup, route_reply, invalidate,
  // chat server <-> message service
  store, store_ack, store_delete, drain_request, drain_reply,
  // chat server or group handler -> chat server
  forward,
  // groups: message service or group service -> log broker (a message or a notice), and
  // the leader's replication to its followers
  produce, replicate, replicated,
  // log broker -> group handler (committed records), handler <-> group service
  records, members_request, members_reply,
  // handler <-> message service: one copy per member device into their queues
  store_copies, copies_stored,
  // a phone asks the group service to join or leave a group
  membership_request,
  // media: phone -> asset service (the file has arrived) -> phone (its id, or a refusal);
  // with dedup "ask_first" the phone first asks for the content by hash (upload_check),
  // and uploads only when told to (upload_go);
  // asset service <-> blob storage (write a new file; read one for a PoP)
  upload, upload_reply, upload_check, upload_go, blob_write, blob_written, blob_read,
  // phone -> its PoP; a PoP's miss -> asset service; the file back to the PoP (or "no such
  // asset"); the file to the phone
  download, origin_fetch, blob_data, fetch_failed, media_data,
  // end-to-end keys: a phone fetches a user's device bundles (bundle_reply); the service
  // tells a device its one-time prekeys run low (prekeys_low); the device uploads a batch
  bundle_request, bundle_reply, prekeys_low, prekey_upload,
  // message-service replication: a shard's primary -> its secondary (one write), and the
  // secondary's answer under synchronous replication
  shard_write, shard_write_ack,
};

// What a shard write changes in a copy of the shard (message_shard.hpp).
enum class ShardWriteKind : std::uint8_t { message_copies, group_copies, receipt, delete_copy };

struct Envelope {
  Op op = Op::send;
  ChatFrame frame;
  UserId user = 0;          // whose connection or route this is about
  DeviceId device = 0;      // whose connection this is about
  Epoch epoch = 0;
  ServerId reply_to = kNoServer;  // the server that asked (route lookups: see holder_id())
  std::vector<ChatFrame> frames;   // drain_reply and batched pushes
  std::vector<DeviceRoute> routes;  // route_reply
  double latency_s = 0;             // route latency, set by the post office (see arrival_queue.hpp)
  double arrive_at = 0;             // set by the receiver: off the wire + route latency
  // Groups.
  std::uint32_t partition = 0;      // of the log
  Offset offset = 0;                // in that partition (replicated: replicated up to here)
  std::uint32_t version = 0;        // membership version (members_request; produce of a notice)
  std::vector<LogRecord> records{};  // records: committed records for the consumer
  std::vector<UserId> users{};      // members_reply: the members
  std::vector<DeviceId> devices{};  // store_copies / copies_stored: the member devices
  bool cache_hit = false;           // members_request: decided when the group service costs it;
                                    // media_data: served from the PoP's cache
  // Media.
  ContentHash content = 0;          // upload, upload_check, upload_go: the file's content hash
  double requested_at = 0;          // download and what answers it: when the phone asked
  bool promoted = false;            // blob_data: the asset service promoted it; the PoP keeps it
  std::uint8_t refusal = 0;         // upload_reply: 0, or 1 + RefusalReason
  // End-to-end keys.
  std::uint32_t one_time_prekeys = 0;  // bundle_reply: bundles that carried one; prekey_upload: keys uploaded
  double posted_at = 0;             // when the post office sent it (the network part of its path)
  double database_wait_s = 0;       // part of latency_s that is a database's wait, not the network
  // The connection it travels on, set by the post office for frames between servers: the host
  // it left and its affinity key. A connection hands frames over in the order they were posted
  // (arrival_queue.hpp); nullptr: no order kept (frames for phones, whose inboxes restore it).
  const simgrid::s4u::Host* sent_from = nullptr;
  std::uint64_t affinity_key = 0;
  // Message service: the shard a request is about (a host may answer for several), and a
  // replicated write's number on that shard and what it changes.
  std::uint32_t shard = 0;
  std::uint64_t write = 0;
  ShardWriteKind write_kind = ShardWriteKind::message_copies;
};

// Adds `seconds` to one part of the path time of every frame the envelope carries.
inline void charge(Envelope& e, float PathTime::*part, double seconds) {
  const auto s = static_cast<float>(seconds);
  e.frame.path.*part += s;
  for (ChatFrame& f : e.frames) f.path.*part += s;
  for (LogRecord& r : e.records) r.frame.path.*part += s;
}


// Off the wire at `now`: the transfer since it was posted plus its route latency is network time.
inline void charge_network(Envelope& e, double now) {
  charge(e, &PathTime::network_s, now - e.posted_at + e.latency_s - e.database_wait_s);
}

}  // namespace whatsim
