#pragma once
// The Signal sessions the phones of a region hold, one per ordered pair of devices that
// have exchanged messages (a session is symmetric: either side may start it). A first
// message to a device needs its bundle and X3DH; later ones use the session, and the
// first message after the other side wrote adds a ratchet step (a new key agreement per
// round trip).
#include <cstdint>

#include "src/core/compact_map.hpp"
#include "src/core/ids.hpp"

namespace whatsim {

class SessionBook {
 public:
  bool has_session(DeviceId a, DeviceId b) const;
  // X3DH between `a` and `b` is done (by either side). Idempotent.
  void establish(DeviceId a, DeviceId b);
  // `from` encrypts a message for `to` in their session: true when it must first take a
  // ratchet step, i.e. the last message in this session went from `to` to `from`. The
  // first message after establish() needs none. Throws std::logic_error without a session.
  bool on_send(DeviceId from, DeviceId to);
  std::uint64_t sessions() const { return last_sender_.size(); }
  // The one key both ends of a session share: the unordered pair (a, b).
  static std::uint64_t key(DeviceId a, DeviceId b);

 private:
  CompactMap<std::uint64_t, DeviceId> last_sender_;  // per session: who wrote last (kNoDevice: nobody yet)
};

}  // namespace whatsim
