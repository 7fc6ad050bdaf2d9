#include <catch2/catch.hpp>

#include "src/media/blob_volume.hpp"

using namespace whatsim;

TEST_CASE("BlobVolume reserves writes up to exactly its capacity", "[media][storage]") {
  BlobVolume volume(1000);
  CHECK(volume.reserve(600));
  CHECK(volume.reserve(400));
  CHECK(volume.used_bytes() == 1000);
  CHECK(volume.blobs() == 2);
  CHECK(volume.refused() == 0);
}

TEST_CASE("BlobVolume refuses a write that does not fit and reserves nothing of it", "[media][storage]") {
  BlobVolume volume(1000);
  REQUIRE(volume.reserve(600));
  CHECK_FALSE(volume.reserve(401));
  CHECK(volume.used_bytes() == 600);
  CHECK(volume.blobs() == 1);
  CHECK(volume.refused() == 1);
  CHECK(volume.reserve(400));  // what still fits is still accepted
  CHECK(volume.capacity_bytes() == 1000);
}
