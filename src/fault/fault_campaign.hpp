#pragma once
// A random fault campaign (swarm testing, as FoundationDB's simulator and Jepsen's
// combined nemeses). The seed first picks which kinds of fault are enabled, a random
// non-empty subset of those allowed, so across seeds some runs see only crashes, others
// only partitions and links, and faults that would mask each other also get tried apart;
// then it draws the faults: kind, start, duration and target. One named stream
// ("fault-campaign") of RandomStreams(seed), Boost.Random throughout: the same seed gives
// the same campaign on every platform.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "src/fault/fault.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

// What faults can hit: what the model builds, not what the scenario names.
struct CampaignTargets {
  std::map<std::string, std::uint32_t> servers_per_tier;  // by tier name; tiers with 0 are never hit
  std::uint32_t region_count = 0;
  std::vector<RegionLink> links;  // deployment.links as region indices
};

// The kinds this seed enables, in the order of spec.kinds: a uniformly drawn non-empty
// subset of the kinds in spec.kinds (repeats count once) that have a target (crash and
// slow need a server, link faults a link, partition two regions). std::invalid_argument
// when none of spec.kinds has one.
std::vector<FaultKind> campaign_kinds(const RandomFaultsSpec& spec, const CampaignTargets& targets);

// spec.count faults, in the order drawn (resolve_faults sorts them by start). Each: a kind
// uniform among campaign_kinds(); a start uniform in [from_s, until_s); a duration uniform
// in [min_duration_s, max_duration_s]; a target uniform among the servers of all tiers
// (crash, slow), among the links (link faults), or a shape uniform among those
// region_count allows with its region uniform (partition); spec's slow_factor, loss_share
// and extra_latency_ms. Faults may overlap in time and target. std::invalid_argument as
// campaign_kinds(), or when until_s <= from_s or min_duration_s > max_duration_s.
std::vector<Fault> draw_campaign(const RandomFaultsSpec& spec, const CampaignTargets& targets);

}  // namespace whatsim
