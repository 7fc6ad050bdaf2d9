#pragma once
// Identifiers of media content. A ContentHash names content by its bytes (the asset
// service hashes every upload); an AssetId is what the asset service hands back and what
// travels to the receiver inside an ordinary message. With end-to-end encryption the hash
// is over ciphertext: a forward re-sends the same encrypted blob (same media key), so
// forwarded content deduplicates and fresh content never does.
#include <cstdint>
#include <optional>
#include <string>

namespace whatsim {

using ContentHash = std::uint64_t;
using AssetId = std::uint64_t;  // from 1; 0 means "no media"
inline constexpr AssetId kNoAsset = 0;

enum class MediaType : std::uint8_t { image = 0, video = 1, audio = 2, document = 3 };
inline constexpr int kMediaTypeCount = 4;

const char* to_string(MediaType t);
// "image", "video", "audio" or "document"; nullopt for anything else.
std::optional<MediaType> media_type_from_name(const std::string& name);

}  // namespace whatsim
