#pragma once
// The media figures of a run: what the recorder counted, plus the state of the asset
// index, the storage hosts and the PoPs at the end.
#include <memory>
#include <vector>

#include "analysis/run_report.hpp"
#include "model/cdn_pop.hpp"
#include "model/storage_host.hpp"
#include "model/world.hpp"

namespace whatsim {

// `uploads_pending`: attachments phones still held (preparing or uploading) at the end.
MediaReport media_report(World& world, const std::vector<std::unique_ptr<CdnPop>>& pops,
                         const std::vector<std::unique_ptr<StorageHost>>& storage, std::uint64_t uploads_pending,
                         double end_s);

}  // namespace whatsim
