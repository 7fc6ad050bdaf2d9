#pragma once
// The asset service's index: content hash -> asset. Identical content gets the id it
// already has and is not stored again (the bytes it would have taken are counted as dedup
// savings); new content gets a new id and must be written to blob storage before it can be
// handed out. The model holds replies for an asset whose write is still in flight.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "src/media/media_ids.hpp"

namespace whatsim {

struct Asset {
  AssetId id = kNoAsset;
  ContentHash content = 0;
  double bytes = 0;         // as stored (compressed, encrypted)
  MediaType type = MediaType::image;
  bool durable = false;     // written to blob storage
};

class AssetStore {
 public:
  enum class Outcome : std::uint8_t {
    stored_new,         // new content: write it to blob storage, then call written()
    duplicate,          // known and durable: the id can be handed out now
    duplicate_pending,  // known, its first write still in flight: hand out after written()
  };
  struct Upload {
    AssetId id = kNoAsset;
    Outcome outcome = Outcome::stored_new;
  };
  // One upload of `bytes` of content `content`. Ids are assigned 1, 2, 3... in upload order.
  Upload put(ContentHash content, double bytes, MediaType type);
  // The first write of `id` finished: it is durable. Throws std::out_of_range for an unknown id.
  void written(AssetId id);
  // nullptr for an id never handed out.
  const Asset* find(AssetId id) const;
  // nullptr for content never uploaded.
  const Asset* find_content(ContentHash content) const {
    auto it = by_content_.find(content);
    return it == by_content_.end() ? nullptr : &assets_[it->second - 1];
  }

  std::uint64_t assets() const { return assets_.size(); }
  std::uint64_t uploads() const { return uploads_; }
  std::uint64_t duplicates() const { return duplicates_; }
  double stored_bytes() const { return stored_bytes_; }        // of new content, durable or not
  double dedup_saved_bytes() const { return dedup_saved_bytes_; }

 private:
  std::vector<Asset> assets_;  // assets_[id - 1]
  std::unordered_map<ContentHash, AssetId> by_content_;
  std::uint64_t uploads_ = 0;
  std::uint64_t duplicates_ = 0;
  double stored_bytes_ = 0;
  double dedup_saved_bytes_ = 0;
};

}  // namespace whatsim
