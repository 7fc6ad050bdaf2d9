#pragma once
// A CDN point of presence near the phones of its region. A download it holds is served from
// its cache; a miss is fetched through the asset service (the origin) from blob storage,
// once per item however many phones ask meanwhile, and kept only if the asset service has
// promoted the item. Files go to phones at most at the phone's downlink rate.
#include <memory>
#include <unordered_map>
#include <vector>

#include "model/world.hpp"
#include "src/media/pop_cache.hpp"

namespace whatsim {

class CdnPop {
 public:
  CdnPop(World& world, std::uint32_t index);

  double cost(const Envelope& e) const;
  void handle(Envelope& e);
  const PopCache& cache() const { return cache_; }
  std::uint64_t requests() const { return requests_; }

 private:
  void on_download(Envelope& e);
  void on_blob_data(const Envelope& e);
  void on_fetch_failed(const Envelope& e);
  void serve(const Envelope& request, bool hit);
  World& world_;
  std::uint32_t index_;
  PopCache cache_;
  std::uint64_t requests_ = 0;
  // Download requests waiting for the fetch of their item.
  std::unordered_map<AssetId, std::vector<std::unique_ptr<Envelope>>> waiting_;
};

}  // namespace whatsim
