#include "model/fault_injector.hpp"

#include <algorithm>
#include <stdexcept>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Link.hpp>

#include "model/sim_clock.hpp"

namespace whatsim {

namespace sg = simgrid::s4u;

namespace {
// Two fault entries are one fault when everything about them is equal (a campaign may draw
// the same fault twice; either may heal first).
bool same(const Fault& a, const Fault& b) {
  return a.kind == b.kind && a.start_s == b.start_s && a.end_s == b.end_s && a.region_a == b.region_a &&
         a.region_b == b.region_b && a.shape == b.shape && a.region == b.region;
}

Tier tier_of(const Fault& f) {
  Tier t = Tier::chat_server;
  if (!tier_from_name(f.tier, t)) throw std::invalid_argument("fault names no tier: " + f.tier);
  return t;
}
}  // namespace

FaultInjector::FaultInjector(World& world, FaultTargets targets, std::vector<Fault> faults)
    : world_(world), targets_(targets), faults_(std::move(faults)) {
  const DeploymentSpec& d = world.scenario.deployment;
  std::map<std::string, std::uint32_t> index;
  for (std::uint32_t r = 0; r < d.regions.size(); ++r) {
    region_names_.push_back(d.regions[r].name);
    index[d.regions[r].name] = r;
  }
  for (const InterRegionLink& l : d.links) links_.emplace_back(index.at(l.from), index.at(l.to));
}

std::vector<FaultWindow> FaultInjector::windows() const {
  std::vector<FaultWindow> out;
  for (const Fault& f : faults_) out.push_back({f.label(region_names_), f.start_s, f.end_s});
  return out;
}

// Starts and heals in time order; at one instant, heals before starts and each in fault order.
void FaultInjector::run() {
  struct Step {
    double time;
    bool starts;
    std::size_t fault;
  };
  std::vector<Step> steps;
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    steps.push_back({faults_[i].start_s, true, i});
    steps.push_back({faults_[i].end_s, false, i});
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
    return a.time != b.time ? a.time < b.time : (!a.starts && b.starts);
  });
  for (const Step& s : steps) {
    if (s.time > world_.scenario.simulation.duration_s) break;
    sg::this_actor::sleep_until(s.time);
    apply(faults_[s.fault], s.starts);
  }
}

// A fault's start (`on`) and its heal are one operation with opposite signs.
void FaultInjector::apply(const Fault& f, bool on) {
  switch (f.kind) {
    case FaultKind::crash: return set_crashed(tier_of(f), f.index, on);
    case FaultKind::slow: return world_.faults.slow_down(tier_of(f), f.index, f.slow_factor, on);
    case FaultKind::link_down:
    case FaultKind::partition:
      if (on) {
        cutting_.push_back(f);
      } else {
        cutting_.erase(std::find_if(cutting_.begin(), cutting_.end(), [&f](const Fault& c) { return same(c, f); }));
      }
      return recut();
    case FaultKind::link_loss: return world_.faults.lossy(f.region_a, f.region_b, f.loss_share, on);
    case FaultKind::latency_spike: return world_.faults.slow_link(f.region_a, f.region_b, f.extra_latency_s, on);
  }
}

void FaultInjector::set_crashed(Tier tier, std::uint32_t index, bool crashed) {
  const bool was_up = world_.faults.server_up(tier, index);
  world_.faults.server_down(tier, index, crashed);
  const bool up = world_.faults.server_up(tier, index);
  if (was_up == up) return;  // overlapping crashes of one server: only the first and the last count
  if (tier == Tier::chat_server && !up) {
    targets_.chat[index]->crash();
    for (auto& m : targets_.managers) m->chat_server_failed(index);
    for (auto& p : targets_.regions) p->chat_server_lost(index, now_s());
  }
  if (tier == Tier::message_service) up ? message_host_returned(index) : message_host_failed(index);
}

// The cut of every active link_down and partition together (two downed links may cut a region
// off that neither cuts alone): blocked per ordered region pair, and the deployment links cut
// both ways turned off in SimGrid, failing what is in flight on them. Routes are fixed, so a
// frame whose route crosses a down link between regions the cut leaves connected is lost too.
void FaultInjector::recut() {
  const RegionCut next = plan_cut(cutting_, static_cast<std::uint32_t>(region_names_.size()), links_);
  auto block_all = [this](const RegionCut& cut, bool on) {
    for (std::uint32_t a = 0; a < cut.blocked.size(); ++a)
      for (std::uint32_t b = 0; b < cut.blocked[a].size(); ++b)
        if (cut.blocked[a][b]) world_.faults.block(a, b, on);
  };
  block_all(cut_, false);
  block_all(next, true);
  auto turn = [this](const RegionLink& l, bool on) {  // the frames' link and the files' (platform.hpp)
    for (const std::string& name : world_.platform.region_link_names.at(l)) {
      if (on) sg::Link::by_name(name)->turn_on();
      else sg::Link::by_name(name)->turn_off();
    }
  };
  auto contains = [](const RegionCut& cut, const RegionLink& l) {
    return std::find(cut.links_down.begin(), cut.links_down.end(), l) != cut.links_down.end();
  };
  for (const RegionLink& l : cut_.links_down)
    if (!contains(next, l)) turn(l, true);
  for (const RegionLink& l : next.links_down)
    if (!contains(cut_, l)) turn(l, false);
  cut_ = next;
}

void FaultInjector::message_host_failed(std::uint32_t host) {
  world_.replicas.host_failed(host);
  targets_.shards[host]->crash();
  promote_later(host);
}

void FaultInjector::message_host_returned(std::uint32_t host) {
  world_.replicas.host_returned(host);
  recruit_secondaries();
}

// The failure detector needs promote_after_s to be sure; then secondaries take over and
// every shard short of a secondary recruits one.
void FaultInjector::promote_later(std::uint32_t failed_host) {
  sg::Actor::create("failover-" + std::to_string(failed_host), world_.platform.device_host(0), [this] {
    sg::Actor::self()->daemonize();
    sg::this_actor::sleep_for(world_.scenario.faults.promote_after_s);
    for (std::uint32_t s = 0; s < world_.replicas.shards(); ++s) world_.replicas.promote(s);
    recruit_secondaries();
  });
}

void FaultInjector::recruit_secondaries() {
  for (std::uint32_t s = 0; s < world_.replicas.shards(); ++s) recruit(s);
}

// The recruit copies the primary's shard at snapshot_bytes_per_s; it becomes the secondary
// when done, unless the primary changed meanwhile (then a new recruit starts over).
void FaultInjector::recruit(std::uint32_t shard) {
  const auto candidate = world_.replicas.recruit_candidate(shard);
  if (!candidate || recruiting_.count(shard) != 0) return;
  recruiting_.insert(shard);
  const std::uint32_t primary = *world_.replicas.primary(shard);
  const std::uint32_t host = *candidate;
  const double transfer_s =
      targets_.shards[primary]->copy_bytes(shard) / world_.scenario.replication.snapshot_bytes_per_s;
  sg::Actor::create("catch-up-" + std::to_string(shard), world_.platform.host(Tier::message_service, host),
                    [this, shard, primary, host, transfer_s] {
                      sg::Actor::self()->daemonize();
                      sg::this_actor::sleep_for(transfer_s);
                      recruiting_.erase(shard);
                      if (world_.replicas.primary(shard) == primary && world_.replicas.host_up(host)) {
                        targets_.shards[host]->install_copy(shard, *targets_.shards[primary]);
                        world_.replicas.caught_up(shard, host);
                        if (world_.replicas.secondary(shard) == host) targets_.shards[primary]->secondary_ready(shard);
                      }
                      recruit(shard);  // still short of a secondary: try again
                    });
}

void FaultInjector::start_shipping(World& world, std::vector<std::unique_ptr<MessageShard>>& shards) {
  for (std::uint32_t h = 0; h < shards.size(); ++h) {
    MessageShard* shard = shards[h].get();
    sg::Actor::create("ship-" + std::to_string(h), world.platform.host(Tier::message_service, h), [&world, shard, h] {
      sg::Actor::self()->daemonize();
      for (;;) {
        sg::this_actor::sleep_for(world.scenario.replication.async_ship_interval_s);
        if (world.faults.server_up(Tier::message_service, h)) shard->ship_unshipped();
      }
    });
  }
}

}  // namespace whatsim
