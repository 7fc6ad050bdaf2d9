#include "src/media/upload_limits.hpp"

#include <array>

namespace whatsim {

namespace {

// Indexed by RefusalReason's value; the report keys refusals by these names.
constexpr std::array<const char*, kRefusalReasonCount> kRefusalReasonNames = {"media_over_limit",
                                                                              "document_over_limit", "storage_full"};

}  // namespace

const char* to_string(RefusalReason r) { return kRefusalReasonNames.at(static_cast<std::size_t>(r)); }

UploadLimits::UploadLimits(const std::array<double, kMediaTypeCount>& limit_bytes) : limit_bytes_(limit_bytes) {}

std::optional<RefusalReason> UploadLimits::check(MediaType type, double original_bytes) const {
  if (original_bytes <= limit_bytes_.at(static_cast<std::size_t>(type))) return std::nullopt;
  return type == MediaType::document ? RefusalReason::document_over_limit : RefusalReason::media_over_limit;
}

}  // namespace whatsim
