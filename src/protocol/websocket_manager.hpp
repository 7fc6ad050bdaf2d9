#pragma once
// The WebSocket manager: which server each device is connected to (Redis in the seeds).
// One instance per manager shard, owning the users that hash to it. It also remembers
// which chat servers cached a user's routes, so a reconnect elsewhere can invalidate
// exactly those caches.
#include <functional>
#include <vector>

#include <boost/container/flat_set.hpp>
#include <boost/container/small_vector.hpp>

#include "src/core/compact_map.hpp"
#include "src/core/ids.hpp"
#include "src/protocol/route_cache.hpp"

namespace whatsim {

class WebSocketManager {
 public:
  // A device connected to `server`. Returns the new epoch and the chat servers whose cached
  // routes for this user are now stale (to be sent an invalidation).
  struct ConnectResult {
    Epoch epoch = 0;
    std::vector<ServerId> invalidate;
  };
  ConnectResult connect(UserId user, DeviceId device, ServerId server);
  // The device's connection with `epoch` closed. A close from an older epoch (the device
  // already reconnected elsewhere) changes nothing and returns no invalidations.
  std::vector<ServerId> disconnect(UserId user, DeviceId device, Epoch epoch);
  // Routes of every device of `user` (offline devices have server kNoServer); `asker` is
  // remembered as a cache holder to invalidate later.
  std::vector<DeviceRoute> lookup(UserId user, DeviceId first_device, std::uint32_t device_count, ServerId asker);
  std::size_t connected_devices() const { return routes_.size(); }
  // A chat server failed: forget every route through it (its devices are gone until they
  // reconnect). Returns those devices, in increasing order.
  std::vector<DeviceId> drop_server(ServerId server);
  // The servers that cached `user`'s routes, forgotten once returned (see disconnect()).
  std::vector<ServerId> stale_caches(UserId user) { return take_cache_holders(user); }

 private:
  std::vector<ServerId> take_cache_holders(UserId user);
  struct Route {
    ServerId server = kNoServer;
    Epoch epoch = 0;
  };
  CompactMap<DeviceId, Route> routes_;         // online devices only
  CompactMap<DeviceId, Epoch> last_epoch_;     // survives disconnects: epochs only grow
  // Most users' routes are cached by one or two servers: kept inline, sorted, a user costs
  // one map slot (a hash set per user cost three allocations, about 220 bytes).
  using ServerSet = boost::container::flat_set<ServerId, std::less<>, boost::container::small_vector<ServerId, 2>>;
  CompactMap<UserId, ServerSet> cache_holders_;
};

}  // namespace whatsim
