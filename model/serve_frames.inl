// Template body of serve_frames(); included from world.hpp.
#include <algorithm>
#include <memory>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/Exception.hpp>

#include "model/arrival_queue.hpp"

namespace whatsim {

// Every message body a server handles is shown to the confidentiality check.
inline void show_bodies(ConfidentialityLedger& ledger, Tier tier, const Envelope& e) {
  const char* component = to_string(tier);
  auto show = [&](const ChatFrame& f) {
    if (f.kind == FrameKind::message && f.body_bytes > 0) ledger.server_handled(component, f);
  };
  show(e.frame);
  for (const ChatFrame& f : e.frames) show(f);
  for (const LogRecord& r : e.records) show(r.frame);
}

template <class Server>
void serve_frames(World& world, Tier tier, std::uint32_t index, std::uint32_t worker, Server& server) {
  namespace sg = simgrid::s4u;
  sg::Mailbox* inbox = world.post.worker_mailbox(tier, index, worker);
  inbox->set_receiver(sg::Actor::self());  // eager: frames come off the wire while this core is busy
  ServerStats& stats = world.post.stats(tier, index);
  ArrivalQueue arriving;
  Envelope* incoming = nullptr;
  sg::CommPtr receive = inbox->get_async<Envelope>(&incoming);
  sg::this_actor::on_exit([&receive](bool) { receive->cancel(); });
  // A frame off the wire at `off_wire_at` (its route latency still to go) joins the queue.
  auto take_in = [&](double off_wire_at) {
    charge_network(*incoming, off_wire_at);
    incoming->arrive_at = off_wire_at + incoming->latency_s;
    Envelope* e = incoming;
    charge(*e, &PathTime::network_s, arriving.push(e));  // held behind its connection's previous frame
    stats.in_flight(e->arrive_at);
    receive = inbox->get_async<Envelope>(&incoming);
  };
  // Frames that came off the wire while this core was busy join the queue at the time they
  // did, before the core picks its next frame: the queue stays in arrival order, and their
  // wait counts as queueing, not network. Asking costs a SimGrid call, so it is skipped when
  // nothing can have finished: the core was idle in a wait that returned at this instant.
  double seen_unfinished_at = -1;  // the clock when `receive` was last seen still in flight
  auto take_in_finished = [&](double now) {
    if (seen_unfinished_at == now) return;
    try {
      while (sg::Comm::wait_any_for({receive}, 0) == 0) take_in(receive->get_finish_time());
      seen_unfinished_at = now;
    } catch (const simgrid::NetworkFailureException&) {  // a link on its route went down mid-flight
      receive = inbox->get_async<Envelope>(&incoming);
    }
  };
  for (;;) {
    const double now = sg::Engine::get_clock();
    if (arriving.due(now)) take_in_finished(now);
    if (arriving.due(now)) {  // the oldest arrived frame gets this core
      std::unique_ptr<Envelope> e = arriving.pop();
      stats.taken(now);
      if (!world.faults.server_up(tier, index)) continue;  // crashed: what reached it is gone
      charge(*e, &PathTime::queueing_s, now - e->arrive_at);
      const double cycles = server.cost(*e) * world.faults.slow_factor(tier, index);
      stats.busy(now, cycles);
      if (cycles > 0) sg::this_actor::execute(cycles);
      if (!world.faults.server_up(tier, index)) continue;  // crashed while working on it
      charge(*e, &PathTime::server_cpu_s, sg::Engine::get_clock() - now);
      show_bodies(world.confidentiality, tier, *e);
      server.handle(*e);
      continue;
    }
    const double timeout = arriving.empty() ? -1.0 : std::max(0.0, arriving.next_arrival() - now);
    try {
      if (sg::Comm::wait_any_for({receive}, timeout) == 0) {
        take_in(receive->get_finish_time());  // off the wire, now or while this core was busy
      } else {
        seen_unfinished_at = sg::Engine::get_clock();
      }
    } catch (const simgrid::NetworkFailureException&) {  // a link on its route went down mid-flight
      receive = inbox->get_async<Envelope>(&incoming);
    }
  }
}

}  // namespace whatsim
