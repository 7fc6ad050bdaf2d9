#pragma once
// Moves large payloads (media files) between hosts as SimGrid flows, so a transfer's time
// comes from the flow-level network model, shared fairly on every link it crosses (a PoP's
// NIC, a storage host's NIC), a phone's radio (its uplink or downlink) capping each one.
// Files travel between the hosts' twins, on the files' own networks (platform.hpp); a courier
// serves one lane of one region, and waits on its own files only.
// When the last byte is in, the courier hands the envelope that goes with the file to its
// addressee through the post office, as if sent by the file's source host (so the route
// latency is added as for any frame).
//
// Why a file is not simply a big mailbox frame: SimGrid 3.32 hands a mailbox's comms to the
// receiver in the order they were sent, so a 16 MB download would hold back every small
// frame queued behind it (see arrival_queue.hpp). Each flow here completes on its own.
#include <cstdint>
#include <vector>

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include "model/platform.hpp"
#include "model/post_office.hpp"

namespace whatsim {

// Who gets the envelope once the file has arrived: a server, or the phones of a region.
struct Addressee {
  bool phones = false;
  Tier tier = Tier::chat_server;
  std::uint32_t index = 0;         // server index, or region when `phones`
  std::uint64_t affinity_key = 0;  // which worker of the server (post office rule)
};

class Courier {
 public:
  // One courier actor per region and lane; `name` names its mailbox.
  Courier(PostOffice& post, const Platform& platform, const std::string& name, std::uint32_t lane);
  // Called from any actor: moves `bytes` from `from` to `to`, then hands `e` to `addressee`.
  void ship(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes, Addressee addressee, Envelope* e);
  void run();  // the actor's body

  std::uint64_t shipped() const { return shipped_; }  // transfers completed

 private:
  struct Shipment {
    simgrid::s4u::Host* from;
    simgrid::s4u::Host* to;
    double bytes;
    Addressee addressee;
    Envelope* envelope;
    double shipped_at;
  };
  simgrid::s4u::CommPtr start_flow(const Shipment& s) const;
  void deliver(const Shipment& s);

  PostOffice& post_;
  const Platform& platform_;
  simgrid::s4u::Mailbox* orders_;
  std::uint32_t lane_;
  std::uint64_t shipped_ = 0;
};

}  // namespace whatsim
