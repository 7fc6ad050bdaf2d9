#include <catch2/catch.hpp>

#include <string>

#include "src/media/media_ids.hpp"

using namespace whatsim;

TEST_CASE("Media type names round-trip through media_type_from_name", "[media][ids]") {
  for (int i = 0; i < kMediaTypeCount; ++i) {
    const auto type = static_cast<MediaType>(i);
    const auto parsed = media_type_from_name(to_string(type));
    REQUIRE(parsed.has_value());
    CHECK(*parsed == type);
  }
  CHECK(std::string(to_string(MediaType::document)) == "document");
}

TEST_CASE("An unknown media type name gives no type", "[media][ids][edge]") {
  CHECK_FALSE(media_type_from_name("gif").has_value());
  CHECK_FALSE(media_type_from_name("").has_value());
  CHECK_FALSE(media_type_from_name("Image").has_value());
}
