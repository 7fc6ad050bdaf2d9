// Population, the media side: a phone prepares a file (or refuses it), uploads it to its
// region's asset service (with dedup "ask_first", asks by hash first), gets its id back and
// sends the message; a receiving device downloads the file from its PoP. Files go over HTTP,
// not the chat connection (population.hpp has the rest of the client).
#include "model/media_services.hpp"
#include "model/population.hpp"

namespace whatsim {

// The phone refuses files over its type's limit; it compresses and encrypts the rest (phone
// CPU time, and the hash when it asks before uploading) before uploading. The message
// itself then carries only a reference.
void Population::attach(DeviceId device, ChatFrame& f, double now) {
  const MediaServices& media = *world_.media;
  const Attachment a = media.workload.draw(f.id.packed(), now, media_rng_);
  MediaReport& counts = world_.recorder.media();
  counts.attachments += 1;
  counts.by_type[to_string(a.type)] += 1;
  if (const auto refusal = media.limits.check(a.type, a.original_bytes)) {
    counts.refused[to_string(*refusal)] += 1;
    return;
  }
  const MediaTypeSpec& type = world_.media_spec().types.at(static_cast<int>(a.type));
  f.media_type = a.type;
  f.media_bytes = static_cast<std::uint32_t>(a.upload_bytes);
  f.body_bytes = static_cast<std::uint32_t>(world_.media_spec().reference_bytes);
  uploading_[f.id] = {a.content, now};
  const PhoneCrypto& crypto = crypto_of(device);
  const double encrypt_s = crypto.seconds(crypto.file_cycles(a.upload_bytes));
  const double other_cycles = a.original_bytes * type.compress_cycles_per_byte +
                              (asks_first() ? crypto.sha256_cycles(a.upload_bytes) : 0);
  f.path.device_crypto_s += static_cast<float>(encrypt_s);
  schedule(phone_work(device, now, encrypt_s + crypto.seconds(other_cycles)), TimerKind::upload, device, f);
}

// Over HTTP to an asset server of the phone's region: the file, or first only its hash.
void Population::upload(DeviceId device, const ChatFrame& f) {
  if (!asks_first()) return send_file(device, f);
  auto* ask = new Envelope{Op::upload_check, f, world_.devices.owner(device), device, 0, kNoServer, {}, {}};
  ask->content = uploading_.at(f.id).content;
  world_.post.to_server(Tier::asset_service, world_.layout.asset_server_of(region_, device), ask->content, ask);
}

// The file moves at most at the phone's uplink rate (its radio: see platform.hpp).
void Population::send_file(DeviceId device, const ChatFrame& f) {
  const UserId user = world_.devices.owner(device);
  const std::uint32_t server = world_.layout.asset_server_of(region_, device);
  auto* e = new Envelope{Op::upload, f, user, device, 0, kNoServer, {}, {}};
  e->content = uploading_.at(f.id).content;
  world_.media->courier(region_).ship(world_.platform.device_host(region_),
                                        world_.platform.host(Tier::asset_service, server), f.media_bytes,
                                        Addressee{false, Tier::asset_service, server, e->content}, e);
}

// The id is back: the message leaves now (its latency counts from here; the upload has its
// own class). A refusal by the asset service ends the message.
void Population::on_upload_reply(const Envelope& e, double now) {
  auto it = uploading_.find(e.frame.id);
  if (it == uploading_.end()) return;
  const double composed_at = it->second.composed_at;
  uploading_.erase(it);
  MediaReport& counts = world_.recorder.media();
  if (e.refusal != 0) {
    counts.refused[to_string(static_cast<RefusalReason>(e.refusal - 1))] += 1;
    return;
  }
  world_.recorder.latency("media_upload", composed_at, now, e.frame.path);
  counts.messages_sent += 1;
  ChatFrame f = e.frame;
  f.sent_at = now;
  f.path = {};  // the message's own path starts here
  dispatch(e.device, f, now);
}

// Every receiving device fetches the file from the PoP nearest to it.
void Population::download(DeviceId d, const ChatFrame& f, double now) {
  world_.recorder.media().downloads_requested += 1;
  auto* e = new Envelope{Op::download, f, world_.devices.owner(d), d, 0, kNoServer, {}, {}};
  e->frame.path = {};  // the download's own path starts here
  e->requested_at = now;
  world_.post.to_server(Tier::cdn_pop, world_.layout.pop_of(region_, d), f.asset, e);
}

// The last byte is in; the phone decrypts the file before showing it.
void Population::on_media_data(const Envelope& e, double now) {
  MediaReport& counts = world_.recorder.media();
  counts.downloads_completed += 1;
  const PhoneCrypto& crypto = crypto_of(e.device);
  const double decrypt_s = crypto.seconds(crypto.file_cycles(e.frame.media_bytes));
  const double shown_at = phone_work(e.device, now, decrypt_s);
  PathTime path = e.frame.path;
  path.device_crypto_s += static_cast<float>(decrypt_s);
  world_.recorder.latency("media_download", e.requested_at, shown_at, path);
  world_.recorder.latency(e.cache_hit ? "media_download_cdn_hit" : "media_download_cdn_miss", e.requested_at, shown_at,
                          path);
}

}  // namespace whatsim
