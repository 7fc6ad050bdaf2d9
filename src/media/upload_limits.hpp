#pragma once
// What the phone refuses to send, before any work: files larger than their type's limit
// (the seeds: 16 MB for media, 100 MB for documents). The asset service can refuse too,
// when the storage host the content belongs on is full. Each refusal has a named reason,
// counted and reported; a refused message is never sent.
#include <array>
#include <cstdint>
#include <optional>

#include "src/media/media_ids.hpp"

namespace whatsim {

enum class RefusalReason : std::uint8_t { media_over_limit = 0, document_over_limit = 1, storage_full = 2 };
inline constexpr int kRefusalReasonCount = 3;
const char* to_string(RefusalReason r);

class UploadLimits {
 public:
  // Largest original file size accepted, per MediaType (indexed by its value).
  explicit UploadLimits(const std::array<double, kMediaTypeCount>& limit_bytes);
  // nullopt when `original_bytes` is within the type's limit (a file exactly at the limit is
  // accepted); otherwise media_over_limit (image, video, audio) or document_over_limit.
  std::optional<RefusalReason> check(MediaType type, double original_bytes) const;

 private:
  std::array<double, kMediaTypeCount> limit_bytes_;
};

}  // namespace whatsim
