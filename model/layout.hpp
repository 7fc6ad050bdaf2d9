#pragma once
// What is simulated message by message: how many users, and which servers of each tier sit
// in which region. Derived from the scenario's deployment and simulation.scale; a reduced
// run keeps the per-server density of the design only as far as whole servers allow, and
// the ScaleStatement says so in plain words.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run_report.hpp"
#include "src/core/ids.hpp"
#include "src/media/media_ids.hpp"
#include "src/scenario/scenario.hpp"
#include "src/scenario/server_placement.hpp"

namespace whatsim {

enum class Tier : std::uint8_t {
  chat_server = 0,
  websocket_manager = 1,
  message_service = 2,
  group_service = 3,  // group membership (MySQL behind a Redis cache in the seeds)
  broker = 4,         // the Kafka-like log: a group is a topic
  group_handler = 5,  // consumes the log and delivers to members like a chat server
  asset_service = 6,  // media uploads, the dedup index, origin for the CDN
  blob_storage = 7,   // media bytes on disk
  cdn_pop = 8,        // a CDN point of presence: a cache near the phones of its region
  user_service = 9,   // profiles and public key bundles (prekeys) for end-to-end encryption
};
inline constexpr int kTierCount = 10;
const char* to_string(Tier t);
// The tier a scenario names ("chat_server", ...); false when there is none.
bool tier_from_name(const std::string& name, Tier& out);

// A route cache as the WebSocket manager names it when it remembers who cached a user's
// routes: a chat server's index, or a group handler's index with the top bit set; in a
// slice, also which of the server's caches (the cell it stands in for, see
// Layout::stand_in_cell) in the bits above the index.
inline constexpr ServerId kHandlerHolderBit = 0x80000000u;
inline constexpr int kStandInShift = 20;
inline constexpr ServerId kHolderIndexMask = (1u << kStandInShift) - 1;
inline constexpr std::uint32_t kMostStandInCells = (kHandlerHolderBit >> kStandInShift) - 1;
inline ServerId holder_id(Tier t, std::uint32_t index, std::uint32_t stand_in = 0) {
  return (t == Tier::group_handler ? kHandlerHolderBit : 0) | (stand_in << kStandInShift) | index;
}
inline Tier holder_tier(ServerId holder) {
  return (holder & kHandlerHolderBit) != 0 ? Tier::group_handler : Tier::chat_server;
}
inline std::uint32_t holder_index(ServerId holder) { return holder & kHolderIndexMask; }
inline std::uint32_t holder_stand_in(ServerId holder) { return (holder & ~kHandlerHolderBit) >> kStandInShift; }

struct ServerSlot {
  Tier tier;
  std::uint32_t index;   // within its tier, across regions
  std::uint32_t region;
  std::string host_name;
};

struct Layout {
  std::uint32_t users = 0;                        // simulated users
  std::vector<std::uint32_t> region_first_user;   // users of region r: [first[r], first[r+1])
  std::vector<std::vector<std::uint32_t>> chat_servers_of_region;  // tier indices
  std::vector<std::vector<std::uint32_t>> asset_servers_of_region;  // empty when media is off
  std::vector<std::vector<std::uint32_t>> pops_of_region;
  std::vector<ServerSlot> servers[kTierCount];
  // Each tier's simulated server: the modeled profile, or in a slice its share of one
  // (the hardware it runs on and the modeled capacity it stands for: server_placement.hpp).
  SimulatedServer tier_server[kTierCount];
  ScaleStatement scale;

  std::uint32_t region_count() const { return static_cast<std::uint32_t>(region_first_user.size() - 1); }
  std::uint32_t region_of(UserId u) const;
  std::uint32_t count(Tier t) const { return static_cast<std::uint32_t>(servers[static_cast<int>(t)].size()); }
  const ServerSlot& slot(Tier t, std::uint32_t i) const { return servers[static_cast<int>(t)][i]; }
  const SimulatedServer& server_of(Tier t) const { return tier_server[static_cast<int>(t)]; }
  const HardwareProfile& hardware_of(Tier t) const { return server_of(t).hardware; }
  // Users are sharded onto manager and message-service shards by a hash of their id.
  std::uint32_t manager_of(UserId u) const;
  std::uint32_t message_shard_of(UserId u) const;
  // A group's messages pass through the message-service shard its id hashes to, and its
  // membership lives on the group-service shard its id hashes to.
  std::uint32_t message_shard_of_group(GroupId g) const;
  std::uint32_t group_service_of(GroupId g) const;
  // Media: a phone uploads to an asset server of its region and downloads from a PoP of its
  // region (the nearest), both picked by a hash of the device; content lives on the storage
  // host its hash maps to; a PoP's misses go to an asset server of the PoP's region.
  std::uint32_t asset_server_of(std::uint32_t region, std::uint64_t key) const;
  std::uint32_t pop_of(std::uint32_t region, DeviceId d) const;
  std::uint32_t storage_of(ContentHash content) const;
  // A user's profile and key bundles live on the user-service shard its id hashes to.
  std::uint32_t user_service_of(UserId u) const;
  // Slice simulation: whether two users stand for users of different cells, and if so which
  // cell. In the full deployment a contact shares the user's chat server 1 time in (chat
  // servers); in a slice of fewer servers, a pair on one server stands for a pair across
  // cells with the share that restores that rate (fixed per pair, by a hash). Empty when the
  // pair is within one cell (always in a full run); else the cell the pair stands for, seen
  // from the server delivering between them: 0 for its own, else 1..stand_in_cells-1 (fixed
  // per pair). Each simulated chat server keeps a route cache per cell it stands in for, as
  // the servers of those cells would each keep their own (and ask the manager for their
  // own). One call answers both, so a frame hashes its pair once.
  std::optional<std::uint32_t> stand_in_cell(UserId a, UserId b) const;
  double same_cell_share = 1;  // of pairs on one simulated server, those that are on one modeled server
  std::uint32_t stand_in_cells = 1;
};

Layout plan_layout(const Scenario& s);
// The hardware a tier's modeled servers run on (a slice's servers: Layout::hardware_of).
const HardwareProfile& profile_of(const Scenario& s, Tier t);

}  // namespace whatsim
