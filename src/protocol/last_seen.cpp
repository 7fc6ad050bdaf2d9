#include "src/protocol/last_seen.hpp"

namespace whatsim {

void LastSeen::on_heartbeat(UserId user, SimSeconds now) { entries_[user].last = now; }

void LastSeen::on_connect(UserId user, SimSeconds now) {
  Entry& e = entries_[user];
  ++e.connections;
  e.last = now;
}

void LastSeen::on_disconnect(UserId user, SimSeconds now) {
  Entry& e = entries_[user];
  // A close that was never matched by a connect (e.g. a stale one) must not wrap around.
  if (e.connections > 0) --e.connections;
  e.last = now;
}

bool LastSeen::online(UserId user) const {
  const auto it = entries_.find(user);
  return it != entries_.end() && it->second.connections > 0;
}

std::optional<SimSeconds> LastSeen::shown(UserId user, SimSeconds now) const {
  const auto it = entries_.find(user);
  if (it == entries_.end()) return std::nullopt;
  return it->second.connections > 0 ? now : it->second.last;
}

}  // namespace whatsim
