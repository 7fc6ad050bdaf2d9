#pragma once
// "Last seen": the chat server records each user's heartbeats while connected and keeps
// the last one after the user goes away.
#include <optional>

#include "src/core/compact_map.hpp"
#include "src/core/ids.hpp"

namespace whatsim {

class LastSeen {
 public:
  void on_heartbeat(UserId user, SimSeconds now);
  void on_connect(UserId user, SimSeconds now);
  void on_disconnect(UserId user, SimSeconds now);
  bool online(UserId user) const;
  // The time shown to contacts: now when online, the last heartbeat otherwise; none if the
  // user was never seen.
  std::optional<SimSeconds> shown(UserId user, SimSeconds now) const;

 private:
  struct Entry {
    SimSeconds last = 0;
    std::uint32_t connections = 0;  // a user with several devices is online while any is
  };
  CompactMap<UserId, Entry> entries_;
};

}  // namespace whatsim
