#include "model/asset_server.hpp"

#include "model/media_services.hpp"
#include "model/sim_clock.hpp"

namespace whatsim {

AssetServer::AssetServer(World& world, std::uint32_t index) : world_(world), index_(index) {}

double AssetServer::cost(const Envelope& e) const {
  const AssetServiceCosts& c = world_.media_spec().asset;
  if (e.op == Op::upload) return c.request_cycles + c.hash_cycles_per_byte * e.frame.media_bytes;  // never trusts a phone's hash
  return c.request_cycles;
}

void AssetServer::handle(Envelope& e) {
  switch (e.op) {
    case Op::upload: return on_upload(e);
    case Op::upload_check: return on_upload_check(e);
    case Op::blob_written: return on_blob_written(e);
    case Op::origin_fetch: return on_origin_fetch(e);
    default: return;
  }
}

// New content is admitted only if its storage host has room; known content costs nothing more.
void AssetServer::on_upload(Envelope& e) {
  MediaServices& media = *world_.media;
  if (answer_known(e)) return;
  world_.recorder.media().uploads += 1;
  const std::uint32_t storage = world_.layout.storage_of(e.content);
  if (!media.volumes[storage].reserve(e.frame.media_bytes)) {
    return send_to_phone(reply_to_phone(e, kNoAsset, 1 + static_cast<int>(RefusalReason::storage_full)));
  }
  const AssetStore::Upload up = media.assets.put(e.content, e.frame.media_bytes, e.frame.media_type);
  if (e.content == MediaWorkload::viral_content()) world_.recorder.media().viral.asset = up.id;
  // The file goes on to its storage host; the phone hears back once it is on disk.
  auto* write = new Envelope{Op::blob_write, e.frame, e.user, e.device, 0, index_, {}, {}};
  write->frame.asset = up.id;
  write->content = e.content;
  world_.recorder.media_egress(MediaTier::asset, e.frame.media_bytes, now_s());
  const auto* hosts = &world_.platform;
  media.courier(world_.layout.slot(Tier::blob_storage, storage).region).ship(
      hosts->host(Tier::asset_service, index_), hosts->host(Tier::blob_storage, storage), e.frame.media_bytes,
      Addressee{false, Tier::blob_storage, storage, up.id}, write);
}

// The phone asks by hash: known content needs no upload; unknown content must come.
void AssetServer::on_upload_check(const Envelope& e) {
  if (answer_known(e)) {
    world_.recorder.media().uplink_saved_bytes += e.frame.media_bytes;
    return;
  }
  auto* go = new Envelope{Op::upload_go, e.frame, e.user, e.device, 0, kNoServer, {}, {}};
  go->content = e.content;
  send_to_phone(go);
}

bool AssetServer::answer_known(const Envelope& e) {
  MediaServices& media = *world_.media;
  if (media.assets.find_content(e.content) == nullptr) return false;
  MediaReport& counts = world_.recorder.media();
  counts.uploads += 1;
  counts.dedup_hits += 1;
  const AssetStore::Upload up = media.assets.put(e.content, e.frame.media_bytes, e.frame.media_type);
  if (up.outcome == AssetStore::Outcome::duplicate_pending) {
    media.awaiting_write[up.id].emplace_back(reply_to_phone(e, up.id, 0));
  } else {
    send_to_phone(reply_to_phone(e, up.id, 0));
  }
  return true;
}

// The first write is durable: answer its uploader and every duplicate that waited for it.
void AssetServer::on_blob_written(const Envelope& e) {
  MediaServices& media = *world_.media;
  media.assets.written(e.frame.asset);
  send_to_phone(reply_to_phone(e, e.frame.asset, 0));
  auto waiting = media.awaiting_write.find(e.frame.asset);
  if (waiting == media.awaiting_write.end()) return;
  for (auto& reply : waiting->second) send_to_phone(reply.release());
  media.awaiting_write.erase(waiting);
}

// A PoP missed: count the request toward promotion, then have the file read from blob
// storage and sent to the PoP, which keeps it if it is promoted.
void AssetServer::on_origin_fetch(const Envelope& e) {
  MediaServices& media = *world_.media;
  const PromotionCounter::Count count = media.promotion.on_request(e.frame.asset);
  if (count.promoted_now) world_.recorder.media().promotions += 1;
  if (count.promoted_now && media.is_viral(e.frame.asset)) world_.recorder.viral_promoted(now_s());
  const Asset* asset = media.assets.find(e.frame.asset);
  if (asset == nullptr || !asset->durable) {
    auto* failed = new Envelope{Op::fetch_failed, e.frame, e.user, e.device, 0, kNoServer, {}, {}};
    return world_.post.to_server(Tier::cdn_pop, e.reply_to, e.frame.asset, failed);
  }
  auto* read = new Envelope{Op::blob_read, e.frame, e.user, e.device, 0, e.reply_to, {}, {}};
  read->promoted = count.promoted;
  read->frame.media_bytes = static_cast<std::uint32_t>(asset->bytes);
  const std::uint32_t storage = world_.layout.storage_of(asset->content);
  world_.post.to_server(Tier::blob_storage, storage, e.frame.asset, read);
}

Envelope* AssetServer::reply_to_phone(const Envelope& upload, AssetId id, int refusal) const {
  auto* reply = new Envelope{Op::upload_reply, upload.frame, upload.user, upload.device, 0, kNoServer, {}, {}};
  reply->frame.asset = id;
  reply->refusal = static_cast<std::uint8_t>(refusal);
  return reply;
}

void AssetServer::send_to_phone(Envelope* reply) const {
  world_.post.to_devices(world_.layout.region_of(reply->user), reply);
}

}  // namespace whatsim
