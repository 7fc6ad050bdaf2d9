#include "model/group_service_shard.hpp"

#include "model/units.hpp"
#include "src/group/membership_notice.hpp"

#include <algorithm>

#include <boost/random/bernoulli_distribution.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace whatsim {


// The cache starts warm with every group's member list, as a run starts in the steady state
// (devices already connected): a cold cache would make the first minutes' misses the figure.
GroupServiceShard::GroupServiceShard(World& world, std::uint32_t index)
    : world_(world), cache_rng_(world.streams.stream("group-cache", index)) {
  for (GroupId g = 1; g <= world.groups.groups(); ++g)
    if (world.layout.group_service_of(g) == index) cached_version_[g] = world.groups.group(g).version;
}

// The cache holds one version of a group's member list: a lookup for another version (a
// change not yet cached, or an older one a lagging handler needs) goes to the database; a
// lookup for the cached version hits with the scenario's hit ratio (evictions are not
// simulated entry by entry).
double GroupServiceShard::cost(Envelope& e) {
  const GroupsSpec& g = world_.group_spec();
  if (e.op == Op::membership_request) return g.membership_write_cycles;
  if (e.op != Op::members_request) return 0;
  std::uint32_t& held = cached_version_[e.frame.group];  // 0: nothing cached
  e.cache_hit = held == e.version && boost::random::bernoulli_distribution<double>(g.cache.hit_ratio)(cache_rng_);
  if (!e.cache_hit) held = std::max(held, e.version);  // a miss fills the cache; an old version never replaces a newer one
  return e.cache_hit ? g.cache.hit_cycles : g.cache.hit_cycles + g.cache.miss_cycles;
}

void GroupServiceShard::handle(Envelope& e) {
  if (e.op == Op::membership_request) return on_membership_request(e);
  if (e.op == Op::members_request) return on_members_request(e);
}

// Commit the change, then append its notice to the group's partition. One group's changes
// are handled by one worker (affinity by group) and sent to one broker worker, so their
// notices reach the log in the order of their versions.
void GroupServiceShard::on_membership_request(const Envelope& e) {
  const GroupId group = e.frame.group;
  const bool joining = e.frame.notice == GroupNotice::member_joined;
  const MembershipChange change = joining ? world_.groups.join(group, e.user) : world_.groups.leave(group, e.user);
  GroupReport& counts = world_.recorder.groups();
  if (!change.ok) {
    if (joining) counts.joins_rejected += 1;
    return;
  }
  joining ? counts.joins += 1 : counts.leaves += 1;
  const ChatFrame notice =
      membership_notice(group, e.frame.notice, e.user, world_.groups.next_notice_id(),
                        static_cast<std::uint32_t>(world_.group_spec().notice_bytes), simgrid::s4u::Engine::get_clock());
  auto* produce = new Envelope{Op::produce, notice, e.user, 0, 0, kNoServer, {}, {}};
  produce->version = change.version;
  const PartitionId partition = world_.partitioner.partition_of(group);
  produce->partition = partition;
  world_.post.to_server(Tier::broker, world_.partitioner.leader_of(partition), partition, produce,
                        world_.group_spec().membership_write_latency_ms / kMsPerS);
}

void GroupServiceShard::on_members_request(const Envelope& e) {
  GroupReport& counts = world_.recorder.groups();
  counts.member_lookups += 1;
  if (e.cache_hit) counts.cache_hits += 1;
  auto* reply = new Envelope{Op::members_reply, e.frame, 0, 0, 0, kNoServer, {}, {}};
  reply->partition = e.partition;
  reply->offset = e.offset;
  reply->users = world_.groups.members_at(e.frame.group, e.version);
  const double db_s = e.cache_hit ? 0 : world_.group_spec().cache.miss_latency_ms / kMsPerS;
  world_.post.to_server(Tier::group_handler, e.reply_to, e.partition, reply, db_s);
}

}  // namespace whatsim
