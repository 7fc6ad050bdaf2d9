#pragma once
// What a user attaches to a media message: its type (by the scenario's mix), its original
// and uploaded size (per-type size distribution and compression ratio), and its content.
// Content is fresh (unique to this message), a forward of a catalog item (Zipf over the
// catalog: a few items are forwarded a lot), or the viral item once it has started.
// Catalog items have a fixed type and size, drawn once from their own random stream.
#include <cstdint>
#include <vector>

#include <boost/random/discrete_distribution.hpp>

#include "src/core/random_streams.hpp"
#include "src/media/media_ids.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

struct Attachment {
  MediaType type = MediaType::image;
  double original_bytes = 0;  // what the user picked (limits apply to this)
  double upload_bytes = 0;    // compressed and encrypted: what is uploaded and stored
  ContentHash content = 0;    // identical content, identical hash
  bool forwarded = false;     // a catalog item
  bool viral = false;         // the viral item
};

class MediaWorkload {
 public:
  // Throws std::invalid_argument when spec.types does not hold the four types in order,
  // or when the viral item's type is unknown. `catalog_rng` draws the catalog items.
  // Keeps a reference to `spec`, which must outlive the workload (the scenario does).
  MediaWorkload(const MediaSpec& spec, Rng& catalog_rng);
  // One attachment for a message sent at `now_s`; `fresh_key` must differ between calls
  // (e.g. the message id's bits, below 2^63) and makes fresh content unique.
  Attachment draw(std::uint64_t fresh_key, double now_s, Rng& rng) const;
  // Content identities: catalog item i (0-based), the viral item, fresh content. Disjoint.
  static ContentHash catalog_content(std::uint32_t item);
  static ContentHash viral_content();
  static ContentHash fresh_content(std::uint64_t key);

 private:
  MediaType draw_type(Rng& rng) const;
  double draw_original_bytes(MediaType type, Rng& rng) const;
  double upload_bytes(MediaType type, double original_bytes) const;
  Attachment draw_viral() const;
  Attachment draw_fresh(std::uint64_t fresh_key, Rng& rng) const;

  const MediaSpec& spec_;
  MediaType viral_type_ = MediaType::image;
  std::vector<Attachment> catalog_;
  // Built once: a discrete_distribution's alias table costs O(items) to build, O(1) to draw.
  boost::random::discrete_distribution<std::uint32_t, double> catalog_rank_;  // Zipf (zipf_weights.hpp)
  boost::random::discrete_distribution<int, double> type_;                    // by the types' shares
};

}  // namespace whatsim
