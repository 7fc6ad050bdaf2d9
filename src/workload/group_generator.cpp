#include "src/workload/group_generator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

namespace whatsim {

namespace {

// The mean is checked by group_count().
void check_sizes(const GroupSizeDraw& sizes, std::uint32_t size_limit) {
  if (sizes.lognormal && !(sizes.sigma >= 0))
    throw std::invalid_argument("group sizes: sigma must be at least 0, not " + std::to_string(sizes.sigma));
  if (sizes.min_members == 0) throw std::invalid_argument("group sizes: min_members must be at least 1");
  if (sizes.min_members > sizes.max_members)
    throw std::invalid_argument("group sizes: min_members " + std::to_string(sizes.min_members) +
                                " is above max_members " + std::to_string(sizes.max_members));
  if (sizes.max_members > size_limit)
    throw std::invalid_argument("group sizes: max_members " + std::to_string(sizes.max_members) +
                                " is above the size limit " + std::to_string(size_limit) + " (groups.size_limit)");
}

std::uint32_t draw_size(const GroupSizeDraw& sizes, std::uint32_t users, Rng& rng) {
  double members = sizes.mean_members;
  if (sizes.lognormal) {
    const double mu = std::log(sizes.mean_members) - sizes.sigma * sizes.sigma / 2;  // so that the mean is mean_members
    members = boost::random::lognormal_distribution<double>(mu, sizes.sigma)(rng);
  }
  const double clamped = std::clamp(std::round(members), static_cast<double>(sizes.min_members),
                                    static_cast<double>(sizes.max_members));
  return std::min(static_cast<std::uint32_t>(clamped), users);
}

// `count` distinct users, each uniform over the ones not drawn yet, in draw order. Drawing
// again on a repeat is cheap because a group is tiny next to the population; `seen` is the
// caller's, so its buckets are reused from group to group.
std::vector<UserId> draw_members(std::uint32_t count, std::uint32_t users, Rng& rng,
                                 std::unordered_set<UserId>& seen) {
  boost::random::uniform_int_distribution<UserId> any_user(0, users - 1);
  std::vector<UserId> members;
  members.reserve(count);
  seen.clear();
  while (members.size() < count) {
    const UserId u = any_user(rng);
    if (seen.insert(u).second) members.push_back(u);
  }
  return members;
}

}  // namespace

std::uint32_t group_count(std::uint32_t users, double groups_per_user, const GroupSizeDraw& sizes) {
  if (!(groups_per_user >= 0))
    throw std::invalid_argument("groups per user must be at least 0, not " + std::to_string(groups_per_user));
  if (groups_per_user == 0) return 0;
  if (!(sizes.mean_members > 0))
    throw std::invalid_argument("group sizes: mean_members must be positive, not " +
                                std::to_string(sizes.mean_members));
  const double groups = std::round(static_cast<double>(users) * groups_per_user / sizes.mean_members);
  if (groups > static_cast<double>(std::numeric_limits<GroupId>::max()))
    throw std::invalid_argument("too many groups: " + std::to_string(groups));
  const auto count = static_cast<std::uint32_t>(groups);
  return count == 0 && users >= sizes.min_members ? 1 : count;
}

void populate_groups(GroupDirectory& directory, std::uint32_t users, double groups_per_user,
                     const GroupSizeDraw& sizes, Rng& rng, std::uint32_t metadata_bytes) {
  if (groups_per_user == 0) return;
  const std::uint32_t groups = group_count(users, groups_per_user, sizes);
  check_sizes(sizes, directory.size_limit());
  std::unordered_set<UserId> seen;
  directory.reserve(directory.groups() + groups);
  for (std::uint32_t g = 0; g < groups; ++g) {
    const std::vector<UserId> members = draw_members(draw_size(sizes, users, rng), users, rng, seen);
    directory.create(members.front(), members, metadata_bytes);
  }
}

GroupActivity::GroupActivity(std::size_t groups, double skew, Rng& rng) : rank_(groups), skew_(skew) {
  std::iota(rank_.begin(), rank_.end(), 0u);
  // Fisher-Yates with Boost's distribution rather than std::shuffle, whose algorithm each
  // standard library chooses: one seed must give the same ranking everywhere.
  for (std::size_t i = groups; i > 1; --i) {
    const std::size_t j = boost::random::uniform_int_distribution<std::size_t>(0, i - 1)(rng);
    std::swap(rank_[i - 1], rank_[j]);
  }
}

double GroupActivity::weight(GroupId group) const { return std::pow(static_cast<double>(rank(group)) + 1.0, -skew_); }

GroupId GroupActivity::pick(GroupList candidates, Rng& rng) const {
  if (candidates.empty()) throw std::invalid_argument("no group to pick from: the user is in none");
  std::vector<double> weights;
  weights.reserve(candidates.size());
  for (const GroupId g : candidates) weights.push_back(weight(g));
  boost::random::discrete_distribution<std::size_t, double> draw(weights.begin(), weights.end());
  return candidates[draw(rng)];
}

}  // namespace whatsim
