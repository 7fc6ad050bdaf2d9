#include "src/fault/partition_plan.hpp"

#include <stdexcept>
#include <string>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

namespace whatsim {

namespace {

using Blocked = std::vector<std::vector<bool>>;
using Regions = std::vector<std::uint32_t>;

// What the faults ask for, before reachability over the links that stay up is applied.
struct Intent {
  Blocked blocked;                // [from][to]
  std::vector<bool> link_down;    // by index into the deployment's links
};

Intent nothing_cut(std::uint32_t region_count, std::size_t link_count) {
  return Intent{Blocked(region_count, std::vector<bool>(region_count, false)),
                std::vector<bool>(link_count, false)};
}

void block_both_ways(Blocked& blocked, const Regions& side_a, const Regions& side_b) {
  for (std::uint32_t a : side_a)
    for (std::uint32_t b : side_b) blocked[a][b] = blocked[b][a] = true;
}

// [0, n/2) and [n/2, n) of `regions`: the smaller half first when n is odd.
std::pair<Regions, Regions> halves_of(const Regions& regions) {
  const auto middle = regions.begin() + static_cast<std::ptrdiff_t>(regions.size() / 2);
  return {Regions(regions.begin(), middle), Regions(middle, regions.end())};
}

// Regions [0, region_count) in order, without `left_out` (none when it is region_count).
Regions regions_but(std::uint32_t region_count, std::uint32_t left_out) {
  Regions out;
  for (std::uint32_t r = 0; r < region_count; ++r)
    if (r != left_out) out.push_back(r);
  return out;
}

void cut_isolate(Blocked& blocked, std::uint32_t region) {
  const auto n = static_cast<std::uint32_t>(blocked.size());
  block_both_ways(blocked, {region}, regions_but(n, region));
}

void cut_halves(Blocked& blocked) {
  const auto n = static_cast<std::uint32_t>(blocked.size());
  const auto [first, second] = halves_of(regions_but(n, n));
  block_both_ways(blocked, first, second);
}

void cut_bridge(Blocked& blocked, std::uint32_t bridge) {
  const auto n = static_cast<std::uint32_t>(blocked.size());
  const auto [first, second] = halves_of(regions_but(n, bridge));
  block_both_ways(blocked, first, second);
}

// Region i hears from the window of m regions starting m/2 before it on the ring; every
// region outside its window is blocked towards it.
void cut_majorities_ring(Blocked& blocked) {
  const auto n = static_cast<std::uint32_t>(blocked.size());
  const std::uint32_t majority = n / 2 + 1;
  for (std::uint32_t listener = 0; listener < n; ++listener) {
    const std::uint32_t window_start = (listener + n - majority / 2) % n;
    for (std::uint32_t offset = majority; offset < n; ++offset)
      blocked[(window_start + offset) % n][listener] = true;
  }
}

void cut_one_way(Blocked& blocked, std::uint32_t mute) {
  for (std::uint32_t to = 0; to < blocked.size(); ++to)
    if (to != mute) blocked[mute][to] = true;
}

void check_links(std::uint32_t region_count, const std::vector<RegionLink>& links) {
  for (const auto& [a, b] : links)
    if (a >= region_count || b >= region_count)
      throw std::invalid_argument("partition plan: link " + std::to_string(a) + "-" + std::to_string(b) +
                                  " names a region not below " + std::to_string(region_count));
}

void add_partition(Intent& intent, PartitionShape shape, std::uint32_t region) {
  const auto n = static_cast<std::uint32_t>(intent.blocked.size());
  if (n < min_regions(shape))
    throw std::invalid_argument(std::string("partition ") + to_string(shape) + " needs at least " +
                                std::to_string(min_regions(shape)) + " regions, got " + std::to_string(n));
  if (shape_names_region(shape) && region >= n)
    throw std::invalid_argument(std::string("partition ") + to_string(shape) + ": region " +
                                std::to_string(region) + " is not below " + std::to_string(n));
  switch (shape) {
    case PartitionShape::isolate: cut_isolate(intent.blocked, region); break;
    case PartitionShape::halves: cut_halves(intent.blocked); break;
    case PartitionShape::bridge: cut_bridge(intent.blocked, region); break;
    case PartitionShape::majorities_ring: cut_majorities_ring(intent.blocked); break;
    case PartitionShape::one_way: cut_one_way(intent.blocked, region); break;
  }
}

void add_link_down(Intent& intent, std::uint32_t a, std::uint32_t b, const std::vector<RegionLink>& links) {
  bool found = false;
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (links[i] != RegionLink{a, b} && links[i] != RegionLink{b, a}) continue;
    intent.link_down[i] = true;
    found = true;
  }
  if (!found)
    throw std::invalid_argument("link_down: no link joins regions " + std::to_string(a) + " and " +
                                std::to_string(b));
}

// Component of each region over `edges` (region pairs): boost::connected_components
// numbers them in the order of their lowest region.
std::vector<int> components(std::uint32_t region_count, const std::vector<RegionLink>& edges) {
  boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> graph(region_count);
  for (const auto& [a, b] : edges) boost::add_edge(a, b, graph);
  std::vector<int> component(region_count);
  if (region_count > 0) boost::connected_components(graph, component.data());
  return component;
}

std::vector<std::vector<std::uint32_t>> sides_of(const std::vector<int>& component) {
  std::vector<std::vector<std::uint32_t>> sides;
  for (std::uint32_t r = 0; r < component.size(); ++r) {
    const auto side = static_cast<std::size_t>(component[r]);
    if (side >= sides.size()) sides.resize(side + 1);
    sides[side].push_back(r);
  }
  return sides;
}

// From what the faults ask for to what holds: links cut both ways go down, regions with no
// path of links that are up are blocked from each other, and the sides are what stays
// joined by links open both ways.
RegionCut settle(const Intent& intent, const std::vector<RegionLink>& links) {
  const auto n = static_cast<std::uint32_t>(intent.blocked.size());
  RegionCut cut;
  std::vector<RegionLink> links_up;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto [a, b] = links[i];
    const bool cut_both_ways = intent.blocked[a][b] && intent.blocked[b][a];
    (intent.link_down[i] || cut_both_ways ? cut.links_down : links_up).push_back(links[i]);
  }
  const auto reach = components(n, links_up);
  cut.blocked = intent.blocked;
  for (std::uint32_t a = 0; a < n; ++a)
    for (std::uint32_t b = 0; b < n; ++b)
      if (reach[a] != reach[b]) cut.blocked[a][b] = true;
  std::vector<RegionLink> links_open;
  for (const auto& [a, b] : links_up)
    if (!cut.blocked[a][b] && !cut.blocked[b][a]) links_open.emplace_back(a, b);
  cut.sides = sides_of(components(n, links_open));
  return cut;
}

}  // namespace

RegionCut plan_partition(PartitionShape shape, std::uint32_t region, std::uint32_t region_count,
                         const std::vector<RegionLink>& links) {
  check_links(region_count, links);
  Intent intent = nothing_cut(region_count, links.size());
  add_partition(intent, shape, region);
  return settle(intent, links);
}

RegionCut plan_link_down(std::uint32_t a, std::uint32_t b, std::uint32_t region_count,
                         const std::vector<RegionLink>& links) {
  check_links(region_count, links);
  Intent intent = nothing_cut(region_count, links.size());
  add_link_down(intent, a, b, links);
  return settle(intent, links);
}

RegionCut plan_cut(const std::vector<Fault>& active, std::uint32_t region_count,
                   const std::vector<RegionLink>& links) {
  check_links(region_count, links);
  Intent intent = nothing_cut(region_count, links.size());
  for (const Fault& f : active) {
    if (f.kind == FaultKind::partition) add_partition(intent, f.shape, f.region);
    if (f.kind == FaultKind::link_down) add_link_down(intent, f.region_a, f.region_b, links);
  }
  return settle(intent, links);
}

}  // namespace whatsim
