#include "src/media/media_ids.hpp"

#include <array>

namespace whatsim {

namespace {

// Indexed by MediaType's value; the scenario names the types the same way.
constexpr std::array<const char*, kMediaTypeCount> kMediaTypeNames = {"image", "video", "audio", "document"};

}  // namespace

const char* to_string(MediaType t) { return kMediaTypeNames.at(static_cast<std::size_t>(t)); }

std::optional<MediaType> media_type_from_name(const std::string& name) {
  for (std::size_t i = 0; i < kMediaTypeNames.size(); ++i)
    if (name == kMediaTypeNames[i]) return static_cast<MediaType>(i);
  return std::nullopt;
}

}  // namespace whatsim
