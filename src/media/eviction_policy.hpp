#pragma once
// Which cached item a full CDN PoP drops first. A named choice so others can be added:
// "lru" (least recently used: a hit refreshes the item) and "fifo" (first in, first out:
// hits do not matter).
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

#include "src/media/media_ids.hpp"

namespace whatsim {

class EvictionPolicy {
 public:
  virtual ~EvictionPolicy() = default;
  virtual void inserted(AssetId id) = 0;  // a new item entered the cache
  virtual void touched(AssetId id) = 0;   // a cached item was served
  virtual void erased(AssetId id) = 0;    // an item left the cache
  // The item to evict next; kNoAsset when nothing is tracked.
  virtual AssetId victim() const = 0;
};

// Throws std::invalid_argument naming the policy when `name` is none of "lru", "fifo".
std::unique_ptr<EvictionPolicy> make_eviction_policy(const std::string& name);

// Recency order in a list (front = next victim) with an index into it: O(1) each step.
class LruPolicy : public EvictionPolicy {
 public:
  void inserted(AssetId id) override;
  void touched(AssetId id) override;
  void erased(AssetId id) override;
  AssetId victim() const override;

 protected:
  std::list<AssetId> order_;
  std::unordered_map<AssetId, std::list<AssetId>::iterator> where_;
};

// LRU's bookkeeping without the refresh on a hit.
class FifoPolicy : public LruPolicy {
 public:
  void touched(AssetId) override {}
};

}  // namespace whatsim
