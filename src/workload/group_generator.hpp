#pragma once
// The groups that exist when a run starts, and how active each one is. Sizes are
// lognormal (most groups small, a few near the limit) or constant; members are distinct
// users drawn uniformly. Activity is Zipf-skewed over a random ranking of the groups: a few
// groups carry most of the traffic, and which ones is independent of their size or id.
#include <cstdint>
#include <vector>

#include "src/core/ids.hpp"
#include "src/core/random_streams.hpp"
#include "src/group/group_directory.hpp"

namespace whatsim {

struct GroupSizeDraw {
  bool lognormal = false;        // false: every group has mean_members (rounded)
  double mean_members = 0;       // mean of the lognormal before clamping
  double sigma = 0;              // lognormal shape (of the underlying normal)
  std::uint32_t min_members = 0;
  std::uint32_t max_members = 0;
};

// round(users * groups_per_user / mean_members): the groups that give users about
// `groups_per_user` memberships each. At least 1 when groups_per_user > 0 and there are
// min_members users to fill one; 0 when groups_per_user is 0.
std::uint32_t group_count(std::uint32_t users, double groups_per_user, const GroupSizeDraw& sizes);

// Creates group_count(...) groups in `directory`, each of a drawn size clamped to
// [min_members, max_members] and to `users`, its members distinct uniform users of
// [0, users), the first drawn its creator. Throws std::invalid_argument for sizes that make
// no sense (min above max, max above the directory's size limit, a mean that is not positive).
void populate_groups(GroupDirectory& directory, std::uint32_t users, double groups_per_user,
                     const GroupSizeDraw& sizes, Rng& rng, std::uint32_t metadata_bytes);

class GroupActivity {
 public:
  // Groups 1..groups get a random activity rank (0 = most active) and weight
  // (rank + 1)^-skew; skew 0 makes every group equally active.
  GroupActivity(std::size_t groups, double skew, Rng& rng);
  // One of `candidates` (e.g. a sender's groups), drawn by weight. Throws
  // std::invalid_argument when there is none to pick.
  GroupId pick(GroupList candidates, Rng& rng) const;
  std::uint32_t rank(GroupId group) const { return rank_.at(group - 1); }
  double weight(GroupId group) const;

 private:
  std::vector<std::uint32_t> rank_;  // rank_[group - 1]
  double skew_;
};

}  // namespace whatsim
