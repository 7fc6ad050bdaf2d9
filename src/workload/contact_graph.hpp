#pragma once
// Who a user writes to. Contacts are not stored: contact k of user u is a hash of (u, k),
// so the graph costs no memory per user. Which contact a message goes to is Zipf-skewed
// over k: people write most to a few.
#include <cstdint>
#include <vector>

#include <boost/random/discrete_distribution.hpp>

#include "src/core/ids.hpp"
#include "src/core/random_streams.hpp"

namespace whatsim {

class ContactGraph {
 public:
  ContactGraph(std::uint32_t users, std::uint32_t contacts_per_user, double zipf_exponent, std::uint64_t seed);
  // Contact `k` (0-based) of `user`; never `user` itself (needs at least 2 users).
  UserId contact(UserId user, std::uint32_t k) const;
  // Draw the recipient of `user`'s next message.
  UserId draw_recipient(UserId user, Rng& rng) const;

 private:
  std::uint32_t users_;
  std::uint64_t seed_;
  mutable boost::random::discrete_distribution<std::uint32_t, double> rank_;
};

}  // namespace whatsim
