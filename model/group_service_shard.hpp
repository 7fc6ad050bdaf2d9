#pragma once
// A group-service shard (the seeds: group data on a MySQL cluster with a Redis cache in
// front): commits membership changes, appends a notice of each to the group's topic so
// the change takes its place in the group's order, and answers the handlers' member
// lookups through the cache.
#include <unordered_map>

#include "model/world.hpp"

namespace whatsim {

class GroupServiceShard {
 public:
  GroupServiceShard(World& world, std::uint32_t index);

  // Not const: whether a lookup hits the cache is decided (and drawn) when it is costed.
  double cost(Envelope& e);
  void handle(Envelope& e);

 private:
  void on_membership_request(const Envelope& e);
  void on_members_request(const Envelope& e);
  World& world_;
  std::unordered_map<GroupId, std::uint32_t> cached_version_;  // the member list the cache holds
  Rng cache_rng_;
};

}  // namespace whatsim
