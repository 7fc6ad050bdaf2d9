#pragma once
// What every simulated process may consult: the scenario, the layout of servers, who owns
// which devices, where to send frames, and where to record what happened.
#include "model/fault_state.hpp"
#include "model/layout.hpp"
#include "model/platform.hpp"
#include "model/post_office.hpp"
#include "model/recorder.hpp"
#include "src/core/random_streams.hpp"
#include "src/crypto/confidentiality_ledger.hpp"
#include "src/crypto/prekey_store.hpp"
#include "src/group/consumer_group.hpp"
#include "src/group/group_directory.hpp"
#include "src/group/topic_partitioner.hpp"
#include "src/protocol/replica_directory.hpp"
#include "src/scenario/scenario.hpp"
#include "src/workload/device_directory.hpp"
#include "src/workload/group_generator.hpp"

namespace whatsim {

struct MediaServices;  // model/media_services.hpp

struct World {
  const Scenario& scenario;
  const Layout& layout;
  const DeviceDirectory& devices;
  PostOffice& post;
  Recorder& recorder;
  const RandomStreams& streams;
  // Group chat: who is in which group (the group service's data, which members' phones
  // also know), which partition carries a group, which handler consumes which partition,
  // and how active each group is.
  GroupDirectory& groups;
  const TopicPartitioner& partitioner;
  ConsumerGroup& consumers;
  const GroupActivity& activity;
  const Platform& platform;
  // Media: null when the scenario has none.
  MediaServices* media;
  // End-to-end encryption: each user's device profile (index into scenario.phone.profiles),
  // the user service's prekeys, and the check that servers only see sealed bodies.
  const std::vector<std::uint8_t>& device_profile_of_user;
  PrekeyStore& prekeys;
  ConfidentialityLedger& confidentiality;
  // Faults: what is down, slowed or cut now; where each message-service shard's copies are.
  FaultState& faults;
  ReplicaDirectory& replicas;

  const CostSpec& costs() const { return scenario.costs; }
  const GroupsSpec& group_spec() const { return scenario.groups; }
  const MediaSpec& media_spec() const { return scenario.media; }
  const CryptoSpec& crypto_spec() const { return scenario.crypto; }
  const DeviceProfile& profile_of_user(UserId u) const { return scenario.phone.profiles[device_profile_of_user[u]]; }
};

// One worker process of a server: take the next frame, spend its CPU cycles on one core,
// then let the server handle it. `Server` provides cost(envelope) and handle(envelope).
template <class Server>
void serve_frames(World& world, Tier tier, std::uint32_t index, std::uint32_t worker, Server& server);

}  // namespace whatsim

#include "model/serve_frames.inl"
