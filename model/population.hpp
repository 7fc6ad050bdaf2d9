#pragma once
// The phones of one region, driven by one actor: users are data, not actors. Devices go
// online and offline (alternating exponential sessions), users send messages (a Poisson
// process over the region, shaped by the diurnal profile) to a contact or to one of their
// groups, with or without an attachment, join and leave groups, recipients read some
// messages, and every device runs the client protocol: outbox and retries, in-order inbox,
// receipts, group sender keys, end-to-end encryption (sessions, X3DH, ratchet, prekeys)
// on its own CPU, media upload and download.
#include <cstdint>
#include <queue>
#include <unordered_map>
#include <vector>

#include "model/arrival_queue.hpp"
#include "model/world.hpp"
#include "src/core/random_streams.hpp"
#include "src/protocol/device_inbox.hpp"
#include "src/protocol/outbox.hpp"
#include "src/crypto/phone_crypto.hpp"
#include "src/crypto/session_book.hpp"
#include "src/group/sender_keys.hpp"
#include "src/protocol/receipt_book.hpp"
#include "src/workload/contact_graph.hpp"

namespace whatsim {

class Population {
 public:
  Population(World& world, std::uint32_t region, const ContactGraph& contacts, const RandomStreams& streams);
  struct Connection {
    DeviceId device;
    ServerId server;
  };
  // The steady state at time 0: which devices are online and on which server. Their
  // connections are installed directly (no connect storm), so measuring can start early.
  std::vector<Connection> start_sessions();
  void run();  // the actor's body
  bool online(DeviceId d) const { return state(d).server != kNoServer; }
  bool homes(DeviceId d) const { return d >= first_device_ && d < end_device_; }
  std::uint64_t uploads_pending() const { return uploading_.size(); }  // attachments not yet given an id
  // Chat server `server` died: its devices notice when its heartbeats stop (within
  // faults.heartbeat_timeout_s) and reconnect through the load balancer to a live server.
  void chat_server_lost(ServerId server, double now);

 private:
  enum class TimerKind : std::uint8_t {
    read,
    send,    // a group message leaves once the phone has encrypted its sender key for each device
    upload,  // an attachment leaves once the phone has compressed and encrypted it
    opened,  // a received message is decrypted: the app shows it
    retry,      // a sent message still unacknowledged after faults.retry_after_s: send it again
    reconnect,  // the device noticed its chat server is gone: connect again
  };
  struct Timer {
    double time;
    std::uint64_t order;  // ties broken by insertion order: deterministic
    TimerKind kind;
    DeviceId device;
    ChatFrame frame;      // read: the message to open; send: the message to send
    ServerId server = kNoServer;  // reconnect: the server that stopped answering
    bool operator>(const Timer& o) const { return time != o.time ? time > o.time : order > o.order; }
  };
  // A device's next going online or offline. Every device always has one pending, so they
  // are most of the timers: kept in a heap of their own, without a frame, a device costs 24
  // bytes of timer rather than a whole Timer. Both heaps draw `order` from one counter, and
  // fire_due takes whichever head comes first, so timers fire as from one heap.
  struct SessionTimer {
    double time;
    std::uint64_t order;
    DeviceId device;
    bool operator>(const SessionTimer& o) const { return time != o.time ? time > o.time : order > o.order; }
  };
  struct DeviceState {
    ServerId server = kNoServer;
    std::uint32_t online_slot = 0;  // position in online_ while online
    bool never_online = false;
    double busy_until = 0;  // the phone's CPU works through its crypto one job at a time
  };

  // The actor's loop: wait for a frame from a server or for the next timer, whichever first.
  double next_wakeup() const;
  void fire_due(double now);
  void handle(Envelope& e, double now);

  // Client protocol steps.
  void go_online(DeviceId d, double now);
  void mark_online(DeviceId d, ServerId server);
  ServerId balance();
  void go_offline(DeviceId d);
  void drop_connection(DeviceId d);  // the device is no longer connected (no frame sent)
  void retry(DeviceId d, const ChatFrame& f, double now);
  void reconnect(DeviceId d, ServerId gone, double now);
  void compose(double now);
  // The message goes to one of the sender's groups; false if the sender is in none.
  bool pick_group(ChatFrame& f);
  // The message enters the chat path: one-to-one at once, a group's after its sender keys.
  void dispatch(DeviceId device, ChatFrame& f, double now);
  void send_to_group(DeviceId device, ChatFrame& f, double now);
  // End-to-end: a one-to-one message is encrypted once per recipient device and once per
  // own companion device; devices without a session need their bundles first (X3DH).
  void encrypt_and_send(DeviceId device, ChatFrame f, double now);
  void on_bundle_reply(const Envelope& e, double now);
  void on_prekeys_low(DeviceId d, double now);
  // The phone's CPU does `seconds` of work from `now` or when it is free: when it is done.
  double phone_work(DeviceId d, double now, double seconds);
  const PhoneCrypto& crypto_of(DeviceId d) const;
  // Whether `from` and `to` have a session: set up in this run, or already at its start
  // (the steady state: crypto.sessions_at_start_share of pairs, by a hash of the pair).
  bool has_session(SessionBook& book, DeviceId from, DeviceId to) const;
  bool end_to_end() const { return world_.crypto_spec().end_to_end; }
  // A received message: decrypted (X3DH first from a new sender device), then shown.
  double receive_crypto_seconds(DeviceId d, const ChatFrame& m);
  void show(DeviceId d, const ChatFrame& m, double now);
  // Media: the phone prepares the file (or refuses it), uploads it (with dedup "ask_first":
  // asks by hash first), gets its id back, and then sends the message; a receiving device
  // downloads the file from its PoP.
  void attach(DeviceId device, ChatFrame& f, double now);
  void upload(DeviceId device, const ChatFrame& f);
  void send_file(DeviceId device, const ChatFrame& f);
  void on_upload_reply(const Envelope& e, double now);
  void download(DeviceId d, const ChatFrame& f, double now);
  void on_media_data(const Envelope& e, double now);
  void change_membership(double now);
  void on_notice(DeviceId d, const ChatFrame& notice);
  void on_ack(DeviceId d, const ChatFrame& f, double now);
  void on_push(DeviceId d, std::vector<ChatFrame>& frames, double now);
  void on_message(DeviceId d, const ChatFrame& f, double now);
  void hand_to_app(DeviceId d, std::vector<ChatFrame>& frames, double now);
  void on_receipt(DeviceId d, const ChatFrame& f, double now);
  void open(DeviceId d, const ChatFrame& f, double now);
  void send_receipt(DeviceId d, const ChatFrame& f, FrameKind kind);
  void to_server(DeviceId d, Envelope* e);

  void schedule(double time, TimerKind kind, DeviceId d, const ChatFrame& f = {}, ServerId server = kNoServer);
  void schedule_session_change(double time, DeviceId d);
  void fire(const Timer& t, double now);
  void change_session(DeviceId d, double now);
  double next_session_change(bool now_online);
  double draw_next_send(double after);
  double draw_next_churn(double after);
  double rate_multiplier(double t) const;
  bool asks_first() const { return world_.media_spec().asset.dedup == "ask_first"; }
  std::uint32_t draw_body_bytes();
  DeviceState& state(DeviceId d) { return devices_[d - first_device_]; }
  const DeviceState& state(DeviceId d) const { return devices_[d - first_device_]; }

  World& world_;
  std::uint32_t region_;
  const ContactGraph& contacts_;
  UserId first_user_, end_user_;
  DeviceId first_device_, end_device_;
  std::vector<DeviceState> devices_;
  std::vector<DeviceId> online_;  // devices online now, in no particular order (O(1) add/remove)
  ArrivalQueue arriving_;         // frames for this region's phones, until their latency elapses
  Outbox outbox_;
  DeviceInbox inbox_;
  ReceiptBook receipts_;
  SenderKeyBook sender_keys_;
  std::vector<PhoneCrypto> crypto_;  // by device profile
  SessionBook outbound_, inbound_;   // sessions this region's devices started, and were started with
  // One-to-one messages waiting for a user's bundles, by (sending device, recipient user).
  std::unordered_map<std::uint64_t, std::vector<ChatFrame>> awaiting_bundles_;
  struct PendingUpload {
    ContentHash content;
    double composed_at;
  };
  std::unordered_map<MessageId, PendingUpload> uploading_;  // attachments not yet given an id
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  std::priority_queue<SessionTimer, std::vector<SessionTimer>, std::greater<SessionTimer>> session_timers_;
  std::uint64_t timer_order_ = 0;
  double next_send_ = 0;
  double next_churn_ = 0;           // the next join or leave by one of this region's users
  double churn_rate_per_s_ = 0;
  double base_rate_per_s_ = 0;  // messages per second from this region's users at multiplier 1
  double peak_multiplier_ = 1;
  Rng send_rng_, session_rng_, read_rng_, size_rng_, balancer_rng_, group_rng_, churn_rng_, media_rng_, fault_rng_;
};

}  // namespace whatsim
