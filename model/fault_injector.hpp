#pragma once
// The run's faults, injected by one actor that sleeps until each fault's start and heal
// times and then acts as the fault says: a crashed server drops what reaches it (a chat
// server also loses its connections, a message-service host its memory and its shards'
// primary role), a slow server's CPU work takes longer, a cut link or partition drops frames
// between regions (and the links cut both ways are turned off in SimGrid, failing what is
// in flight on them), a lossy link drops a share of frames, a spiking link delays them.
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "model/chat_server.hpp"
#include "model/manager_shard.hpp"
#include "model/message_shard.hpp"
#include "model/population.hpp"
#include "src/fault/fault.hpp"
#include "src/fault/partition_plan.hpp"

namespace whatsim {

struct FaultTargets {
  std::vector<std::unique_ptr<ChatServer>>& chat;
  std::vector<std::unique_ptr<ManagerShard>>& managers;
  std::vector<std::unique_ptr<MessageShard>>& shards;
  std::vector<std::unique_ptr<Population>>& regions;
};

class FaultInjector {
 public:
  FaultInjector(World& world, FaultTargets targets, std::vector<Fault> faults);
  void run();  // the actor's body
  // The faults as time windows, for the report (labels name servers, links and regions).
  std::vector<FaultWindow> windows() const;
  // Async replication: every message-service host ships its unshipped writes periodically.
  static void start_shipping(World& world, std::vector<std::unique_ptr<MessageShard>>& shards);

 private:
  void apply(const Fault& f, bool on);  // on: the fault starts; off: it heals
  void set_crashed(Tier tier, std::uint32_t index, bool crashed);
  void recut();
  // Message-service failover: after the failure detector's delay, promote secondaries and
  // recruit new ones; a recruit catches up from the primary before serving.
  void message_host_failed(std::uint32_t host);
  void message_host_returned(std::uint32_t host);
  void promote_later(std::uint32_t failed_host);
  void recruit_secondaries();
  void recruit(std::uint32_t shard);

  World& world_;
  FaultTargets targets_;
  std::vector<Fault> faults_;
  std::vector<std::string> region_names_;
  std::vector<RegionLink> links_;
  std::vector<Fault> cutting_;  // active link_down and partition faults
  RegionCut cut_;               // what they cut together, applied now
  std::set<std::uint32_t> recruiting_;   // shards with a catch-up under way
};

}  // namespace whatsim
