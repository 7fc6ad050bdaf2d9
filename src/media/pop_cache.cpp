#include "src/media/pop_cache.hpp"

#include <stdexcept>
#include <string>

namespace whatsim {

PopCache::PopCache(double capacity_bytes, const std::string& eviction_policy)
    : capacity_bytes_(capacity_bytes), policy_(make_eviction_policy(eviction_policy)) {
  if (!(capacity_bytes >= 0))
    throw std::invalid_argument("PoP cache capacity must be at least 0 bytes, not " + std::to_string(capacity_bytes));
}

PopCache::Lookup PopCache::request(AssetId id) {
  if (contains(id)) {
    ++hits_;
    policy_->touched(id);
    return Lookup::hit;
  }
  ++misses_;
  if (fetching_.insert(id).second) return Lookup::miss_fetch;
  ++collapsed_;
  return Lookup::miss_wait;
}

PopCache::Fill PopCache::fetched(AssetId id, double bytes, bool admit) {
  if (fetching_.erase(id) == 0)
    throw std::logic_error("PoP cache: asset " + std::to_string(id) + " returned but no fetch of it was in flight");
  Fill fill;
  // Evicting everything would not make room for an item larger than the whole cache.
  if (!admit || bytes > capacity_bytes_) return fill;
  fill.evicted = make_room(bytes);
  sizes_.emplace(id, bytes);
  used_bytes_ += bytes;
  policy_->inserted(id);
  fill.kept = true;
  return fill;
}

std::vector<AssetId> PopCache::make_room(double bytes) {
  std::vector<AssetId> evicted;
  while (!sizes_.empty() && used_bytes_ + bytes > capacity_bytes_) {
    const AssetId victim = policy_->victim();
    const auto it = sizes_.find(victim);
    if (it == sizes_.end())
      throw std::logic_error("PoP cache: eviction policy named asset " + std::to_string(victim) +
                             ", which is not cached");
    used_bytes_ -= it->second;
    sizes_.erase(it);
    policy_->erased(victim);
    ++evictions_;
    evicted.push_back(victim);
  }
  // Sums of doubles drift: an empty cache holds exactly nothing.
  if (sizes_.empty()) used_bytes_ = 0;
  return evicted;
}

}  // namespace whatsim
