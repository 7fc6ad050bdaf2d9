#include "src/media/blob_volume.hpp"

namespace whatsim {

bool BlobVolume::reserve(double bytes) {
  if (used_bytes_ + bytes > capacity_bytes_) {
    ++refused_;
    return false;
  }
  used_bytes_ += bytes;
  ++blobs_;
  return true;
}

}  // namespace whatsim
