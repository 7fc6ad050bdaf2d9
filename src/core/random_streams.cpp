#include "src/core/random_streams.hpp"

#include "src/core/mix64.hpp"

namespace whatsim {

namespace {

// FNV-1a: a stable hash of the stream name. std::hash is not guaranteed to give the same
// value across standard libraries, and a seed must mean the same run everywhere.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

// Each input passes through mix64 before the next is folded in, so nearby seeds, names
// or indices still give unrelated engine seeds; mix64 is a bijection, so for one seed
// and name every index gives a different stream.
std::uint64_t RandomStreams::derive(std::string_view name, std::uint64_t index) const {
  const std::uint64_t per_name = mix64(mix64(seed_) ^ fnv1a(name));
  return mix64(per_name ^ index);
}

}  // namespace whatsim
