#include "model/population.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

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
      balancer_rng_(streams.stream("balancer", region)) {
  const auto& p = world.scenario.population;
  base_rate_per_s_ = (end_user_ - first_user_) * world.scenario.traffic.messages_per_user_per_day / kSecondsPerDay;
  peak_multiplier_ = *std::max_element(p.diurnal_profile.begin(), p.diurnal_profile.end());
}

// Devices start in their stationary state: online with probability on/(on+off), with the
// remaining session drawn afresh (exponential sessions are memoryless).
std::vector<Population::Connection> Population::start_sessions() {
  const SessionModel& sm = world_.scenario.population.session;
  boost::random::bernoulli_distribution<double> never(sm.always_offline_share);
  boost::random::bernoulli_distribution<double> starts_online(sm.mean_online_s / (sm.mean_online_s + sm.mean_offline_s));
  std::vector<Connection> connected;
  for (DeviceId d = first_device_; d < end_device_; ++d) {
    state(d).never_online = never(session_rng_);
    if (state(d).never_online) continue;
    const bool on = starts_online(session_rng_);
    if (on) {
      mark_online(d, balance());
      connected.push_back({d, state(d).server});
    }
    schedule(next_session_change(on), TimerKind::session, d);
  }
  next_send_ = draw_next_send(0);
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
      incoming->arrive_at = sg::Engine::get_clock() + incoming->latency_s;  // latency still to go
      arriving_.push(incoming);
      receive = mailbox->get_async<Envelope>(&incoming);
    } else {
      fire_due(sg::Engine::get_clock());
    }
  }
}

double Population::next_wakeup() const {
  double t = timers_.empty() ? next_send_ : std::min(next_send_, timers_.top().time);
  return arriving_.empty() ? t : std::min(t, arriving_.next_arrival());
}

void Population::fire_due(double now) {
  while (next_send_ <= now) {
    compose(next_send_);
    next_send_ = draw_next_send(next_send_);
  }
  while (!timers_.empty() && timers_.top().time <= now) {
    const Timer t = timers_.top();
    timers_.pop();
    if (t.kind == TimerKind::read) {
      open(t.device, t.frame, now);
    } else {
      online(t.device) ? go_offline(t.device) : go_online(t.device, now);
      schedule(now + next_session_change(online(t.device)), TimerKind::session, t.device);
    }
  }
}

void Population::handle(Envelope& e, double now) {
  if (!homes(e.device) || !online(e.device)) return;  // the connection is gone: the frame is lost
  if (e.op == Op::ack) return on_ack(e.device, e.frame, now);
  if (e.op == Op::push) return on_push(e.device, e.frames, now);
}

// Connect through the region's load balancer, then send again whatever is still unacknowledged.
void Population::go_online(DeviceId d, double now) {
  mark_online(d, balance());
  to_server(d, new Envelope{Op::connect, {}, world_.devices.owner(d), d, 0, kNoServer, {}, {}});
  for (const ChatFrame& f : outbox_.unacknowledged(d)) {
    if (f.sent_at < now) world_.recorder.counts().retries += 1;
    to_server(d, new Envelope{Op::send, f, f.sender, d, 0, kNoServer, {}, {}});
  }
}

// The region's load balancer spreads connections evenly at random over its chat servers.
ServerId Population::balance() {
  const auto& servers = world_.layout.chat_servers_of_region[region_];
  boost::random::uniform_int_distribution<std::size_t> pick(0, servers.size() - 1);
  return servers[pick(balancer_rng_)];
}

void Population::mark_online(DeviceId d, ServerId server) {
  state(d).server = server;
  state(d).online_slot = static_cast<std::uint32_t>(online_.size());
  online_.push_back(d);
}

void Population::go_offline(DeviceId d) {
  to_server(d, new Envelope{Op::disconnect, {}, world_.devices.owner(d), d, 0, kNoServer, {}, {}});
  state(d).server = kNoServer;
  const DeviceId moved = online_.back();  // swap-remove: order does not matter, only membership
  online_[state(d).online_slot] = moved;
  state(moved).online_slot = state(d).online_slot;
  online_.pop_back();
}

// Someone using the app writes to a contact: the region's whole message volume is spread
// over the devices online at the moment (people write while they have the app open).
void Population::compose(double now) {
  if (online_.empty()) return;
  boost::random::uniform_int_distribution<std::size_t> pick(0, online_.size() - 1);
  const DeviceId device = online_[pick(send_rng_)];
  const UserId sender = world_.devices.owner(device);
  const UserId recipient = contacts_.draw_recipient(sender, send_rng_);
  ChatFrame f;
  f.kind = FrameKind::message;
  f.id = outbox_.mint(device);
  f.sender = sender;
  f.recipient = recipient;
  f.body_bytes = draw_body_bytes();
  f.sent_at = now;
  outbox_.add(device, f);
  world_.recorder.counts().sent += 1;
  world_.recorder.record({now, EventKind::sent, f.id, f.stream(), 0, device, 0});
  to_server(device, new Envelope{Op::send, f, sender, device, 0, kNoServer, {}, {}});
}

void Population::on_ack(DeviceId d, const ChatFrame& f, double now) {
  if (!outbox_.acknowledge(d, f.id)) return;  // a retry's second acknowledgement
  world_.recorder.counts().acknowledged += 1;
  world_.recorder.record({now, EventKind::acked, f.id, f.stream(), f.seq, d, world_.devices.device_count(f.recipient)});
  if (receipts_.on_server_ack(f.id).changed()) world_.recorder.latency("server_ack", f.sent_at, now);
}

void Population::on_push(DeviceId d, std::vector<ChatFrame>& frames, double now) {
  for (const ChatFrame& f : frames) {
    f.kind == FrameKind::message ? on_message(d, f, now) : on_receipt(d, f, now);
  }
}

// The inbox hands messages to the app once each and in stream order; every delivery is
// acknowledged with a delivery receipt (again for a duplicate, so its stored copy goes).
void Population::on_message(DeviceId d, const ChatFrame& f, double now) {
  DeviceInbox::Outcome out = inbox_.receive(d, f);
  if (out.duplicate) send_receipt(d, f, FrameKind::delivered_receipt);
  boost::random::bernoulli_distribution<double> reads(world_.scenario.traffic.read_share);
  for (const ChatFrame& m : out.deliver) {
    world_.recorder.counts().delivered += 1;
    world_.recorder.record({now, EventKind::delivered, m.id, m.stream(), m.seq, d, 0});
    if (m.was_queued) world_.recorder.latency("offline_delivery", m.sent_at, now);
    send_receipt(d, m, FrameKind::delivered_receipt);
    if (reads(read_rng_)) {
      schedule(now + exponential(read_rng_, world_.scenario.traffic.mean_read_delay_s), TimerKind::read, d, m);
    }
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
  if (c.shown_before < Receipt::delivered && c.shown_after >= Receipt::delivered)
    world_.recorder.latency("delivered", f.sent_at, now);
  if (c.shown_before < Receipt::read && c.shown_after == Receipt::read) world_.recorder.latency("read", f.sent_at, now);
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

void Population::schedule(double time, TimerKind kind, DeviceId d, const ChatFrame& f) {
  timers_.push(Timer{time, timer_order_++, kind, d, f});
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

double Population::rate_multiplier(double t) const {
  const auto& profile = world_.scenario.population.diurnal_profile;
  const double hour = std::fmod(world_.scenario.population.start_hour + t / kSecondsPerHour, kHoursPerDay);
  return profile[static_cast<std::size_t>(hour) % profile.size()];
}

std::uint32_t Population::draw_body_bytes() {
  const SizeDistribution& s = world_.scenario.traffic.size;
  double bytes = s.mean_bytes;
  if (s.kind == "lognormal") {
    const double mu = std::log(s.mean_bytes) - s.sigma * s.sigma / 2;  // so that the mean is mean_bytes
    bytes = boost::random::lognormal_distribution<double>(mu, s.sigma)(size_rng_);
  }
  return static_cast<std::uint32_t>(std::clamp(std::round(bytes), 1.0, s.max_bytes));
}

}  // namespace whatsim
