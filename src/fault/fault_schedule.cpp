#include "src/fault/fault_schedule.hpp"

#include <algorithm>

#include "src/core/join.hpp"
#include "src/fault/fault_campaign.hpp"
#include "src/scenario/scenario_error.hpp"
#include "src/scenario/schema_validator.hpp"

namespace whatsim {

namespace {

std::uint32_t region_named(const DeploymentSpec& d, const std::string& name, const std::string& path) {
  const auto names = region_names(d);
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end())
    throw ScenarioError("", path, "unknown region \"" + name + "\" (regions: " + join(names, ", ") + ")");
  return static_cast<std::uint32_t>(it - names.begin());
}

void resolve_link(Fault& f, const FaultSpec& spec, const DeploymentSpec& d, const std::string& path) {
  f.region_a = region_named(d, spec.from, path + ".from");
  f.region_b = region_named(d, spec.to, path + ".to");
  const auto links = region_links(d);
  const auto joins_them = [&](const RegionLink& l) {
    return l == RegionLink{f.region_a, f.region_b} || l == RegionLink{f.region_b, f.region_a};
  };
  if (std::none_of(links.begin(), links.end(), joins_them))
    throw ScenarioError("", path, "no link of deployment.links joins \"" + spec.from + "\" and \"" + spec.to + "\"");
  if (f.kind == FaultKind::link_loss) f.loss_share = spec.loss_share;
  if (f.kind == FaultKind::latency_spike) f.extra_latency_s = spec.extra_latency_ms / 1000;
}

void resolve_partition(Fault& f, const FaultSpec& spec, const DeploymentSpec& d, const std::string& path) {
  f.shape = partition_shape_from(spec.shape);
  const auto regions = static_cast<std::uint32_t>(d.regions.size());
  if (regions < min_regions(f.shape))
    throw ScenarioError("", path + ".shape", "\"" + spec.shape + "\" needs at least " +
                                                 std::to_string(min_regions(f.shape)) +
                                                 " regions, deployment.regions has " + std::to_string(regions));
  if (!shape_names_region(f.shape)) return;
  if (spec.region.empty())
    throw ScenarioError("", path + ".region", "shape \"" + spec.shape + "\" needs a region (regions: " +
                                                  join(region_names(d), ", ") + ")");
  f.region = region_named(d, spec.region, path + ".region");
}

// A crash or slow fault must hit a server the run builds.
void check_server_built(const Fault& f, const std::map<std::string, std::uint32_t>& servers_per_tier,
                        const std::string& path) {
  const auto it = servers_per_tier.find(f.tier);
  const std::uint32_t built = it == servers_per_tier.end() ? 0 : it->second;
  if (built == 0) throw ScenarioError("", path + ".tier", "this run builds no " + f.tier + " servers");
  if (f.index >= built)
    throw ScenarioError("", path + ".index", "must be < " + std::to_string(built) + ", the " + f.tier +
                                                 " servers this run builds (after simulation.scale), got " +
                                                 std::to_string(f.index));
}

CampaignTargets campaign_targets(const Scenario& s, const std::map<std::string, std::uint32_t>& servers_per_tier) {
  CampaignTargets targets;
  for (const auto& [tier, count] : servers_per_tier)
    if (count > 0) targets.servers_per_tier[tier] = count;
  targets.region_count = static_cast<std::uint32_t>(s.deployment.regions.size());
  targets.links = region_links(s.deployment);
  return targets;
}

}  // namespace

std::vector<std::string> region_names(const DeploymentSpec& d) {
  std::vector<std::string> names;
  for (const RegionSpec& r : d.regions) names.push_back(r.name);
  return names;
}

std::vector<RegionLink> region_links(const DeploymentSpec& d) {
  const auto names = region_names(d);
  auto index_of = [&](const std::string& name) {
    return static_cast<std::uint32_t>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  std::vector<RegionLink> links;
  for (const InterRegionLink& l : d.links) links.emplace_back(index_of(l.from), index_of(l.to));
  return links;
}

Fault resolve_fault(const FaultSpec& spec, const DeploymentSpec& d, const std::string& path) {
  Fault f;
  f.kind = fault_kind_from(spec.kind);
  f.start_s = spec.start_s;
  f.end_s = spec.start_s + spec.duration_s;
  switch (f.kind) {
    case FaultKind::crash:
    case FaultKind::slow:
      f.tier = spec.tier;
      f.index = spec.index;
      if (f.kind == FaultKind::slow) f.slow_factor = spec.slow_factor;
      break;
    case FaultKind::link_down:
    case FaultKind::link_loss:
    case FaultKind::latency_spike: resolve_link(f, spec, d, path); break;
    case FaultKind::partition: resolve_partition(f, spec, d, path); break;
  }
  return f;
}

std::vector<Fault> resolve_faults(const Scenario& s, const std::map<std::string, std::uint32_t>& servers_per_tier) {
  std::vector<Fault> faults;
  const auto& scheduled = s.faults.scheduled;
  for (std::size_t i = 0; i < scheduled.size(); ++i) {
    const std::string path = json_path_index("faults.scheduled", i);
    faults.push_back(resolve_fault(scheduled[i], s.deployment, path));
    if (faults.back().kind == FaultKind::crash || faults.back().kind == FaultKind::slow)
      check_server_built(faults.back(), servers_per_tier, path);
  }
  if (s.faults.random.enabled) {
    const auto campaign = draw_campaign(s.faults.random, campaign_targets(s, servers_per_tier));
    faults.insert(faults.end(), campaign.begin(), campaign.end());
  }
  std::stable_sort(faults.begin(), faults.end(),
                   [](const Fault& a, const Fault& b) { return a.start_s < b.start_s; });
  return faults;
}

}  // namespace whatsim
