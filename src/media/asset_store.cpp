#include "src/media/asset_store.hpp"

#include <stdexcept>
#include <string>

namespace whatsim {

AssetStore::Upload AssetStore::put(ContentHash content, double bytes, MediaType type) {
  ++uploads_;
  const auto known = by_content_.find(content);
  if (known != by_content_.end()) {
    // The bytes this upload would have taken again are what deduplication saves.
    ++duplicates_;
    dedup_saved_bytes_ += bytes;
    const bool durable = assets_[known->second - 1].durable;
    return Upload{known->second, durable ? Outcome::duplicate : Outcome::duplicate_pending};
  }
  const AssetId id = assets_.size() + 1;
  assets_.push_back(Asset{id, content, bytes, type, false});
  by_content_.emplace(content, id);
  stored_bytes_ += bytes;
  return Upload{id, Outcome::stored_new};
}

void AssetStore::written(AssetId id) {
  if (id == kNoAsset || id > assets_.size())
    throw std::out_of_range("asset " + std::to_string(id) + " was never stored (" + std::to_string(assets_.size()) +
                            " assets)");
  assets_[id - 1].durable = true;
}

const Asset* AssetStore::find(AssetId id) const {
  if (id == kNoAsset || id > assets_.size()) return nullptr;
  return &assets_[id - 1];
}

}  // namespace whatsim
