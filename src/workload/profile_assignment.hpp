#pragma once
// Which device profile (low-end, mid-range, high-end phone...) each user has: drawn per
// user by the profiles' shares, one byte per user (users are data, not objects).
#include <cstdint>
#include <vector>

#include "src/core/random_streams.hpp"

namespace whatsim {

// Throws std::invalid_argument for no shares, more than 256 of them, or all zero.
std::vector<std::uint8_t> assign_profiles(std::uint32_t users, const std::vector<double>& shares, Rng& rng);

}  // namespace whatsim
