#pragma once
// The hash map for state kept per user, per device or per message: millions of entries in
// a full cell. std::unordered_map costs a heap node per entry and a bucket pointer besides,
// about 60 bytes for a 16-byte entry; an open-addressing table (robin_map) keeps entries
// inline but leaves a fifth to a half of its slots empty, and measured no smaller. Google's
// sparse_hash_map (Debian's libsparsehash-dev) stores only the filled slots, in groups of 48
// with a bitmap: about 24 bytes for that 16-byte entry (bench/map_memory.cpp), at the cost
// of rebuilding the group's array at each insertion. Prefer small values without heap
// parts: the array is rebuilt by copying them.
//
// What differs from std::unordered_map: one key value is reserved (it marks an erased slot;
// inserting it throws; see ErasedKey), values must be copyable, erase() returns nothing, and
// an insertion may move every entry (never hold a reference or iterator across one). An
// erase invalidates no iterator, so a loop may erase the element it stands on and then step
// past it.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include <sparsehash/sparse_hash_map>

#include "src/core/mix64.hpp"

namespace whatsim {

// The key that marks an erased slot: an integer key's largest value; a struct key names its
// own with a static `erased()` (a value no real key takes).
template <class Key>
struct ErasedKey {
  static Key value() {
    if constexpr (std::is_integral_v<Key>) {
      return std::numeric_limits<Key>::max();
    } else {
      return Key::erased();
    }
  }
};

// Integer keys are mixed before they pick a slot: the table takes a hash's low bits, and an
// id's low bits are often nearly constant (a packed message id ends in its device's counter).
template <class Key>
struct MixedHash {
  std::size_t operator()(Key key) const noexcept {
    return static_cast<std::size_t>(mix64(static_cast<std::uint64_t>(key)));
  }
};

// A 64-bit integer key kept at 4-byte alignment (GCC's attribute): beside a value of 4
// bytes, a slot is 12 bytes instead of 16. It converts to and from the integer, so a map's
// callers find, insert and read keys as their own type.
struct __attribute__((packed, aligned(4))) PackedKey64 {
  std::uint64_t value;
  PackedKey64(std::uint64_t v = 0) : value(v) {}  // NOLINT: implicit, as the map's callers pass integers
  operator std::uint64_t() const { return value; }
  friend bool operator==(const PackedKey64& a, const PackedKey64& b) { return a.value == b.value; }
};
static_assert(sizeof(PackedKey64) == 8 && alignof(PackedKey64) == 4, "see PackedKey64");

// How CompactMap stores `Key`: a 64-bit integer packed when that makes the slot smaller.
template <class Key, class Value>
using StoredKey = std::conditional_t<std::is_same_v<Key, std::uint64_t> &&
                                         sizeof(std::pair<PackedKey64, Value>) < sizeof(std::pair<Key, Value>),
                                     PackedKey64, Key>;

template <class Key, class Value, class Hash = MixedHash<Key>>
class CompactMap : public google::sparse_hash_map<StoredKey<Key, Value>, Value, Hash> {
  using Base = google::sparse_hash_map<StoredKey<Key, Value>, Value, Hash>;

 public:
  CompactMap() { this->set_deleted_key(ErasedKey<Key>::value()); }
  // The entry for `key`, inserting `value` if there was none; the flag says whether it was
  // inserted (std::unordered_map::try_emplace).
  std::pair<typename CompactMap::iterator, bool> try_emplace(const Key& key, const Value& value = Value{}) {
    check(key);
    return this->insert(typename CompactMap::value_type(key, value));
  }
  // The value for `key`; throws std::out_of_range when there is none (std::unordered_map::at).
  const Value& at(const Key& key) const {
    const auto found = this->find(key);
    if (found == this->end()) throw std::out_of_range("CompactMap::at: no such key");
    return found->second;
  }
  Value& operator[](const Key& key) {
    check(key);
    return Base::operator[](key);
  }

 private:
  static void check(const Key& key) {
    if (key == ErasedKey<Key>::value()) throw std::invalid_argument("CompactMap: the erased-slot key is reserved");
  }
};

}  // namespace whatsim
