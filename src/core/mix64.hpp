#pragma once
// A well-mixed 64-bit hash (SplitMix64's finalizer): a bijection whose every output bit
// depends on every input bit. Ids put their entropy in a few bits (a device's message
// counter, a user index), so hashing them onto shards, hash-table slots or random streams
// goes through this first.
#include <cstdint>

namespace whatsim {

inline std::uint64_t mix64(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace whatsim
