#pragma once
// Addresses of every simulated process and the one way frames are sent between them:
// a detached, eager mailbox send whose simulated size is the frame's bytes on the wire.
// A server has one worker per core, each with its own mailbox; a frame goes to the worker
// chosen by its affinity key (the connection, or the user it is about), as the seeds' chat
// server runs one process per connection: frames of one key stay in FIFO order.
#include <cstdint>
#include <vector>

#include <simgrid/s4u/Mailbox.hpp>

#include "model/envelope.hpp"
#include "model/layout.hpp"
#include "model/platform.hpp"
#include "model/server_stats.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

class PostOffice {
 public:
  PostOffice(const Scenario& s, const Layout& layout, const Platform& platform);

  // `extra_delay_s`: time the sender spends waiting on something not simulated as a process
  // (a database round trip), added to the route latency. `from`: the host the frame comes
  // from, for its route latency; by default the calling actor's host (the courier sends on
  // behalf of the host a file came from).
  void to_server(Tier tier, std::uint32_t index, std::uint64_t affinity_key, Envelope* e, double extra_delay_s = 0,
                 const simgrid::s4u::Host* from = nullptr);
  void to_devices(std::uint32_t region, Envelope* e, double extra_delay_s = 0, const simgrid::s4u::Host* from = nullptr);

  std::uint32_t workers(Tier tier, std::uint32_t index) const;
  simgrid::s4u::Mailbox* worker_mailbox(Tier tier, std::uint32_t index, std::uint32_t worker) const;
  simgrid::s4u::Mailbox* devices_mailbox(std::uint32_t region) const { return devices_[region]; }
  ServerStats& stats(Tier tier, std::uint32_t index) { return stats_[static_cast<int>(tier)][index]; }
  double wire_bytes(const Envelope& e) const;
  std::uint64_t frames_sent() const { return frames_sent_; }  // every network hop, device ones included

 private:
  const CostSpec& costs_;
  const GroupsSpec& groups_;
  const CryptoSpec& crypto_;
  const Platform& platform_;
  std::vector<std::vector<simgrid::s4u::Mailbox*>> mailboxes_[kTierCount];  // tier, server, worker
  std::vector<ServerStats> stats_[kTierCount];
  std::vector<simgrid::s4u::Mailbox*> devices_;
  std::uint64_t frames_sent_ = 0;
};

}  // namespace whatsim
