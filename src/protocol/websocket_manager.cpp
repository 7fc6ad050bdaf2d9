#include "src/protocol/websocket_manager.hpp"

#include <algorithm>

namespace whatsim {

WebSocketManager::ConnectResult WebSocketManager::connect(UserId user, DeviceId device, ServerId server) {
  const Epoch epoch = ++last_epoch_[device];
  const auto it = routes_.find(device);
  // Caches only go stale when the answer they hold changed: the device came online or
  // moved. A reconnect to the same server keeps every cached route right.
  const bool changed = it == routes_.end() || it->second.server != server;
  routes_[device] = Route{server, epoch};
  ConnectResult result;
  result.epoch = epoch;
  if (changed) result.invalidate = take_cache_holders(user);
  return result;
}

std::vector<ServerId> WebSocketManager::disconnect(UserId user, DeviceId device, Epoch epoch) {
  const auto it = routes_.find(device);
  // A close that lost the race with a reconnect must not take the new route down.
  if (it == routes_.end() || it->second.epoch != epoch) return {};
  routes_.erase(it);
  return take_cache_holders(user);
}

std::vector<DeviceRoute> WebSocketManager::lookup(UserId user, DeviceId first_device, std::uint32_t device_count,
                                                  ServerId asker) {
  std::vector<DeviceRoute> routes;
  routes.reserve(device_count);
  for (DeviceId d = first_device; d < first_device + device_count; ++d) {
    const auto it = routes_.find(d);
    if (it != routes_.end()) {
      routes.push_back(DeviceRoute{d, it->second.server, it->second.epoch});
    } else {
      const auto last = last_epoch_.find(d);
      routes.push_back(DeviceRoute{d, kNoServer, last == last_epoch_.end() ? 0 : last->second});
    }
  }
  cache_holders_[user].insert(asker);
  return routes;
}

std::vector<DeviceId> WebSocketManager::drop_server(ServerId server) {
  std::vector<DeviceId> dropped;
  for (auto it = routes_.begin(); it != routes_.end();) {
    if (it->second.server == server) {
      dropped.push_back(it->first);
      routes_.erase(it++);  // an erase invalidates no iterator (CompactMap)
    } else {
      ++it;
    }
  }
  std::sort(dropped.begin(), dropped.end());  // hash-map order must not leak into the run
  return dropped;
}

// Holders are forgotten once told: a server asks again (and registers again) on its next
// miss, so each invalidation is sent once per cached copy.
std::vector<ServerId> WebSocketManager::take_cache_holders(UserId user) {
  const auto it = cache_holders_.find(user);
  if (it == cache_holders_.end()) return {};
  std::vector<ServerId> holders(it->second.begin(), it->second.end());  // ascending
  cache_holders_.erase(it);
  return holders;
}

}  // namespace whatsim
