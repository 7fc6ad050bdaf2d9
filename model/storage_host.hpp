#pragma once
// A blob-storage host: media files on a disk. Writes and reads take the disk's time
// (SimGrid shares its bandwidth among the I/Os in progress, one per worker at most); a read
// for a PoP sends the file on to that PoP.
#include "model/world.hpp"

namespace whatsim {

class StorageHost {
 public:
  StorageHost(World& world, std::uint32_t index);

  double cost(const Envelope& e) const;
  void handle(Envelope& e);

  // Busy share of the disk over the measured window: bytes moved / bandwidth, per direction.
  double disk_utilization(double end_s) const;

 private:
  void on_blob_write(Envelope& e);
  void on_blob_read(Envelope& e);
  World& world_;
  std::uint32_t index_;
  double measured_read_bytes_ = 0;
  double measured_write_bytes_ = 0;
};

}  // namespace whatsim
