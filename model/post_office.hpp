#pragma once
// Addresses of every simulated process and the one way frames are sent between them:
// a detached, eager mailbox send whose simulated size is the frame's bytes on the wire.
// A server has one worker per core, each with its own mailbox; a frame goes to the worker
// chosen by its affinity key (the connection, or the user it is about), as the seeds' chat
// server runs one process per connection: frames of one key from one host are handed over
// in the order they were posted (arrival_queue.hpp).
#include <cstdint>
#include <vector>

#include <simgrid/s4u/Mailbox.hpp>

#include "model/envelope.hpp"
#include "model/layout.hpp"
#include "model/platform.hpp"
#include "model/server_stats.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

class FaultState;
class ReplicaDirectory;

class PostOffice {
 public:
  PostOffice(const Scenario& s, const Layout& layout, const Platform& platform);

  // `extra_delay_s`: time the sender spends waiting on something not simulated as a process
  // (a database round trip), added to the route latency. `from`: the host the frame comes
  // from, for its route latency; by default the calling actor's host (the courier sends on
  // behalf of the host a file came from).
  void to_server(Tier tier, std::uint32_t index, std::uint64_t affinity_key, Envelope* e, double extra_delay_s = 0,
                 const simgrid::s4u::Host* from = nullptr);
  // A message-service request goes to index = the shard; it is delivered to the host that is
  // the shard's primary now (none during a failover: the frame is lost).
  void to_devices(std::uint32_t region, Envelope* e, double extra_delay_s = 0, const simgrid::s4u::Host* from = nullptr);
  // Replication traffic between message-service hosts (not shards).
  void to_message_host(std::uint32_t host, std::uint64_t affinity_key, Envelope* e);
  // Faults drop frames to down servers and across cut or lossy links, and slow some links.
  void set_faults(FaultState* faults, const ReplicaDirectory* replicas) { faults_ = faults; replicas_ = replicas; }

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
  FaultState* faults_ = nullptr;
  const ReplicaDirectory* replicas_ = nullptr;

  // Sends `e` to `mailbox` on host `to`, unless a fault loses it on the way.
  void post(simgrid::s4u::Mailbox* mailbox, const simgrid::s4u::Host* from, const simgrid::s4u::Host* to, bool to_up,
            Envelope* e, double extra_delay_s);
};

}  // namespace whatsim
