#pragma once
// A chat server's cache of where other users' devices are connected, so an ongoing
// conversation does not ask the WebSocket manager for every message. Entries carry the
// manager's epoch; the manager invalidates them when a device reconnects elsewhere.
// While a lookup for a user is in flight, later messages to that user wait behind it, so
// a cache fill can never let a later message overtake an earlier one.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "src/core/ids.hpp"

namespace whatsim {

struct DeviceRoute {
  DeviceId device = 0;
  ServerId server = kNoServer;  // kNoServer: the device is offline
  Epoch epoch = 0;
};

class RouteCache {
 public:
  enum class Lookup : std::uint8_t {
    hit,            // routes() holds the answer
    miss_ask,       // no entry: ask the manager, then call fill()
    miss_wait,      // a lookup for this user is already in flight: wait for its fill()
  };
  Lookup lookup(UserId user);
  const std::vector<DeviceRoute>& routes(UserId user) const;  // valid after hit or fill
  void fill(UserId user, std::vector<DeviceRoute> routes);
  // The manager says `user`'s routes changed: drop the entry (a later lookup asks again).
  // Returns false when there was no entry (the invalidation was already applied).
  bool invalidate(UserId user);
  std::size_t size() const { return entries_.size(); }
  void clear() { entries_.clear(); }

 private:
  struct Entry {
    bool pending = true;
    std::vector<DeviceRoute> routes;
  };
  std::unordered_map<UserId, Entry> entries_;
};

}  // namespace whatsim
