#pragma once
// Which region may send to which while partitions and downed links are in force, computed
// on the regions' graph (regions are vertices, deployment.links are edges) with
// Boost.Graph. A partition shape says which pairs of regions it cuts and in which
// direction (as Jepsen's nemeses: isolate, halves, bridge, majorities_ring, one_way); a
// link cut in both directions goes down in SimGrid, a pair cut one way only is dropped by
// the sender's side. Regions left without any path of links that are up cannot talk
// either, whatever the shape meant: isolating the middle region of a line cuts the ends
// apart too.
#include <cstdint>
#include <vector>

#include "src/fault/fault.hpp"

namespace whatsim {

struct RegionCut {
  // [from][to]: frames from region `from` to region `to` are dropped. Per ordered pair,
  // not per side: bridge and majorities_ring are not transitive (a reaches b, b reaches c,
  // a does not reach c), and one_way is not symmetric. blocked[r][r] is always false.
  std::vector<std::vector<bool>> blocked;
  // Connected components of the regions over the links that are up and open in both
  // directions (boost::connected_components), each in ascending order, ordered by their
  // first region. Under bridge or majorities_ring every region can still be on one side:
  // the sides are connected through regions that reach both, which is why `blocked`, not
  // `sides`, decides delivery.
  std::vector<std::vector<std::uint32_t>> sides;
  // Deployment links that are down: cut in both directions by a shape, or taken down by a
  // link_down fault. In the order of `links` as given; the model turns these off in SimGrid.
  std::vector<RegionLink> links_down;
};

// The cut one partition makes on `region_count` regions joined by `links` (region indices).
// `region` is used by isolate, bridge and one_way. Shapes:
// - isolate r: r reaches nobody and nobody reaches r.
// - halves: regions [0, n/2) against [n/2, n), both directions.
// - bridge r (n >= 3): the other regions, in index order, split into halves as above, which
//   cannot reach each other; r reaches and is reached by both.
// - majorities_ring (n >= 3): regions on a ring in index order; each hears from the m
//   consecutive regions (m = n/2 + 1, a majority) around it, so no two hear the same
//   majority (Jepsen's "perfect" variant). With m odd (n = 4, 5) the window is centred and
//   the cut symmetric. With m even (n = 3, 6, 7) it cannot be centred and starts m/2 back,
//   so some pairs are cut one way only: for n = 3 region i hears i-1 but not i+1, each pair
//   of regions is cut in exactly one direction (a cyclic one-way partition), no link goes
//   down, and every region is a side of its own.
// - one_way r: r cannot send to any other region but still receives from all of them.
// Throws std::invalid_argument when region_count < min_regions(shape), when `region` is
// not below region_count for a shape that uses it, or when a link names no region.
RegionCut plan_partition(PartitionShape shape, std::uint32_t region, std::uint32_t region_count,
                         const std::vector<RegionLink>& links);

// The cut of one downed link a-b (an entry of `links`, either order): just that link is
// down. Regions still joined through others are not blocked (their frames must take the
// remaining links); regions it disconnects are. std::invalid_argument when no link joins a
// and b.
RegionCut plan_link_down(std::uint32_t a, std::uint32_t b, std::uint32_t region_count,
                         const std::vector<RegionLink>& links);

// Every partition and link_down of `active` in force at once (other kinds cut nothing):
// a pair is blocked when any of them blocks it, a link is down when any takes it down. No
// active faults gives the healed network. Recompute it whenever a fault starts or heals, so
// healing one fault leaves the others in force.
RegionCut plan_cut(const std::vector<Fault>& active, std::uint32_t region_count,
                   const std::vector<RegionLink>& links);

}  // namespace whatsim
