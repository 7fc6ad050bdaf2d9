#pragma once
// The hash map for state kept per user or per device, millions of entries in a full cell.
// std::unordered_map costs a heap node per entry (a 32-byte chunk at least) and a bucket
// pointer besides: about 40 bytes for a 4-byte key and value. An open-addressing map
// (Tessil's robin_map, Debian's robin-map-dev) keeps keys and values inline in one array;
// filled up to kMaxLoad, it needs 1.25 to 2.5 slots per entry. Unlike std::unordered_map,
// an insertion may move every entry: never hold a reference or iterator across one, and
// write a value through `it.value()` (tsl's `it->second` is const).
#include <tsl/robin_map.h>

namespace whatsim {

template <class Key, class Value>
class CompactMap : public tsl::robin_map<Key, Value> {
 public:
  static constexpr float kMaxLoad = 0.8f;
  CompactMap() { this->max_load_factor(kMaxLoad); }
};

}  // namespace whatsim
