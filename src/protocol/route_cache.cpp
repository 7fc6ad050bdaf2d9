#include "src/protocol/route_cache.hpp"

#include <stdexcept>
#include <string>

namespace whatsim {

RouteCache::Lookup RouteCache::lookup(UserId user) {
  const auto [it, inserted] = entries_.try_emplace(user);  // a new entry starts pending
  if (inserted) return Lookup::miss_ask;
  return it->second.pending ? Lookup::miss_wait : Lookup::hit;
}

Routes RouteCache::routes(UserId user) const {
  Routes out;
  const auto it = entries_.find(user);
  if (it == entries_.end() || it->second.devices == 0) return out;
  const Entry& e = it->second;
  out.push_back(DeviceRoute{e.first_device, e.first.server, e.first.epoch});
  for (std::uint16_t i = 1; i < e.devices; ++i) {
    const Hop& hop = others_.find(other_key(user, i))->second;
    out.push_back(DeviceRoute{e.first_device + i, hop.server, hop.epoch});
  }
  return out;
}

void RouteCache::fill(UserId user, const std::vector<DeviceRoute>& routes) {
  if (routes.size() > UINT16_MAX) throw std::invalid_argument("route cache: more than 65535 devices for one user");
  for (std::size_t i = 1; i < routes.size(); ++i)
    if (routes[i].device != routes[0].device + i)
      throw std::invalid_argument("route cache: the devices of user " + std::to_string(user) + " are not consecutive");
  const auto found = entries_.find(user);
  if (found != entries_.end()) drop_others(user, found->second);
  Entry entry;
  entry.pending = false;
  entry.devices = static_cast<std::uint16_t>(routes.size());
  if (!routes.empty()) {
    entry.first_device = routes[0].device;
    entry.first = Hop{routes[0].server, routes[0].epoch};
  }
  entries_[user] = entry;
  for (std::size_t i = 1; i < routes.size(); ++i)
    others_[other_key(user, static_cast<std::uint16_t>(i))] = Hop{routes[i].server, routes[i].epoch};
}

bool RouteCache::invalidate(UserId user) {
  const auto found = entries_.find(user);
  if (found == entries_.end()) return false;
  drop_others(user, found->second);
  entries_.erase(found);
  return true;
}

void RouteCache::drop_others(UserId user, const Entry& entry) {
  for (std::uint16_t i = 1; i < entry.devices; ++i) others_.erase(other_key(user, i));
}

}  // namespace whatsim
