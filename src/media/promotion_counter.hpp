#pragma once
// The asset service counts the download requests that reach it (CDN misses) per asset;
// once an asset's count reaches the threshold it is promoted, and from then on CDN PoPs
// keep it when they fetch it (the seeds: "content is loaded onto a CDN if the asset service
// receives a large number of requests for it").
#include <cstdint>
#include <unordered_map>

#include "src/media/media_ids.hpp"

namespace whatsim {

class PromotionCounter {
 public:
  // `threshold` >= 1: the request that makes the count equal to it promotes the asset.
  // Throws std::invalid_argument for 0.
  explicit PromotionCounter(std::uint32_t threshold);
  struct Count {
    std::uint64_t requests = 0;  // this asset's requests so far, this one included
    bool promoted = false;       // the asset is promoted (now or earlier)
    bool promoted_now = false;   // this request is the one that promoted it
  };
  Count on_request(AssetId id);
  bool promoted(AssetId id) const;
  std::uint64_t requests(AssetId id) const;
  std::uint64_t promotions() const { return promotions_; }

 private:
  std::uint32_t threshold_;
  std::unordered_map<AssetId, std::uint64_t> requests_;
  std::uint64_t promotions_ = 0;
};

}  // namespace whatsim
