#include <catch2/catch.hpp>

#include <stdexcept>

#include "src/media/asset_store.hpp"

using namespace whatsim;

TEST_CASE("AssetStore gives identical content the id it already has and new content a new id", "[media][dedup]") {
  AssetStore store;
  const AssetStore::Upload first = store.put(0xabc, 1000, MediaType::image);
  CHECK(first.id == 1);
  CHECK(first.outcome == AssetStore::Outcome::stored_new);
  store.written(first.id);

  const AssetStore::Upload again = store.put(0xabc, 1000, MediaType::image);
  CHECK(again.id == first.id);
  CHECK(again.outcome == AssetStore::Outcome::duplicate);

  const AssetStore::Upload other = store.put(0xdef, 500, MediaType::video);
  CHECK(other.id == 2);
  CHECK(other.outcome == AssetStore::Outcome::stored_new);

  CHECK(store.assets() == 2);
  CHECK(store.uploads() == 3);
  CHECK(store.duplicates() == 1);
}

TEST_CASE("AssetStore: a duplicate of content whose first write is in flight waits until written()",
          "[media][dedup]") {
  AssetStore store;
  const AssetStore::Upload first = store.put(7, 2000, MediaType::video);
  REQUIRE(first.outcome == AssetStore::Outcome::stored_new);
  CHECK_FALSE(store.find(first.id)->durable);

  CHECK(store.put(7, 2000, MediaType::video).outcome == AssetStore::Outcome::duplicate_pending);
  CHECK(store.put(7, 2000, MediaType::video).outcome == AssetStore::Outcome::duplicate_pending);
  store.written(first.id);
  CHECK(store.find(first.id)->durable);
  CHECK(store.put(7, 2000, MediaType::video).outcome == AssetStore::Outcome::duplicate);
}

TEST_CASE("AssetStore counts stored bytes once per content and the rest as dedup savings", "[media][dedup]") {
  AssetStore store;
  store.put(1, 1000, MediaType::image);
  store.put(1, 1000, MediaType::image);
  store.put(1, 1000, MediaType::image);
  store.put(2, 250, MediaType::audio);
  CHECK(store.stored_bytes() == 1250);
  CHECK(store.dedup_saved_bytes() == 2000);
}

TEST_CASE("AssetStore finds what it stored and nothing else", "[media][dedup]") {
  AssetStore store;
  const AssetId id = store.put(99, 4096, MediaType::document).id;
  const Asset* asset = store.find(id);
  REQUIRE(asset != nullptr);
  CHECK(asset->id == id);
  CHECK(asset->content == 99);
  CHECK(asset->bytes == 4096);
  CHECK(asset->type == MediaType::document);
  CHECK(store.find(kNoAsset) == nullptr);
  CHECK(store.find(id + 1) == nullptr);
}

TEST_CASE("AssetStore: written() of an id never handed out throws", "[media][dedup][edge]") {
  AssetStore store;
  CHECK_THROWS_AS(store.written(1), std::out_of_range);
  store.put(5, 10, MediaType::image);
  CHECK_NOTHROW(store.written(1));
  CHECK_THROWS_AS(store.written(kNoAsset), std::out_of_range);
  CHECK_THROWS_AS(store.written(2), std::out_of_range);
}
