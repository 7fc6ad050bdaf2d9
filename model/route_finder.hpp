#pragma once
// Where the devices of a user are connected, as a server that delivers to them sees it:
// a route cache in front of the WebSocket manager. Chat servers and group message handlers
// both deliver "like a chat server" (the seeds), so both find routes through this one
// piece: a miss asks the user's manager shard and parks the frame until the answer, and
// later frames to that user wait behind it so none overtakes another.
#include <optional>
#include <unordered_map>
#include <vector>

#include "model/world.hpp"
#include "src/protocol/route_cache.hpp"

namespace whatsim {

class RouteFinder {
 public:
  // `tier` and `index`: the server this cache belongs to (where the manager replies);
  // `stand_in`: which of its caches, in a slice (see Layout::stand_in_cell).
  RouteFinder(World& world, Tier tier, std::uint32_t index, std::uint32_t stand_in = 0);

  struct Parked {
    ChatFrame frame;
    std::optional<DeviceId> only_device;
  };
  // The user's routes if cached; otherwise nothing, and the frame is parked until on_reply().
  std::optional<Routes> find(UserId user, const ChatFrame& frame, std::optional<DeviceId> only_device);
  // The manager answered: the routes are cached; returns the frames that waited for them.
  std::vector<Parked> on_reply(UserId user, const std::vector<DeviceRoute>& routes);
  Routes routes(UserId user) const { return cache_.routes(user); }
  void invalidate(UserId user) { cache_.invalidate(user); }
  std::size_t cached_users() const { return cache_.size(); }
  // The server crashed: its memory is gone (cached routes, frames waiting for a lookup).
  void clear() {
    cache_.clear();
    parked_.clear();
  }

 private:
  World& world_;
  ServerId holder_;  // how the manager names this cache (see holder_id())
  RouteCache cache_;
  std::unordered_map<UserId, std::vector<Parked>> parked_;
};

}  // namespace whatsim
