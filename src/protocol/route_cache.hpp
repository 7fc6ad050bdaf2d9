#pragma once
// A chat server's cache of where other users' devices are connected, so an ongoing
// conversation does not ask the WebSocket manager for every message. Entries carry the
// manager's epoch; the manager invalidates them when a device reconnects elsewhere.
// While a lookup for a user is in flight, later messages to that user wait behind it, so
// a cache fill can never let a later message overtake an earlier one.
#include <cstdint>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "src/core/compact_map.hpp"
#include "src/core/ids.hpp"

namespace whatsim {

struct DeviceRoute {
  DeviceId device = 0;
  ServerId server = kNoServer;  // kNoServer: the device is offline
  Epoch epoch = 0;
};

// A user's routes as the cache hands them out: one per device, in device order. Up to three
// devices (the baseline's most) fit without the heap.
using Routes = boost::container::small_vector<DeviceRoute, 3>;

class RouteCache {
 public:
  enum class Lookup : std::uint8_t {
    hit,            // routes() holds the answer
    miss_ask,       // no entry: ask the manager, then call fill()
    miss_wait,      // a lookup for this user is already in flight: wait for its fill()
  };
  Lookup lookup(UserId user);
  Routes routes(UserId user) const;  // after hit or fill; empty for a user with no entry
  // The manager's answer, one route per device of the user. Throws std::invalid_argument
  // unless the devices are consecutive (a user's devices are: see DeviceId), which is what
  // lets an entry keep only the first.
  void fill(UserId user, const std::vector<DeviceRoute>& routes);
  // The manager says `user`'s routes changed: drop the entry (a later lookup asks again).
  // Returns false when there was no entry (the invalidation was already applied).
  bool invalidate(UserId user);
  std::size_t size() const { return entries_.size(); }
  void clear() {
    entries_.clear();
    others_.clear();
  }

 private:
  // A cache holds an entry per user a server has delivered to, and in a slice a server
  // keeps one cache per cell it stands in for, so entries are kept small: the first
  // device's route inline (16 bytes), the other devices' routes (a user with more than one
  // device) in a second map by (user, device index).
  struct Hop {
    ServerId server = kNoServer;
    Epoch epoch = 0;
  };
  struct Entry {
    bool pending = true;
    std::uint16_t devices = 0;
    DeviceId first_device = 0;
    Hop first;
  };
  static std::uint64_t other_key(UserId user, std::uint16_t index) {
    return (static_cast<std::uint64_t>(user) << 16) | index;
  }
  void drop_others(UserId user, const Entry& entry);
  CompactMap<UserId, Entry> entries_;
  CompactMap<std::uint64_t, Hop> others_;  // (user, device index >= 1) -> route
};

}  // namespace whatsim
