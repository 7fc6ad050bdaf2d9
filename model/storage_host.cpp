#include "model/storage_host.hpp"

#include <simgrid/s4u/Disk.hpp>

#include "model/media_services.hpp"
#include "model/sim_clock.hpp"
#include "model/units.hpp"

namespace whatsim {

StorageHost::StorageHost(World& world, std::uint32_t index) : world_(world), index_(index) {}

double StorageHost::cost(const Envelope&) const { return world_.media_spec().storage.request_cycles; }

void StorageHost::handle(Envelope& e) {
  if (e.op == Op::blob_write) return on_blob_write(e);
  if (e.op == Op::blob_read) return on_blob_read(e);
}

void StorageHost::on_blob_write(Envelope& e) {
  const double bytes = e.frame.media_bytes;
  if (now_s() >= world_.scenario.simulation.warmup_s) measured_write_bytes_ += bytes;
  world_.platform.storage_disk(index_)->write(static_cast<sg_size_t>(bytes));
  auto* done = new Envelope{Op::blob_written, e.frame, e.user, e.device, 0, kNoServer, {}, {}};
  world_.post.to_server(Tier::asset_service, e.reply_to, e.frame.asset, done);
}

void StorageHost::on_blob_read(Envelope& e) {
  const double bytes = e.frame.media_bytes;
  if (now_s() >= world_.scenario.simulation.warmup_s) measured_read_bytes_ += bytes;
  world_.platform.storage_disk(index_)->read(static_cast<sg_size_t>(bytes));
  if (world_.media->is_viral(e.frame.asset)) world_.recorder.viral_blob_read(now_s());
  world_.recorder.media_egress(MediaTier::blob, bytes, now_s());
  auto* data = new Envelope{Op::blob_data, e.frame, e.user, e.device, 0, kNoServer, {}, {}};
  data->promoted = e.promoted;
  const std::uint32_t pop = e.reply_to;
  world_.media->courier(world_.layout.slot(Tier::cdn_pop, pop).region).ship(
      world_.platform.host(Tier::blob_storage, index_), world_.platform.host(Tier::cdn_pop, pop), bytes,
      Addressee{false, Tier::cdn_pop, pop, e.frame.asset}, data);
}

double StorageHost::disk_utilization(double end_s) const {
  // Against the disk of the part of a modeled server the host stands for, as CPU
  // utilization is (src/scenario/server_placement.hpp).
  const ModeledPart& disk = world_.layout.server_of(Tier::blob_storage).stands_for;
  const double window_s = end_s - world_.scenario.simulation.warmup_s;
  if (window_s <= 0) return 0;
  return (measured_read_bytes_ / bytes_per_s_from_mb_per_s(disk.disk_read_mbps) +
          measured_write_bytes_ / bytes_per_s_from_mb_per_s(disk.disk_write_mbps)) / window_s;
}

}  // namespace whatsim
