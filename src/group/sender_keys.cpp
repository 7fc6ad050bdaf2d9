#include "src/group/sender_keys.hpp"

namespace whatsim {

KeyDistribution SenderKeyBook::before_send(DeviceId sender, GroupId group, std::uint32_t other_member_devices) {
  const auto [it, new_key] = owed_.try_emplace(key_of(sender, group), 0);
  // A new key goes to everyone; an existing one only to devices that joined since.
  const std::uint32_t devices = new_key ? other_member_devices : it->second;
  it->second = 0;
  if (new_key) ++distributions_;
  pairwise_copies_ += devices;
  return KeyDistribution{devices, new_key};
}

void SenderKeyBook::member_joined(DeviceId holder, GroupId group, std::uint32_t joiner_devices) {
  // A holder without a key will make one for everyone, the joiner included, when it sends.
  const auto it = owed_.find(key_of(holder, group));
  if (it != owed_.end()) it->second += joiner_devices;
}

// Dropping the key is the reset: the next send finds none and makes a new one for all.
void SenderKeyBook::member_left(DeviceId holder, GroupId group) { owed_.erase(key_of(holder, group)); }

void SenderKeyBook::forget(DeviceId holder, GroupId group) { owed_.erase(key_of(holder, group)); }

}  // namespace whatsim
