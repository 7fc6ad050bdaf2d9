#include "model/cdn_pop.hpp"

#include "model/media_services.hpp"
#include "model/sim_clock.hpp"

namespace whatsim {

CdnPop::CdnPop(World& world, std::uint32_t index)
    : world_(world), index_(index), cache_(world.media_spec().cdn.cache_bytes, world.media_spec().cdn.eviction) {}

// Serving costs TLS work per byte sent: a hit now, a miss when its file comes back (once for
// every phone that waited for it).
double CdnPop::cost(const Envelope& e) const {
  const CdnSpec& c = world_.media_spec().cdn;
  if (e.op == Op::download) {
    return c.request_cycles + (cache_.contains(e.frame.asset) ? c.cycles_per_byte * e.frame.media_bytes : 0);
  }
  if (e.op == Op::blob_data) {
    auto it = waiting_.find(e.frame.asset);
    const double phones = it == waiting_.end() ? 0 : static_cast<double>(it->second.size());
    return c.request_cycles + phones * c.cycles_per_byte * e.frame.media_bytes;
  }
  return c.request_cycles;
}

void CdnPop::handle(Envelope& e) {
  switch (e.op) {
    case Op::download: return on_download(e);
    case Op::blob_data: return on_blob_data(e);
    case Op::fetch_failed: return on_fetch_failed(e);
    default: return;
  }
}

void CdnPop::on_download(Envelope& e) {
  requests_ += 1;
  const AssetId asset = e.frame.asset;
  const PopCache::Lookup lookup = cache_.request(asset);
  if (world_.media->is_viral(asset)) world_.recorder.viral_request(now_s(), lookup == PopCache::Lookup::hit);
  if (lookup == PopCache::Lookup::hit) return serve(e, true);
  auto& waiting = waiting_[asset];
  waiting.push_back(std::make_unique<Envelope>(std::move(e)));
  if (lookup == PopCache::Lookup::miss_wait) return;
  const Envelope& first = *waiting.back();
  auto* fetch = new Envelope{Op::origin_fetch, first.frame, first.user, first.device, 0, index_, {}, {}};
  const std::uint32_t region = world_.layout.slot(Tier::cdn_pop, index_).region;
  world_.post.to_server(Tier::asset_service, world_.layout.asset_server_of(region, asset), asset, fetch);
}

void CdnPop::on_blob_data(const Envelope& e) {
  cache_.fetched(e.frame.asset, e.frame.media_bytes, e.promoted);
  auto it = waiting_.find(e.frame.asset);
  if (it == waiting_.end()) return;
  for (const auto& request : it->second) serve(*request, false);
  waiting_.erase(it);
}

// The origin does not know the id: every phone waiting for it gets nothing (a counted failure).
void CdnPop::on_fetch_failed(const Envelope& e) {
  cache_.fetched(e.frame.asset, 0, false);
  auto it = waiting_.find(e.frame.asset);
  if (it == waiting_.end()) return;
  world_.recorder.media().downloads_failed += it->second.size();
  waiting_.erase(it);
}

void CdnPop::serve(const Envelope& request, bool hit) {
  const double bytes = request.frame.media_bytes;
  world_.recorder.media_egress(MediaTier::cdn, bytes, now_s());
  auto* data = new Envelope{Op::media_data, request.frame, request.user, request.device, 0, kNoServer, {}, {}};
  data->requested_at = request.requested_at;
  data->cache_hit = hit;
  const std::uint32_t region = world_.layout.slot(Tier::cdn_pop, index_).region;
  world_.media->courier(region).ship(world_.platform.host(Tier::cdn_pop, index_), world_.platform.device_host(region),
                                       bytes, Addressee{true, Tier::cdn_pop, region, 0}, data);
}

}  // namespace whatsim
