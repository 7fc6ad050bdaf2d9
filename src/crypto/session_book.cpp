#include "src/crypto/session_book.hpp"

#include <stdexcept>
#include <string>

namespace whatsim {

// Smaller id first, so (a, b) and (b, a) name the one session both ends share.
std::uint64_t SessionBook::key(DeviceId a, DeviceId b) {
  const DeviceId lo = a < b ? a : b;
  const DeviceId hi = a < b ? b : a;
  return (static_cast<std::uint64_t>(lo) << 32) | hi;
}

bool SessionBook::has_session(DeviceId a, DeviceId b) const { return last_sender_.count(key(a, b)) != 0; }

// try_emplace keeps an existing session's last sender: establishing twice changes nothing.
void SessionBook::establish(DeviceId a, DeviceId b) { last_sender_.try_emplace(key(a, b), kNoDevice); }

bool SessionBook::on_send(DeviceId from, DeviceId to) {
  const auto it = last_sender_.find(key(from, to));
  if (it == last_sender_.end()) {
    throw std::logic_error("no session between devices " + std::to_string(from) + " and " + std::to_string(to) +
                           ": establish() (X3DH) comes before the first message");
  }
  // The other side wrote last: its new ratchet key is unanswered, so this side agrees a new one.
  const bool ratchet = it->second == to;
  it->second = from;
  return ratchet;
}

}  // namespace whatsim
