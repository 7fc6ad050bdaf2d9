#pragma once
// An asset server (the seeds' asset service: "compressed and encrypted files are sent to the
// asset service to store on blob storage; it assigns an ID ... and maintains a hash for each
// file to avoid duplication"). It hashes each upload; known content gets its existing id at
// once (or when its first write finishes), new content is written to the storage host its
// hash maps to, then the id goes back to the phone (with media.asset.dedup "ask_first" the
// phone asks by hash first and uploads only what the service lacks). It is also the CDN's origin: a PoP's
// miss comes here, is counted toward promotion, and is read from blob storage.
#include "model/world.hpp"

namespace whatsim {

class AssetServer {
 public:
  AssetServer(World& world, std::uint32_t index);

  double cost(const Envelope& e) const;
  void handle(Envelope& e);

 private:
  void on_upload(Envelope& e);
  void on_upload_check(const Envelope& e);
  // Known content: answer with its id now, or once its first write is durable. False when unknown.
  bool answer_known(const Envelope& e);
  void on_blob_written(const Envelope& e);
  void on_origin_fetch(const Envelope& e);
  Envelope* reply_to_phone(const Envelope& upload, AssetId id, int refusal) const;
  void send_to_phone(Envelope* reply) const;
  World& world_;
  std::uint32_t index_;
};

}  // namespace whatsim
