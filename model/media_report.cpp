#include "model/media_report.hpp"

#include "model/media_services.hpp"
#include "model/units.hpp"

namespace whatsim {

namespace {

PopReport pop_report(const World& world, std::uint32_t index, const CdnPop& pop) {
  const ServerSlot& slot = world.layout.slot(Tier::cdn_pop, index);
  PopReport r;
  r.name = slot.host_name;
  r.region = world.scenario.deployment.regions[slot.region].name;
  r.requests = pop.requests();
  r.hits = pop.cache().hits();
  r.hit_ratio = r.requests > 0 ? static_cast<double>(r.hits) / static_cast<double>(r.requests) : 0;
  r.collapsed = pop.cache().collapsed();
  r.evictions = pop.cache().evictions();
  r.cached_bytes_end = pop.cache().used_bytes();
  r.cache_bytes = pop.cache().capacity_bytes();
  return r;
}

double gbps(const Recorder& recorder, MediaTier tier, double window_s) {
  return window_s > 0 ? gbps_from_bytes_per_s(recorder.media_egress_measured_bytes(tier) / window_s) : 0;
}

}  // namespace

MediaReport media_report(World& world, const std::vector<std::unique_ptr<CdnPop>>& pops,
                         const std::vector<std::unique_ptr<StorageHost>>& storage, std::uint64_t uploads_pending,
                         double end_s) {
  MediaReport r = world.recorder.media();
  const MediaServices& media = *world.media;
  r.enabled = true;
  r.uploads_pending_end = uploads_pending;
  r.downloads_pending_end = r.downloads_requested - r.downloads_completed - r.downloads_failed;
  std::uint64_t pop_requests = 0;
  for (std::uint32_t i = 0; i < pops.size(); ++i) {
    r.pops.push_back(pop_report(world, i, *pops[i]));
    pop_requests += r.pops.back().requests;
  }
  std::uint64_t pop_hits = 0;
  for (const PopReport& p : r.pops) pop_hits += p.hits;
  r.cdn_hits = pop_hits;
  r.cdn_hit_ratio = pop_requests > 0 ? static_cast<double>(pop_hits) / static_cast<double>(pop_requests) : 0;
  const double window_s = end_s - world.scenario.simulation.warmup_s;
  r.egress = {gbps(world.recorder, MediaTier::cdn, window_s), gbps(world.recorder, MediaTier::blob, window_s),
              gbps(world.recorder, MediaTier::asset, window_s)};
  for (const BlobVolume& v : media.volumes) {
    r.blob_bytes_stored += v.used_bytes();
    r.blob_capacity_bytes += v.capacity_bytes();
  }
  r.assets_stored = media.assets.assets();
  r.dedup_saved_bytes = media.assets.dedup_saved_bytes();
  double disk = 0;
  for (const auto& s : storage) disk += s->disk_utilization(end_s);
  r.storage_disk_utilization = storage.empty() ? 0 : disk / static_cast<double>(storage.size());
  r.viral.enabled = world.media_spec().viral.share > 0;
  for (const char* reason : {"media_over_limit", "document_over_limit", "storage_full"}) r.refused[reason];
  return r;
}

}  // namespace whatsim
