#include "src/protocol/route_cache.hpp"

#include <utility>

namespace whatsim {

RouteCache::Lookup RouteCache::lookup(UserId user) {
  const auto [it, inserted] = entries_.try_emplace(user);  // a new entry starts pending
  if (inserted) return Lookup::miss_ask;
  return it->second.pending ? Lookup::miss_wait : Lookup::hit;
}

const std::vector<DeviceRoute>& RouteCache::routes(UserId user) const {
  // A reference must outlive the call, so an absent user shares one empty vector.
  static const std::vector<DeviceRoute> kNone;
  const auto it = entries_.find(user);
  return it == entries_.end() ? kNone : it->second.routes;
}

void RouteCache::fill(UserId user, std::vector<DeviceRoute> routes) {
  Entry& entry = entries_[user];
  entry.pending = false;
  entry.routes = std::move(routes);
}

bool RouteCache::invalidate(UserId user) { return entries_.erase(user) > 0; }

}  // namespace whatsim
