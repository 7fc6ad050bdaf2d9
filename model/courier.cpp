#include "model/courier.hpp"

#include <memory>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace whatsim {

namespace sg = simgrid::s4u;

Courier::Courier(PostOffice& post, const Platform& platform, const std::string& name, std::uint32_t lane)
    : post_(post), platform_(platform), orders_(sg::Mailbox::by_name(name)), lane_(lane) {}

// The order itself is a zero-byte frame to the courier's mailbox: it wakes the courier,
// which starts the flow.
void Courier::ship(sg::Host* from, sg::Host* to, double bytes, Addressee addressee, Envelope* e) {
  auto* order = new Shipment{from, to, bytes, addressee, e, sg::Engine::get_clock()};
  orders_->put_init(order, 0)->detach([](void* p) {
    auto* s = static_cast<Shipment*>(p);
    delete s->envelope;
    delete s;
  });
}

sg::CommPtr Courier::start_flow(const Shipment& s) const {
  const auto [from, to] = platform_.file_ends(s.from, s.to, lane_);
  return sg::Comm::sendto_async(from, to, static_cast<std::uint64_t>(s.bytes));
}

void Courier::deliver(const Shipment& s) {
  shipped_ += 1;
  charge(*s.envelope, &PathTime::network_s, simgrid::s4u::Engine::get_clock() - s.shipped_at);
  const Addressee& a = s.addressee;
  if (a.phones) {
    post_.to_devices(a.index, s.envelope, 0, s.from);
  } else {
    post_.to_server(a.tier, a.index, a.affinity_key, s.envelope, 0, s.from);
  }
}

// Waits for whichever comes first: a new order or the end of a flow in progress.
void Courier::run() {
  orders_->set_receiver(sg::Actor::self());
  Shipment* incoming = nullptr;
  std::vector<sg::CommPtr> waiting{orders_->get_async<Shipment>(&incoming)};  // [0]: the next order
  std::vector<std::unique_ptr<Shipment>> in_flight(1);                        // parallel to `waiting`
  // The run ends by killing this daemon: stop listening and drop files still on the wire.
  sg::this_actor::on_exit([&waiting, &in_flight](bool) {
    waiting[0]->cancel();
    for (std::size_t i = 1; i < in_flight.size(); ++i) delete in_flight[i]->envelope;
  });
  for (;;) {
    const auto done = static_cast<std::size_t>(sg::Comm::wait_any(waiting));
    if (done == 0) {
      in_flight.emplace_back(incoming);
      waiting.push_back(start_flow(*incoming));
      waiting[0] = orders_->get_async<Shipment>(&incoming);
      continue;
    }
    deliver(*in_flight[done]);
    std::swap(waiting[done], waiting.back());
    std::swap(in_flight[done], in_flight.back());
    waiting.pop_back();
    in_flight.pop_back();
  }
}

}  // namespace whatsim
