#include "src/fault/fault_campaign.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "src/core/random_streams.hpp"

namespace whatsim {

namespace {

template <typename Int>
Int uniform_below(Int count, Rng& rng) {
  return boost::random::uniform_int_distribution<Int>(0, count - 1)(rng);
}

std::uint64_t server_count(const CampaignTargets& targets) {
  std::uint64_t total = 0;
  for (const auto& [tier, count] : targets.servers_per_tier) total += count;
  return total;
}

bool has_target(FaultKind kind, const CampaignTargets& targets) {
  switch (kind) {
    case FaultKind::crash:
    case FaultKind::slow: return server_count(targets) > 0;
    case FaultKind::link_down:
    case FaultKind::link_loss:
    case FaultKind::latency_spike: return !targets.links.empty();
    case FaultKind::partition: return targets.region_count >= 2;
  }
  return false;
}

// spec.kinds without repeats and without kinds nothing here can suffer, in spec order.
std::vector<FaultKind> allowed_kinds(const RandomFaultsSpec& spec, const CampaignTargets& targets) {
  std::vector<FaultKind> allowed;
  for (const std::string& name : spec.kinds) {
    const FaultKind kind = fault_kind_from(name);
    if (has_target(kind, targets) && std::find(allowed.begin(), allowed.end(), kind) == allowed.end())
      allowed.push_back(kind);
  }
  if (allowed.empty())
    throw std::invalid_argument("fault campaign: none of faults.random.kinds has a target in this deployment");
  return allowed;
}

// A uniform non-empty subset: the set bits of a number drawn from [1, 2^k - 1].
std::vector<FaultKind> draw_enabled(const std::vector<FaultKind>& allowed, Rng& rng) {
  const std::uint64_t last_subset = (std::uint64_t{1} << allowed.size()) - 1;
  const auto subset = boost::random::uniform_int_distribution<std::uint64_t>(1, last_subset)(rng);
  std::vector<FaultKind> enabled;
  for (std::size_t i = 0; i < allowed.size(); ++i)
    if ((subset >> i) & 1) enabled.push_back(allowed[i]);
  return enabled;
}

// One server of all the tiers', each equally likely; tiers in name order (the map's).
void draw_server(Fault& f, const CampaignTargets& targets, Rng& rng) {
  std::uint64_t pick = uniform_below(server_count(targets), rng);
  for (const auto& [tier, count] : targets.servers_per_tier) {
    if (pick < count) {
      f.tier = tier;
      f.index = static_cast<std::uint32_t>(pick);
      return;
    }
    pick -= count;
  }
}

void draw_link(Fault& f, const CampaignTargets& targets, Rng& rng) {
  const RegionLink& link = targets.links[uniform_below(targets.links.size(), rng)];
  f.region_a = link.first;
  f.region_b = link.second;
}

void draw_partition(Fault& f, const CampaignTargets& targets, Rng& rng) {
  std::vector<PartitionShape> shapes;
  for (PartitionShape shape : kPartitionShapes)
    if (min_regions(shape) <= targets.region_count) shapes.push_back(shape);
  f.shape = shapes[uniform_below(shapes.size(), rng)];
  if (shape_names_region(f.shape)) f.region = uniform_below(targets.region_count, rng);
}

void draw_target(Fault& f, const RandomFaultsSpec& spec, const CampaignTargets& targets, Rng& rng) {
  switch (f.kind) {
    case FaultKind::crash: draw_server(f, targets, rng); break;
    case FaultKind::slow:
      draw_server(f, targets, rng);
      f.slow_factor = spec.slow_factor;
      break;
    case FaultKind::link_down: draw_link(f, targets, rng); break;
    case FaultKind::link_loss:
      draw_link(f, targets, rng);
      f.loss_share = spec.loss_share;
      break;
    case FaultKind::latency_spike:
      draw_link(f, targets, rng);
      f.extra_latency_s = spec.extra_latency_ms / 1000;
      break;
    case FaultKind::partition: draw_partition(f, targets, rng); break;
  }
}

// boost's uniform_real_distribution never returns its upper end, so equal bounds (a fixed
// duration) are taken as they are rather than drawn.
double draw_duration_s(const RandomFaultsSpec& spec, Rng& rng) {
  if (spec.min_duration_s == spec.max_duration_s) return spec.min_duration_s;
  return boost::random::uniform_real_distribution<double>(spec.min_duration_s, spec.max_duration_s)(rng);
}

Fault draw_fault(const std::vector<FaultKind>& enabled, const RandomFaultsSpec& spec,
                 const CampaignTargets& targets, Rng& rng) {
  Fault f;
  f.kind = enabled[uniform_below(enabled.size(), rng)];
  f.start_s = boost::random::uniform_real_distribution<double>(spec.from_s, spec.until_s)(rng);
  f.end_s = f.start_s + draw_duration_s(spec, rng);
  draw_target(f, spec, targets, rng);
  return f;
}

// The scenario loader checks these; a campaign built by hand gets told too, since
// Boost.Random's distributions are undefined on reversed bounds.
void check_ranges(const RandomFaultsSpec& spec) {
  if (!(spec.from_s < spec.until_s))
    throw std::invalid_argument("fault campaign: until_s must be > from_s");
  if (!(spec.min_duration_s <= spec.max_duration_s))
    throw std::invalid_argument("fault campaign: min_duration_s must be <= max_duration_s");
}

}  // namespace

std::vector<FaultKind> campaign_kinds(const RandomFaultsSpec& spec, const CampaignTargets& targets) {
  Rng rng = RandomStreams(spec.seed).stream("fault-campaign");
  return draw_enabled(allowed_kinds(spec, targets), rng);
}

std::vector<Fault> draw_campaign(const RandomFaultsSpec& spec, const CampaignTargets& targets) {
  check_ranges(spec);
  Rng rng = RandomStreams(spec.seed).stream("fault-campaign");
  const std::vector<FaultKind> enabled = draw_enabled(allowed_kinds(spec, targets), rng);
  std::vector<Fault> faults;
  for (std::uint32_t i = 0; i < spec.count; ++i) faults.push_back(draw_fault(enabled, spec, targets, rng));
  return faults;
}

}  // namespace whatsim
