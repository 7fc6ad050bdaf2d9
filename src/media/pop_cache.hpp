#pragma once
// One CDN PoP's cache: items of known size up to a capacity in bytes, evicted by a named
// policy. A request is a hit, a miss that must fetch from the origin, or a miss that waits
// for a fetch of the same item already in flight (request collapsing, as CDNs do, so a hot
// item is fetched once per PoP, not once per requester). When a fetch returns, the PoP keeps
// the item only if it was admitted (promoted content); either way the fetch ends.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "src/media/eviction_policy.hpp"

namespace whatsim {

class PopCache {
 public:
  // Throws std::invalid_argument for an unknown policy name.
  PopCache(double capacity_bytes, const std::string& eviction_policy);
  enum class Lookup : std::uint8_t { hit, miss_fetch, miss_wait };
  // A hit refreshes the item for the policy. miss_fetch marks a fetch of `id` in flight.
  Lookup request(AssetId id);
  struct Fill {
    bool kept = false;                // the item is now cached
    std::vector<AssetId> evicted;     // dropped to make room, in eviction order
  };
  // The fetch of `id` returned `bytes`. Kept when `admit` and bytes <= capacity, evicting
  // victims until it fits. Throws std::logic_error when no fetch of `id` was in flight.
  Fill fetched(AssetId id, double bytes, bool admit);

  bool contains(AssetId id) const { return sizes_.count(id) != 0; }
  double capacity_bytes() const { return capacity_bytes_; }
  double used_bytes() const { return used_bytes_; }
  std::uint64_t items() const { return sizes_.size(); }
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }        // both kinds
  std::uint64_t collapsed() const { return collapsed_; }  // misses that waited on a fetch
  std::uint64_t evictions() const { return evictions_; }

 private:
  // Evicts victims until `bytes` more fit (or nothing is left); returns them in order.
  std::vector<AssetId> make_room(double bytes);

  double capacity_bytes_;
  std::unique_ptr<EvictionPolicy> policy_;
  std::unordered_map<AssetId, double> sizes_;  // cached items
  std::unordered_set<AssetId> fetching_;
  double used_bytes_ = 0;
  std::uint64_t hits_ = 0, misses_ = 0, collapsed_ = 0, evictions_ = 0;
};

}  // namespace whatsim
