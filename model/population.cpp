#include "model/population.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "model/media_services.hpp"
#include "src/core/mix64.hpp"
#include "src/workload/size_draw.hpp"

namespace whatsim {

namespace sg = simgrid::s4u;

namespace {
constexpr double kSecondsPerDay = 86400.0;
constexpr double kSecondsPerHour = 3600.0;
constexpr int kHoursPerDay = 24;

double exponential(Rng& rng, double mean) { return boost::random::exponential_distribution<double>(1.0 / mean)(rng); }
}  // namespace

Population::Population(World& world, std::uint32_t region, const ContactGraph& contacts, const RandomStreams& streams)
    : world_(world),
      region_(region),
      contacts_(contacts),
      first_user_(world.layout.region_first_user[region]),
      end_user_(world.layout.region_first_user[region + 1]),
      first_device_(world.devices.first_device(first_user_)),
      end_device_(end_user_ < world.devices.users() ? world.devices.first_device(end_user_) : world.devices.devices()),
      devices_(end_device_ - first_device_),
      send_rng_(streams.stream("sends", region)),
      session_rng_(streams.stream("sessions", region)),
      read_rng_(streams.stream("reads", region)),
      size_rng_(streams.stream("sizes", region)),
      balancer_rng_(streams.stream("balancer", region)),
      group_rng_(streams.stream("group-sends", region)),
      churn_rng_(streams.stream("group-churn", region)),
      media_rng_(streams.stream("media", region)),
      fault_rng_(streams.stream("device-faults", region)) {
  const auto& p = world.scenario.population;
  base_rate_per_s_ = (end_user_ - first_user_) * world.scenario.traffic.messages_per_user_per_day / kSecondsPerDay;
  // This region's share of the deployment's membership changes.
  churn_rate_per_s_ = world.group_spec().churn_per_group_per_day * static_cast<double>(world.groups.groups()) *
                      (end_user_ - first_user_) / world.devices.users() / kSecondsPerDay;
  peak_multiplier_ = *std::max_element(p.diurnal_profile.begin(), p.diurnal_profile.end());
  for (const DeviceProfile& profile : world.scenario.phone.profiles) crypto_.emplace_back(profile, world.crypto_spec());
}

// Devices start in their stationary state: online with probability on/(on+off), with the
// remaining session drawn afresh (exponential sessions are memoryless).
std::vector<Population::Connection> Population::start_sessions() {
  const SessionModel& sm = world_.scenario.population.session;
  boost::random::bernoulli_distribution<double> never(sm.always_offline_share);
  boost::random::bernoulli_distribution<double> starts_online(sm.mean_online_s / (sm.mean_online_s + sm.mean_offline_s));
  std::vector<Connection> connected;
  // Every device that ever goes online has one session timer pending from here on: the heap
  // is sized once, not grown by doubling to up to twice that.
  std::vector<SessionTimer> timers;
  timers.reserve(end_device_ - first_device_);
  session_timers_ = decltype(session_timers_)(std::greater<SessionTimer>(), std::move(timers));
  for (DeviceId d = first_device_; d < end_device_; ++d) {
    state(d).never_online = never(session_rng_);
    if (state(d).never_online) continue;
    const bool on = starts_online(session_rng_);
    if (on) {
      mark_online(d, balance());
      connected.push_back({d, state(d).server});
    }
    schedule_session_change(next_session_change(on), d);
  }
  next_send_ = draw_next_send(0);
  next_churn_ = draw_next_churn(0);
  return connected;
}

void Population::run() {
  sg::Mailbox* mailbox = world_.post.devices_mailbox(region_);
  mailbox->set_receiver(sg::Actor::self());
  Envelope* incoming = nullptr;
  sg::CommPtr receive = mailbox->get_async<Envelope>(&incoming);
  // The run ends by killing this daemon mid-wait: cancel the pending receive cleanly.
  sg::this_actor::on_exit([&receive](bool) {
    if (receive) receive->cancel();
  });
  for (;;) {
    const double now = sg::Engine::get_clock();
    if (arriving_.due(now)) {
      handle(*arriving_.pop(), now);
      continue;
    }
    if (sg::Comm::wait_any_for({receive}, std::max(0.0, next_wakeup() - now)) == 0) {
      charge_network(*incoming, sg::Engine::get_clock());
      incoming->arrive_at = sg::Engine::get_clock() + incoming->latency_s;  // latency still to go
      arriving_.push(incoming);
      receive = mailbox->get_async<Envelope>(&incoming);
    } else {
      fire_due(sg::Engine::get_clock());
    }
  }
}

double Population::next_wakeup() const {
  double t = std::min(next_send_, next_churn_);
  if (!timers_.empty()) t = std::min(t, timers_.top().time);
  if (!session_timers_.empty()) t = std::min(t, session_timers_.top().time);
  return arriving_.empty() ? t : std::min(t, arriving_.next_arrival());
}

void Population::fire_due(double now) {
  while (next_send_ <= now) {
    compose(next_send_);
    next_send_ = draw_next_send(next_send_);
  }
  while (next_churn_ <= now) {
    change_membership(next_churn_);
    next_churn_ = draw_next_churn(next_churn_);
  }
  for (;;) {
    const bool timer_due = !timers_.empty() && timers_.top().time <= now;
    const bool session_due = !session_timers_.empty() && session_timers_.top().time <= now;
    if (!timer_due && !session_due) return;
    const bool session_first = session_due && (!timer_due || timers_.top().time > session_timers_.top().time ||
                                               (timers_.top().time == session_timers_.top().time &&
                                                timers_.top().order > session_timers_.top().order));
    if (session_first) {
      const DeviceId d = session_timers_.top().device;
      session_timers_.pop();
      change_session(d, now);
    } else {
      const Timer t = timers_.top();
      timers_.pop();
      fire(t, now);
    }
  }
}

void Population::fire(const Timer& t, double now) {
  switch (t.kind) {
    case TimerKind::read: return open(t.device, t.frame, now);
    case TimerKind::send:
      if (online(t.device)) to_server(t.device, new Envelope{Op::send, t.frame, t.frame.sender, t.device, 0, kNoServer, {}, {}});
      return;
    case TimerKind::upload: return upload(t.device, t.frame);
    case TimerKind::opened: return show(t.device, t.frame, now);
    case TimerKind::retry: return retry(t.device, t.frame, now);
    case TimerKind::reconnect: return reconnect(t.device, t.server, now);
  }
}

void Population::change_session(DeviceId d, double now) {
  online(d) ? go_offline(d) : go_online(d, now);
  schedule_session_change(now + next_session_change(online(d)), d);
}

void Population::handle(Envelope& e, double now) {
  if (!homes(e.device)) return;
  // Media goes over HTTP, not the chat connection: the app finishes it in the background.
  if (e.op == Op::upload_reply) return on_upload_reply(e, now);
  if (e.op == Op::upload_go) return send_file(e.device, e.frame);
  // So does the key traffic with the user service.
  if (e.op == Op::bundle_reply) return on_bundle_reply(e, now);
  if (e.op == Op::prekeys_low) return on_prekeys_low(e.device, now);
  if (e.op == Op::media_data) return on_media_data(e, now);
  if (!online(e.device)) return;  // the connection is gone: the frame is lost
  if (e.op == Op::ack) return on_ack(e.device, e.frame, now);
  if (e.op == Op::push) return on_push(e.device, e.frames, now);
}

// Connect through the region's load balancer, then send again whatever is still unacknowledged.
// With every chat server of the region down, try again after the retry interval.
void Population::go_online(DeviceId d, double now) {
  const ServerId server = balance();
  if (server == kNoServer) return schedule(now + world_.scenario.faults.retry_after_s, TimerKind::reconnect, d);
  mark_online(d, server);
  to_server(d, new Envelope{Op::connect, {}, world_.devices.owner(d), d, 0, kNoServer, {}, {}});
  for (const ChatFrame& f : outbox_.unacknowledged(d)) {
    if (f.sent_at < now) world_.recorder.counts().retries += 1;
    to_server(d, new Envelope{Op::send, f, f.sender, d, 0, kNoServer, {}, {}});
  }
}

// Resend while unacknowledged; a device offline resends everything when it reconnects.
void Population::retry(DeviceId d, const ChatFrame& f, double now) {
  if (!outbox_.holds(d, f.id)) return;
  if (online(d)) {
    world_.recorder.counts().retries += 1;
    to_server(d, new Envelope{Op::send, f, f.sender, d, 0, kNoServer, {}, {}});
  }
  schedule(now + world_.scenario.faults.retry_after_s, TimerKind::retry, d, f);
}

// `gone`: the server the device gave up on; kNoServer when it found no server up before. A
// device that went offline or moved meanwhile has nothing to do.
void Population::reconnect(DeviceId d, ServerId gone, double now) {
  if (gone != kNoServer) {
    if (state(d).server != gone) return;
    drop_connection(d);
  }
  if (!online(d)) go_online(d, now);
}

// Until it notices, a device still takes itself for connected: what it sends is lost and
// retried later. It last heard its server's heartbeat at a uniform moment of the last
// interval, and gives up on it heartbeat_timeout_s after that.
void Population::chat_server_lost(ServerId server, double now) {
  const FaultsSpec& f = world_.scenario.faults;
  const double interval_s = std::min(world_.costs().heartbeat_interval_s, f.heartbeat_timeout_s);
  boost::random::uniform_real_distribution<double> last_heard(0.0, interval_s);
  std::vector<DeviceId> lost;
  for (DeviceId d : online_)
    if (state(d).server == server) lost.push_back(d);
  std::sort(lost.begin(), lost.end());  // online_ order depends on history; draws must not
  for (DeviceId d : lost)
    schedule(now - last_heard(fault_rng_) + f.heartbeat_timeout_s, TimerKind::reconnect, d, {}, server);
}

// The region's load balancer spreads connections evenly at random over its live chat
// servers (it health-checks them); kNoServer when none is up.
ServerId Population::balance() {
  const auto& servers = world_.layout.chat_servers_of_region[region_];
  boost::random::uniform_int_distribution<std::size_t> pick(0, servers.size() - 1);
  const ServerId first = servers[pick(balancer_rng_)];
  if (world_.faults.server_up(Tier::chat_server, first)) return first;
  std::vector<ServerId> live;
  for (ServerId s : servers)
    if (world_.faults.server_up(Tier::chat_server, s)) live.push_back(s);
  if (live.empty()) return kNoServer;
  boost::random::uniform_int_distribution<std::size_t> pick_live(0, live.size() - 1);
  return live[pick_live(balancer_rng_)];
}

void Population::mark_online(DeviceId d, ServerId server) {
  state(d).server = server;
  state(d).online_slot = static_cast<std::uint32_t>(online_.size());
  online_.push_back(d);
}

void Population::go_offline(DeviceId d) {
  to_server(d, new Envelope{Op::disconnect, {}, world_.devices.owner(d), d, 0, kNoServer, {}, {}});
  drop_connection(d);
}

void Population::drop_connection(DeviceId d) {
  state(d).server = kNoServer;
  const DeviceId moved = online_.back();  // swap-remove: order does not matter, only membership
  online_[state(d).online_slot] = moved;
  state(moved).online_slot = state(d).online_slot;
  online_.pop_back();
}

// Someone using the app writes to a contact or a group: the region's whole message volume
// is spread over the devices online at the moment (people write while they have the app open).
void Population::compose(double now) {
  if (online_.empty()) return;
  boost::random::uniform_int_distribution<std::size_t> pick(0, online_.size() - 1);
  const DeviceId device = online_[pick(send_rng_)];
  const UserId sender = world_.devices.owner(device);
  ChatFrame f;
  f.kind = FrameKind::message;
  f.id = outbox_.mint(device);
  f.sender = sender;
  f.body_bytes = draw_body_bytes();
  f.sent_at = now;
  f.sealed = end_to_end();
  boost::random::bernoulli_distribution<double> to_group(world_.group_spec().message_share);
  if (!(to_group(group_rng_) && pick_group(f))) f.recipient = contacts_.draw_recipient(sender, send_rng_);
  boost::random::bernoulli_distribution<double> with_media(world_.media_spec().message_share);
  if (world_.media != nullptr && with_media(media_rng_)) return attach(device, f, now);
  dispatch(device, f, now);
}

bool Population::pick_group(ChatFrame& f) {
  const GroupList mine = world_.groups.groups_of(f.sender);
  if (mine.empty()) return false;
  f.group = world_.activity.pick(mine, group_rng_);
  std::uint32_t other_devices = 0;
  for (UserId u : world_.groups.group(f.group).members) other_devices += world_.devices.device_count(u);
  other_devices -= 1;  // this device
  f.audience = static_cast<std::uint16_t>(std::min<std::uint32_t>(other_devices, UINT16_MAX));
  return true;
}

void Population::dispatch(DeviceId device, ChatFrame& f, double now) {
  if (f.group != kNoGroup) return send_to_group(device, f, now);
  outbox_.add(device, f);
  world_.recorder.counts().sent += 1;
  world_.recorder.record({now, EventKind::sent, f.id, f.stream(), 0, device, 0});
  schedule(now + world_.scenario.faults.retry_after_s, TimerKind::retry, device, f);
  if (end_to_end()) return encrypt_and_send(device, f, now);
  if (online(device)) to_server(device, new Envelope{Op::send, f, f.sender, device, 0, kNoServer, {}, {}});
}

void Population::encrypt_and_send(DeviceId device, ChatFrame f, double now) {
  const DeviceId first = world_.devices.first_device(f.recipient);
  const std::uint32_t recipients = world_.devices.device_count(f.recipient);
  std::vector<DeviceId> without_session;
  for (DeviceId r = first; r < first + recipients; ++r)
    if (!has_session(outbound_, device, r)) without_session.push_back(r);
  if (!without_session.empty()) {
    auto& waiting = awaiting_bundles_[(std::uint64_t{device} << 32) | f.recipient];
    waiting.push_back(f);
    if (waiting.size() > 1) return;  // a fetch for this user is already on its way
    auto* ask = new Envelope{Op::bundle_request, {}, f.recipient, device, 0, kNoServer, {}, {}};
    ask->devices = std::move(without_session);
    world_.post.to_server(Tier::user_service, world_.layout.user_service_of(f.recipient), f.recipient, ask);
    return;
  }
  const PhoneCrypto& crypto = crypto_of(device);
  CryptoReport& counts = world_.recorder.crypto();
  double cycles = 0;
  for (DeviceId r = first; r < first + recipients; ++r) {
    if (!outbound_.on_send(device, r)) continue;
    cycles += crypto.ratchet_cycles();
    counts.ratchet_steps += 1;
  }
  const std::uint32_t copies = recipients + world_.devices.device_count(f.sender) - 1;  // and own companions
  cycles += copies * crypto.encrypt_cycles(f.body_bytes);
  counts.messages_encrypted += copies;
  const double seconds = crypto.seconds(cycles);
  f.path.device_crypto_s += static_cast<float>(seconds);
  schedule(phone_work(device, now, seconds), TimerKind::send, device, f);
}

// The bundles are in: X3DH with each new device (4 key agreements with a one-time prekey,
// 3 without), then every message that waited for them is encrypted and sent, in order.
void Population::on_bundle_reply(const Envelope& e, double now) {
  auto it = awaiting_bundles_.find((std::uint64_t{e.device} << 32) | e.user);
  if (it == awaiting_bundles_.end()) return;
  std::vector<ChatFrame> waiting = std::move(it->second);
  awaiting_bundles_.erase(it);
  const PhoneCrypto& crypto = crypto_of(e.device);
  const auto bundles = static_cast<std::uint32_t>(e.devices.size());
  const double cycles = e.one_time_prekeys * crypto.x3dh_sender_cycles(true) +
                        (bundles - e.one_time_prekeys) * crypto.x3dh_sender_cycles(false);
  for (DeviceId r : e.devices) outbound_.establish(e.device, r);
  world_.recorder.crypto().sessions_established += bundles;
  const double seconds = crypto.seconds(cycles);
  const double done = phone_work(e.device, now, seconds);
  for (ChatFrame& f : waiting) {
    f.path = e.frame.path;  // the fetch's round trip is on every waiting message's path
    f.path.device_crypto_s += static_cast<float>(seconds);
    encrypt_and_send(e.device, f, done);
  }
}

// The user service handed out this device's one-time prekeys down to the threshold: the
// phone makes a new batch and uploads their public halves.
void Population::on_prekeys_low(DeviceId d, double now) {
  const std::uint32_t batch = world_.crypto_spec().prekeys.batch;
  phone_work(d, now, crypto_of(d).seconds(crypto_of(d).key_generation_cycles(batch, false)));
  const UserId user = world_.devices.owner(d);
  auto* upload = new Envelope{Op::prekey_upload, {}, user, d, 0, kNoServer, {}, {}};
  upload->one_time_prekeys = batch;
  world_.post.to_server(Tier::user_service, world_.layout.user_service_of(user), user, upload);
}

double Population::phone_work(DeviceId d, double now, double seconds) {
  DeviceState& s = state(d);
  s.busy_until = std::max(s.busy_until, now) + seconds;
  world_.recorder.crypto().phone_crypto_seconds += seconds;
  world_.recorder.crypto().profiles.at(world_.device_profile_of_user[world_.devices.owner(d)]).crypto_seconds += seconds;
  return s.busy_until;
}

bool Population::has_session(SessionBook& book, DeviceId from, DeviceId to) const {
  if (book.has_session(from, to)) return true;
  constexpr double kTwoTo64 = 18446744073709551616.0;
  const double draw = static_cast<double>(mix64(SessionBook::key(from, to))) / kTwoTo64;
  if (draw >= world_.crypto_spec().sessions_at_start_share) return false;
  book.establish(from, to);  // known from now on, so that its ratchet is followed
  return true;
}

const PhoneCrypto& Population::crypto_of(DeviceId d) const {
  return crypto_[world_.device_profile_of_user[world_.devices.owner(d)]];
}

// Encrypted once with the sender's key for the group; before that, the phone sends its key
// pairwise to every member device that lacks it (all of them after a member left), which
// costs phone CPU time before the message can leave. The sender expects a receipt from
// every other member device.
void Population::send_to_group(DeviceId device, ChatFrame& f, double now) {
  const SenderKeyCosts& keys = world_.group_spec().sender_keys;
  const KeyDistribution k = sender_keys_.before_send(device, f.group, f.audience);
  f.key_bytes = static_cast<std::uint32_t>(k.devices * keys.key_bytes);
  const PhoneCrypto& crypto = crypto_of(device);
  const double cycles = end_to_end() ? k.devices * keys.distribute_cycles_per_device : 0;
  const double crypto_s = crypto.seconds(cycles);
  // Then the message itself: encrypted once with the sender key, and signed.
  const double message_s = crypto.seconds(crypto.group_message_cycles(f.body_bytes));
  f.path.device_crypto_s += static_cast<float>(crypto_s + message_s);
  GroupReport& counts = world_.recorder.groups();
  counts.messages += 1;
  counts.sender_keys.distributions += k.new_key ? 1 : 0;
  counts.sender_keys.pairwise_copies += k.devices;
  counts.sender_keys.bytes += f.key_bytes;
  counts.sender_keys.phone_cycles += cycles;
  counts.sender_keys.phone_seconds += crypto_s;
  receipts_.expect(f.id, f.audience);
  outbox_.add(device, f);
  world_.recorder.counts().sent += 1;
  world_.recorder.record({now, EventKind::sent, f.id, f.stream(), 0, device, 0});
  schedule(now + world_.scenario.faults.retry_after_s, TimerKind::retry, device, f);
  schedule(phone_work(device, now, crypto_s + message_s), TimerKind::send, device, f);
}

// Someone in this region joins a group (by invitation link) or leaves one of theirs, half
// and half, so group sizes stay about where they started. The request goes to the group's
// shard of the group service, which commits it and tells the members through the log.
void Population::change_membership(double now) {
  if (world_.groups.groups() == 0) return;
  boost::random::uniform_int_distribution<UserId> pick_user(first_user_, end_user_ - 1);
  const UserId user = pick_user(churn_rng_);
  const GroupList mine = world_.groups.groups_of(user);
  ChatFrame request;
  if (!mine.empty() && boost::random::bernoulli_distribution<double>(0.5)(churn_rng_)) {
    request.group = mine[boost::random::uniform_int_distribution<std::size_t>(0, mine.size() - 1)(churn_rng_)];
    request.notice = GroupNotice::member_left;
  } else {
    const auto groups = static_cast<GroupId>(world_.groups.groups());
    request.group = boost::random::uniform_int_distribution<GroupId>(1, groups)(churn_rng_);
    request.notice = world_.groups.is_member(request.group, user) ? GroupNotice::member_left : GroupNotice::member_joined;
  }
  request.sent_at = now;
  auto* e = new Envelope{Op::membership_request, request, user, 0, 0, kNoServer, {}, {}};
  world_.post.to_server(Tier::group_service, world_.layout.group_service_of(request.group), request.group, e);
}

void Population::on_ack(DeviceId d, const ChatFrame& f, double now) {
  if (!outbox_.acknowledge(d, f.id)) return;  // a retry's second acknowledgement
  world_.recorder.counts().acknowledged += 1;
  const std::uint32_t copies = f.group == kNoGroup ? world_.devices.device_count(f.recipient) : 0;  // a group's: the handler's to count
  world_.recorder.record({now, EventKind::acked, f.id, f.stream(), f.seq, d, copies});
  if (receipts_.on_server_ack(f.id).changed()) world_.recorder.latency("server_ack", f.sent_at, now, f.path);
  // The group's stream now has this message at f.seq; this device gets no copy of it, so
  // its inbox must move past it or every later message of the group would wait for it.
  if (f.group == kNoGroup || f.seq == 0) return;
  DeviceInbox::Outcome unblocked = inbox_.own(d, f.stream(), f.seq);
  hand_to_app(d, unblocked.deliver, now);
}

void Population::on_push(DeviceId d, std::vector<ChatFrame>& frames, double now) {
  for (const ChatFrame& f : frames) {
    f.kind == FrameKind::message ? on_message(d, f, now) : on_receipt(d, f, now);
  }
}

// The inbox hands messages on once each and in stream order; the phone decrypts them one
// at a time (so they reach the app in that order too). A duplicate is acknowledged again,
// so its stored copy goes.
void Population::on_message(DeviceId d, const ChatFrame& f, double now) {
  DeviceInbox::Outcome out = inbox_.receive(d, f);
  if (out.duplicate) send_receipt(d, f, FrameKind::delivered_receipt);
  hand_to_app(d, out.deliver, now);
}

void Population::hand_to_app(DeviceId d, std::vector<ChatFrame>& frames, double now) {
  for (ChatFrame& m : frames) {
    const double crypto_s = receive_crypto_seconds(d, m);
    m.path.device_crypto_s += static_cast<float>(crypto_s);
    const double shown_at = phone_work(d, now, crypto_s);
    shown_at > now ? schedule(shown_at, TimerKind::opened, d, m) : show(d, m, now);
  }
}

// Decrypt the body (a group's with its sender key); the first message from a device
// needs the receiver's half of X3DH. Notices are not encrypted.
double Population::receive_crypto_seconds(DeviceId d, const ChatFrame& m) {
  if (!end_to_end() || m.notice != GroupNotice::none) return 0;
  const PhoneCrypto& crypto = crypto_of(d);
  double cycles = crypto.decrypt_cycles(m.body_bytes);
  if (m.group == kNoGroup && !has_session(inbound_, m.id.device, d)) {
    inbound_.establish(m.id.device, d);
    cycles += crypto.x3dh_receiver_cycles(true);
  }
  return crypto.seconds(cycles);
}

// The app shows the message: two checks go back to the sender (once the device is
// connected: a copy whose receipt could not leave is delivered again, and acknowledged then).
void Population::show(DeviceId d, const ChatFrame& m, double now) {
  world_.recorder.record({now, EventKind::delivered, m.id, m.stream(), m.seq, d, 0});
  if (online(d)) send_receipt(d, m, FrameKind::delivered_receipt);
  if (m.notice != GroupNotice::none) return on_notice(d, m);
  world_.recorder.counts().delivered += 1;
  if (m.sealed) world_.confidentiality.sealed_copy(m);
  if (m.was_queued) world_.recorder.latency("offline_delivery", m.sent_at, now, m.path);
  else if (m.group == kNoGroup) world_.recorder.latency("delivery_online", m.sent_at, now, m.path);
  if (m.group != kNoGroup) world_.recorder.group_delivered(m, now);
  if (m.asset != kNoAsset) download(d, m, now);
  boost::random::bernoulli_distribution<double> reads(world_.scenario.traffic.read_share);
  if (reads(read_rng_)) {
    schedule(now + exponential(read_rng_, world_.scenario.traffic.mean_read_delay_s), TimerKind::read, d, m);
  }
}

// A member joined: its devices need this device's sender key on its next send. A member
// left: this device's key is known to someone who may no longer read the group, so it
// makes a new one. This device's own user left: it forgets its key.
void Population::on_notice(DeviceId d, const ChatFrame& notice) {
  const bool mine = notice.subject == world_.devices.owner(d);
  if (notice.notice == GroupNotice::member_joined) {
    if (!mine) sender_keys_.member_joined(d, notice.group, world_.devices.device_count(notice.subject));
  } else {
    mine ? sender_keys_.forget(d, notice.group) : sender_keys_.member_left(d, notice.group);
  }
}

// A receipt reached the sender's device: update the checks shown. A receipt that waited in
// the store is acknowledged so the store can delete it.
void Population::on_receipt(DeviceId d, const ChatFrame& f, double now) {
  const Receipt r = f.kind == FrameKind::read_receipt ? Receipt::read : Receipt::delivered;
  const ReceiptBook::Change c = receipts_.on_receipt(f.id, f.recipient_device, r);
  // What the sender now holds for that device: late or repeated receipts must not lower it.
  world_.recorder.record({now, EventKind::receipt, f.id, f.stream(), f.seq, f.recipient_device,
                          static_cast<std::uint32_t>(c.device_after)});
  const bool group = f.group != kNoGroup;
  if (c.shown_before < Receipt::delivered && c.shown_after >= Receipt::delivered)
    world_.recorder.latency(group ? "group_delivered" : "delivered", f.sent_at, now, f.path);
  if (c.shown_before < Receipt::read && c.shown_after == Receipt::read)
    world_.recorder.latency(group ? "group_read" : "read", f.sent_at, now, f.path);
  if (f.was_queued) to_server(d, new Envelope{Op::store_delete, f, world_.devices.owner(d), d, 0, kNoServer, {}, {}});
}

void Population::open(DeviceId d, const ChatFrame& f, double) {
  if (!online(d)) return;  // closed the app before reading: no blue checks from this device
  world_.recorder.counts().read += 1;
  send_receipt(d, f, FrameKind::read_receipt);
}

void Population::send_receipt(DeviceId d, const ChatFrame& f, FrameKind kind) {
  ChatFrame r = f;
  r.kind = kind;
  r.recipient_device = d;
  r.was_queued = false;
  to_server(d, new Envelope{Op::device_receipt, r, world_.devices.owner(d), d, 0, kNoServer, {}, {}});
}

void Population::to_server(DeviceId d, Envelope* e) {
  world_.post.to_server(Tier::chat_server, state(d).server, d, e);
}

void Population::schedule_session_change(double time, DeviceId d) {
  session_timers_.push(SessionTimer{time, timer_order_++, d});
}

void Population::schedule(double time, TimerKind kind, DeviceId d, const ChatFrame& f, ServerId server) {
  timers_.push(Timer{time, timer_order_++, kind, d, f, server});
}

double Population::next_session_change(bool now_online) {
  const SessionModel& sm = world_.scenario.population.session;
  return exponential(session_rng_, now_online ? sm.mean_online_s : sm.mean_offline_s);
}

// Thinning (Lewis-Shedler): candidates at the peak rate, kept with probability rate(t)/peak.
double Population::draw_next_send(double after) {
  const double peak = base_rate_per_s_ * peak_multiplier_;
  if (peak <= 0) return std::numeric_limits<double>::infinity();
  boost::random::uniform_real_distribution<double> u(0.0, 1.0);
  double t = after;
  do {
    t += exponential(send_rng_, 1.0 / peak);
  } while (u(send_rng_) * peak_multiplier_ > rate_multiplier(t));
  return t;
}

double Population::draw_next_churn(double after) {
  if (churn_rate_per_s_ <= 0) return std::numeric_limits<double>::infinity();
  return after + exponential(churn_rng_, 1.0 / churn_rate_per_s_);
}

double Population::rate_multiplier(double t) const {
  const auto& profile = world_.scenario.population.diurnal_profile;
  const double hour = std::fmod(world_.scenario.population.start_hour + t / kSecondsPerHour, kHoursPerDay);
  return profile[static_cast<std::size_t>(hour) % profile.size()];
}

std::uint32_t Population::draw_body_bytes() {
  return static_cast<std::uint32_t>(draw_size_bytes(world_.scenario.traffic.size, size_rng_));
}

}  // namespace whatsim
