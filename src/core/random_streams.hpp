#pragma once
// Each kind of randomness draws from its own stream, derived from the scenario seed and
// the stream's name, so adding a feature that draws numbers does not shift every other
// draw. Boost.Random's engines and distributions give the same numbers on every platform.
#include <cstdint>
#include <string_view>

#include <boost/random/mersenne_twister.hpp>

namespace whatsim {

using Rng = boost::random::mt19937_64;

class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t seed) : seed_(seed) {}
  Rng stream(std::string_view name) const { return Rng(derive(name, 0)); }
  Rng stream(std::string_view name, std::uint64_t index) const { return Rng(derive(name, index)); }
  std::uint64_t derive(std::string_view name, std::uint64_t index) const;

 private:
  std::uint64_t seed_;
};

}  // namespace whatsim
