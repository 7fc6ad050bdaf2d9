#include "src/media/promotion_counter.hpp"

#include <stdexcept>

namespace whatsim {

PromotionCounter::PromotionCounter(std::uint32_t threshold) : threshold_(threshold) {
  // With 0 every asset would be promoted before anyone asked for it: say so instead.
  if (threshold == 0) throw std::invalid_argument("promotion threshold must be at least 1 request, not 0");
}

PromotionCounter::Count PromotionCounter::on_request(AssetId id) {
  const std::uint64_t count = ++requests_[id];
  const bool promoted_now = count == threshold_;
  if (promoted_now) ++promotions_;
  return Count{count, count >= threshold_, promoted_now};
}

bool PromotionCounter::promoted(AssetId id) const { return requests(id) >= threshold_; }

std::uint64_t PromotionCounter::requests(AssetId id) const {
  const auto it = requests_.find(id);
  return it == requests_.end() ? 0 : it->second;
}

}  // namespace whatsim
