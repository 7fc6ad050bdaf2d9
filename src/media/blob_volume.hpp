#pragma once
// One storage host's capacity: bytes stored against bytes it can hold. A write that would
// not fit is refused whole (the asset service reports "storage_full").
#include <cstdint>

namespace whatsim {

class BlobVolume {
 public:
  explicit BlobVolume(double capacity_bytes) : capacity_bytes_(capacity_bytes) {}
  // Reserves `bytes`; false (and nothing reserved) when they would exceed the capacity.
  bool reserve(double bytes);
  double capacity_bytes() const { return capacity_bytes_; }
  double used_bytes() const { return used_bytes_; }
  std::uint64_t blobs() const { return blobs_; }
  std::uint64_t refused() const { return refused_; }

 private:
  double capacity_bytes_;
  double used_bytes_ = 0;
  std::uint64_t blobs_ = 0;
  std::uint64_t refused_ = 0;
};

}  // namespace whatsim
