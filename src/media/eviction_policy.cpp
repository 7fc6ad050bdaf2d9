#include "src/media/eviction_policy.hpp"

#include <stdexcept>
#include <string>

namespace whatsim {

std::unique_ptr<EvictionPolicy> make_eviction_policy(const std::string& name) {
  if (name == "lru") return std::make_unique<LruPolicy>();
  if (name == "fifo") return std::make_unique<FifoPolicy>();
  throw std::invalid_argument("unknown eviction policy \"" + name + "\": use \"lru\" or \"fifo\"");
}

// Inserting an item twice would leave a stale list entry behind: it is the cache's bug,
// so it is reported rather than absorbed. Touching or erasing an untracked item is a no-op.
void LruPolicy::inserted(AssetId id) {
  if (where_.count(id) != 0)
    throw std::logic_error("eviction policy: asset " + std::to_string(id) + " is already cached");
  where_.emplace(id, order_.insert(order_.end(), id));
}

// The most recently used item goes to the back, furthest from eviction.
void LruPolicy::touched(AssetId id) {
  const auto it = where_.find(id);
  if (it != where_.end()) order_.splice(order_.end(), order_, it->second);
}

void LruPolicy::erased(AssetId id) {
  const auto it = where_.find(id);
  if (it == where_.end()) return;
  order_.erase(it->second);
  where_.erase(it);
}

AssetId LruPolicy::victim() const { return order_.empty() ? kNoAsset : order_.front(); }

}  // namespace whatsim
