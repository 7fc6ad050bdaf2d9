#include <catch2/catch.hpp>

#include <string>

#include "src/media/upload_limits.hpp"

using namespace whatsim;

namespace {

constexpr double kMediaLimitBytes = 16.0 * 1024 * 1024;
constexpr double kDocumentLimitBytes = 100.0 * 1024 * 1024;

// Limits in MediaType order (image, video, audio, document), as the seeds give them.
UploadLimits seed_limits() {
  return UploadLimits({kMediaLimitBytes, kMediaLimitBytes, kMediaLimitBytes, kDocumentLimitBytes});
}

}  // namespace

TEST_CASE("UploadLimits accepts a file exactly at its type's limit", "[media][limits]") {
  const UploadLimits limits = seed_limits();
  CHECK_FALSE(limits.check(MediaType::image, kMediaLimitBytes).has_value());
  CHECK_FALSE(limits.check(MediaType::document, kDocumentLimitBytes).has_value());
  CHECK_FALSE(limits.check(MediaType::audio, 1).has_value());
}

TEST_CASE("UploadLimits refuses media one byte over the limit as media_over_limit", "[media][limits]") {
  const UploadLimits limits = seed_limits();
  for (MediaType t : {MediaType::image, MediaType::video, MediaType::audio}) {
    const auto refusal = limits.check(t, kMediaLimitBytes + 1);
    REQUIRE(refusal.has_value());
    CHECK(*refusal == RefusalReason::media_over_limit);
  }
}

TEST_CASE("UploadLimits refuses documents by their own limit as document_over_limit", "[media][limits]") {
  const UploadLimits limits = seed_limits();
  CHECK_FALSE(limits.check(MediaType::document, kMediaLimitBytes + 1).has_value());  // media's limit does not apply
  const auto refusal = limits.check(MediaType::document, kDocumentLimitBytes + 1);
  REQUIRE(refusal.has_value());
  CHECK(*refusal == RefusalReason::document_over_limit);
}

TEST_CASE("UploadLimits applies each type's own limit", "[media][limits]") {
  const UploadLimits limits({100, 200, 300, 400});
  CHECK(limits.check(MediaType::image, 101).has_value());
  CHECK_FALSE(limits.check(MediaType::video, 200).has_value());
  CHECK(limits.check(MediaType::video, 201).has_value());
  CHECK_FALSE(limits.check(MediaType::audio, 300).has_value());
  CHECK(limits.check(MediaType::audio, 301).has_value());
}

TEST_CASE("Refusal reasons are named as the report names them", "[media][limits]") {
  CHECK(std::string(to_string(RefusalReason::media_over_limit)) == "media_over_limit");
  CHECK(std::string(to_string(RefusalReason::document_over_limit)) == "document_over_limit");
  CHECK(std::string(to_string(RefusalReason::storage_full)) == "storage_full");
}
