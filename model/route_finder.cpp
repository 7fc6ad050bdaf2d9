#include "model/route_finder.hpp"

namespace whatsim {

RouteFinder::RouteFinder(World& world, Tier tier, std::uint32_t index, std::uint32_t stand_in)
    : world_(world), holder_(holder_id(tier, index, stand_in)) {}

std::optional<Routes> RouteFinder::find(UserId user, const ChatFrame& frame, std::optional<DeviceId> only_device) {
  switch (cache_.lookup(user)) {
    case RouteCache::Lookup::hit: return cache_.routes(user);
    case RouteCache::Lookup::miss_ask: {
      auto* ask = new Envelope{Op::lookup, {}, user, 0, 0, holder_, {}, {}};
      world_.post.to_server(Tier::websocket_manager, world_.layout.manager_of(user), user, ask);
      [[fallthrough]];
    }
    case RouteCache::Lookup::miss_wait: parked_[user].push_back({frame, only_device}); return std::nullopt;
  }
  return std::nullopt;
}

std::vector<RouteFinder::Parked> RouteFinder::on_reply(UserId user, const std::vector<DeviceRoute>& routes) {
  cache_.fill(user, routes);
  auto it = parked_.find(user);
  if (it == parked_.end()) return {};
  std::vector<Parked> waiting = std::move(it->second);
  parked_.erase(it);
  return waiting;
}

}  // namespace whatsim
