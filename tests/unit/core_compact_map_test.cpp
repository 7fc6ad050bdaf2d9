#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <random>
#include <stdexcept>
#include <type_traits>

#include "src/core/compact_map.hpp"

using namespace whatsim;

TEST_CASE("CompactMap: try_emplace inserts a default value once", "[core][map]") {
  CompactMap<std::uint32_t, std::uint32_t> map;
  const auto [first, inserted] = map.try_emplace(5);
  CHECK(inserted);
  CHECK(first->second == 0);
  first->second = 9;
  const auto [again, inserted_again] = map.try_emplace(5);
  CHECK_FALSE(inserted_again);
  CHECK(again->second == 9);
  CHECK(map.size() == 1);
}

TEST_CASE("CompactMap: the largest key is reserved and refused", "[core][map][edge]") {
  CompactMap<std::uint32_t, int> map;
  CHECK_THROWS_AS(map[UINT32_MAX], std::invalid_argument);
  CHECK_THROWS_AS(map.try_emplace(UINT32_MAX), std::invalid_argument);
  CHECK(map.empty());
  map[UINT32_MAX - 1] = 1;  // the next one down is an ordinary key
  CHECK(map.size() == 1);
}

TEST_CASE("CompactMap: erasing the element a loop stands on keeps the loop going", "[core][map]") {
  CompactMap<std::uint64_t, int> map;
  for (std::uint64_t k = 0; k < 1000; ++k) map[k] = static_cast<int>(k % 3);
  for (auto it = map.begin(); it != map.end();) {
    if (it->second == 0) {
      map.erase(it++);
    } else {
      ++it;
    }
  }
  CHECK(map.size() == 666);
  for (std::uint64_t k = 0; k < 1000; ++k) CHECK((map.find(k) != map.end()) == (k % 3 != 0));
}

// The model erases and reinserts per-user state all run long (routes invalidated and
// refilled): erased slots must neither resurrect an entry nor hide a new one.
TEST_CASE("CompactMap: agrees with std::map through inserts, erases and reinserts", "[core][map]") {
  CompactMap<std::uint32_t, std::uint32_t> map;
  std::map<std::uint32_t, std::uint32_t> truth;
  std::mt19937 rng(7);
  for (int step = 0; step < 200000; ++step) {
    const std::uint32_t key = rng() % 5000;
    switch (rng() % 3) {
      case 0:
        map[key] = static_cast<std::uint32_t>(step);
        truth[key] = static_cast<std::uint32_t>(step);
        break;
      case 1:
        CHECK(map.erase(key) == truth.erase(key));
        break;
      default: {
        const auto found = map.find(key);
        const auto expected = truth.find(key);
        REQUIRE((found == map.end()) == (expected == truth.end()));
        if (found != map.end()) REQUIRE(found->second == expected->second);
      }
    }
  }
  CHECK(map.size() == truth.size());
  std::size_t seen = 0;
  for (const auto& [key, value] : map) {
    REQUIRE(truth.at(key) == value);
    ++seen;
  }
  CHECK(seen == truth.size());
}

namespace {
struct PairKey {
  std::uint32_t a;
  std::uint64_t b;
  friend bool operator==(const PairKey& x, const PairKey& y) { return x.a == y.a && x.b == y.b; }
  static PairKey erased() { return PairKey{UINT32_MAX, 0}; }
};
struct PairKeyHash {
  std::size_t operator()(const PairKey& k) const noexcept { return static_cast<std::size_t>(mix64(k.b ^ mix64(k.a))); }
};
}  // namespace

TEST_CASE("CompactMap: a struct key's erased() value is reserved, its neighbours are not", "[core][map][edge]") {
  CompactMap<PairKey, int, PairKeyHash> map;
  CHECK_THROWS_AS(map[PairKey::erased()], std::invalid_argument);
  CHECK_THROWS_AS(map.try_emplace(PairKey::erased(), 1), std::invalid_argument);
  map[PairKey{UINT32_MAX, 1}] = 2;
  map[PairKey{0, 0}] = 3;
  map.erase(PairKey{0, 0});
  CHECK(map.size() == 1);
  CHECK(map.at(PairKey{UINT32_MAX, 1}) == 2);
  CHECK_THROWS_AS(map.at(PairKey{0, 0}), std::out_of_range);
}

TEST_CASE("CompactMap: a 64-bit key beside a 4-byte value is packed, and keys keep every bit", "[core][map]") {
  using Packed = CompactMap<std::uint64_t, std::uint32_t>;
  STATIC_REQUIRE(sizeof(Packed::value_type) == 12);
  STATIC_REQUIRE(sizeof(CompactMap<std::uint64_t, std::uint64_t>::value_type) == 16);  // nothing to gain: not packed
  STATIC_REQUIRE(std::is_same_v<CompactMap<std::uint64_t, std::uint64_t>::key_type, std::uint64_t>);
  Packed map;
  std::map<std::uint64_t, std::uint32_t> truth;
  std::mt19937_64 rng(11);
  for (int step = 0; step < 50000; ++step) {
    // Keys differing only in their high or only in their low word must stay apart.
    const std::uint64_t key = ((rng() % 64) << 32) | (rng() % 64) | (step % 2 ? 0x8000000000000000ULL : 0);
    if (rng() % 4 == 0) {
      CHECK(map.erase(key) == truth.erase(key));
    } else {
      map[key] += 1;
      truth[key] += 1;
    }
  }
  CHECK(map.size() == truth.size());
  for (const auto& [key, count] : map) REQUIRE(truth.at(key) == count);
  for (const auto& [key, count] : truth) REQUIRE(map.at(key) == count);
  CHECK_THROWS_AS(map[UINT64_MAX], std::invalid_argument);  // still the reserved key
}
