#include "src/workload/media_workload.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include <boost/random/bernoulli_distribution.hpp>

#include "src/workload/size_draw.hpp"
#include "src/workload/zipf_weights.hpp"

namespace whatsim {

namespace {

// MediaType's values index spec.types, so the scenario must list the types in that order.
void check_types(const MediaSpec& spec) {
  if (spec.types.size() != kMediaTypeCount)
    throw std::invalid_argument("media.types must hold " + std::to_string(kMediaTypeCount) +
                                " types (image, video, audio, document), not " + std::to_string(spec.types.size()));
  double share_sum = 0;
  for (int i = 0; i < kMediaTypeCount; ++i) {
    const MediaTypeSpec& t = spec.types[i];
    const char* expected = to_string(static_cast<MediaType>(i));
    if (t.name != expected)
      throw std::invalid_argument("media.types[" + std::to_string(i) + "] must be \"" + expected + "\", not \"" +
                                  t.name + "\"");
    if (t.size.kind != "constant" && t.size.kind != "lognormal")
      throw std::invalid_argument("media.types[" + std::to_string(i) + "].size.kind \"" + t.size.kind +
                                  "\" is neither \"constant\" nor \"lognormal\"");
    // Draws are clamped to [1, max_bytes]: an empty range has no clamp.
    if (!(t.size.max_bytes >= 1))
      throw std::invalid_argument("media.types[" + std::to_string(i) + "].size.max_bytes must be at least 1");
    share_sum += t.share;
  }
  if (!(share_sum > 0)) throw std::invalid_argument("media.types: the shares must not all be 0");
}

void check_share(const char* what, double share) {
  if (!(share >= 0 && share <= 1))
    throw std::invalid_argument(std::string(what) + " must be within [0, 1], not " + std::to_string(share));
}

// The viral item's type matters only once there is a viral item.
MediaType viral_type(const ViralItemSpec& viral) {
  if (viral.share == 0) return MediaType::image;
  const std::optional<MediaType> type = media_type_from_name(viral.type);
  if (!type)
    throw std::invalid_argument("media.viral.type \"" + viral.type +
                                "\" is not a media type (image, video, audio, document)");
  return *type;
}

}  // namespace

MediaWorkload::MediaWorkload(const MediaSpec& spec, Rng& catalog_rng) : spec_(spec) {
  check_types(spec);
  check_share("media.popularity.forwarded_share", spec.popularity.forwarded_share);
  check_share("media.viral.share", spec.viral.share);
  viral_type_ = viral_type(spec.viral);
  std::vector<double> type_shares;
  for (const MediaTypeSpec& t : spec.types) type_shares.push_back(t.share);
  type_ = boost::random::discrete_distribution<int, double>(type_shares.begin(), type_shares.end());

  // Catalog items are drawn like fresh content, once; they differ only in being shared.
  const std::uint32_t items = spec.popularity.catalog_items;
  catalog_.reserve(items);
  for (std::uint32_t i = 0; i < items; ++i) {
    Attachment item = draw_fresh(0, catalog_rng);
    item.content = catalog_content(i);
    item.forwarded = true;
    catalog_.push_back(item);
  }
  if (items > 0) {
    const std::vector<double> weights = zipf_weights(items, spec.popularity.zipf_exponent);
    catalog_rank_ = boost::random::discrete_distribution<std::uint32_t, double>(weights.begin(), weights.end());
  }
}

// The viral item overrides everything once it has started; forwards come next; the rest is
// content nobody has sent before.
Attachment MediaWorkload::draw(std::uint64_t fresh_key, double now_s, Rng& rng) const {
  const ViralItemSpec& viral = spec_.viral;
  if (viral.share > 0 && now_s >= viral.start_s && boost::random::bernoulli_distribution<double>(viral.share)(rng))
    return draw_viral();
  if (!catalog_.empty() && boost::random::bernoulli_distribution<double>(spec_.popularity.forwarded_share)(rng))
    return catalog_[catalog_rank_(rng)];
  return draw_fresh(fresh_key, rng);
}

ContentHash MediaWorkload::catalog_content(std::uint32_t item) { return static_cast<ContentHash>(item) + 1; }
ContentHash MediaWorkload::viral_content() { return ContentHash{1} << 62; }
ContentHash MediaWorkload::fresh_content(std::uint64_t key) { return (ContentHash{1} << 63) | key; }

MediaType MediaWorkload::draw_type(Rng& rng) const { return static_cast<MediaType>(type_(rng)); }

double MediaWorkload::draw_original_bytes(MediaType type, Rng& rng) const {
  return draw_size_bytes(spec_.types[static_cast<std::size_t>(type)].size, rng);
}

double MediaWorkload::upload_bytes(MediaType type, double original_bytes) const {
  const double ratio = spec_.types[static_cast<std::size_t>(type)].compression_ratio;
  return std::max(1.0, std::round(original_bytes * ratio));
}

// The scenario gives the viral item's size as uploaded; nothing is compressed further.
Attachment MediaWorkload::draw_viral() const {
  Attachment a;
  a.type = viral_type_;
  a.original_bytes = spec_.viral.bytes;
  a.upload_bytes = spec_.viral.bytes;
  a.content = viral_content();
  a.viral = true;
  return a;
}

Attachment MediaWorkload::draw_fresh(std::uint64_t fresh_key, Rng& rng) const {
  Attachment a;
  a.type = draw_type(rng);
  a.original_bytes = draw_original_bytes(a.type, rng);
  a.upload_bytes = upload_bytes(a.type, a.original_bytes);
  a.content = fresh_content(fresh_key);
  return a;
}

}  // namespace whatsim
