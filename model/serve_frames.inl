// Template body of serve_frames(); included from world.hpp.
#include <memory>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace whatsim {

template <class Server>
void serve_frames(World& world, Tier tier, std::uint32_t index, std::uint32_t worker, Server& server) {
  simgrid::s4u::Mailbox* inbox = world.post.worker_mailbox(tier, index, worker);
  inbox->set_receiver(simgrid::s4u::Actor::self());  // eager: frames arrive while this core is busy
  ServerStats& stats = world.post.stats(tier, index);
  for (;;) {
    std::unique_ptr<Envelope> e(inbox->get<Envelope>());
    const double now = simgrid::s4u::Engine::get_clock();
    stats.taken(now);
    const double cycles = server.cost(*e);
    stats.busy(now, cycles);
    if (cycles > 0) simgrid::s4u::this_actor::execute(cycles);
    server.handle(*e);
  }
}

}  // namespace whatsim
