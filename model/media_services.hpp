#pragma once
// The media side's shared state, present only when the scenario has media: the asset
// service's index and request counts (one logical table behind all asset servers, as the
// seeds' asset service keeps one hash per file), each storage host's capacity, what
// phones attach and refuse, replies waiting for a file's first write, and the couriers that
// move files.
#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

#include "model/courier.hpp"
#include "model/envelope.hpp"
#include "src/media/asset_store.hpp"
#include "src/media/blob_volume.hpp"
#include "src/media/promotion_counter.hpp"
#include "src/media/upload_limits.hpp"
#include "src/workload/media_workload.hpp"

namespace whatsim {

struct MediaServices {
  AssetStore assets;
  PromotionCounter promotion;
  std::vector<BlobVolume> volumes;  // by blob-storage index
  MediaWorkload workload;
  UploadLimits limits;
  std::vector<std::vector<std::unique_ptr<Courier>>> couriers;  // by region, then lane
  // Upload replies for content whose first write is still in flight, by asset.
  std::unordered_map<AssetId, std::vector<std::unique_ptr<Envelope>>> awaiting_write;

  MediaServices(const MediaSpec& spec, std::uint32_t storage_hosts, Rng& catalog_rng)
      : promotion(spec.cdn.promotion_threshold),
        volumes(storage_hosts, BlobVolume(spec.storage.capacity_bytes)),
        workload(spec, catalog_rng),
        limits(limit_bytes(spec)) {}

  // The courier of the next lane in turn in `region` (platform.hpp: lanes).
  Courier& courier(std::uint32_t region) {
    if (next_lane_.size() < couriers.size()) next_lane_.resize(couriers.size());
    auto& lanes = couriers[region];
    return *lanes[next_lane_[region]++ % lanes.size()];
  }

  bool is_viral(AssetId id) const {
    const Asset* a = assets.find(id);
    return a != nullptr && a->content == MediaWorkload::viral_content();
  }

 private:
  std::vector<std::uint64_t> next_lane_;  // by region: files handed to its couriers

  static std::array<double, kMediaTypeCount> limit_bytes(const MediaSpec& spec) {
    std::array<double, kMediaTypeCount> out{};
    for (int t = 0; t < kMediaTypeCount; ++t) out[t] = spec.types.at(t).limit_bytes;
    return out;
  }
};

}  // namespace whatsim
