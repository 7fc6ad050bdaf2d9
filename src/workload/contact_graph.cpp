#include "src/workload/contact_graph.hpp"

#include <algorithm>
#include <stdexcept>

#include "src/core/mix64.hpp"
#include "src/workload/zipf_weights.hpp"

namespace whatsim {

namespace {

// A user cannot have more distinct contacts than other users; at least one to draw from.
std::uint32_t usable_contacts(std::uint32_t users, std::uint32_t contacts_per_user) {
  if (users < 2) throw std::invalid_argument("ContactGraph needs at least 2 users");
  return std::max<std::uint32_t>(1, std::min(contacts_per_user, users - 1));
}

}  // namespace

ContactGraph::ContactGraph(std::uint32_t users, std::uint32_t contacts_per_user, double zipf_exponent,
                           std::uint64_t seed)
    : users_(users), seed_(seed) {
  const std::vector<double> weights = zipf_weights(usable_contacts(users, contacts_per_user), zipf_exponent);
  rank_ = boost::random::discrete_distribution<std::uint32_t, double>(weights.begin(), weights.end());
}

// Hash onto the users - 1 others, then step over `user`: uniform over everyone but them.
UserId ContactGraph::contact(UserId user, std::uint32_t k) const {
  const std::uint64_t h = mix64(seed_ ^ mix64((static_cast<std::uint64_t>(user) << 32) | k));
  const auto other = static_cast<UserId>(h % (users_ - 1));
  return other >= user ? other + 1 : other;
}

UserId ContactGraph::draw_recipient(UserId user, Rng& rng) const { return contact(user, rank_(rng)); }

}  // namespace whatsim
