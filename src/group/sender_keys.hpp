#pragma once
// The phones' side of Signal sender keys in groups (costs.md, WhatsApp security whitepaper):
// a device that sends to a group makes a sender key and sends it pairwise-encrypted to each
// other member device once; after that each group message is encrypted once and fanned out
// by the server. A joiner's devices get the current key on the holder's next send; a member
// leaving makes every member reset its key, so the next send makes a new one for everyone
// (the leaver must not read what follows).
//
// State exists only per (device, group) the device has sent to: the number of joiner
// devices still owed the current key. Holding no state means "no current key".
#include <cstdint>
#include <unordered_map>

#include "src/core/ids.hpp"

namespace whatsim {

struct KeyDistribution {
  std::uint32_t devices = 0;  // pairwise-encrypted key copies to send with this message
  bool new_key = false;       // a new sender key was made (first send, or after a reset)
};

class SenderKeyBook {
 public:
  // `sender` is about to send to `group`, which has `other_member_devices` member devices
  // besides it.
  KeyDistribution before_send(DeviceId sender, GroupId group, std::uint32_t other_member_devices);
  // `holder`'s phone saw a join notice: the joiner's devices need its key on its next send.
  void member_joined(DeviceId holder, GroupId group, std::uint32_t joiner_devices);
  // `holder`'s phone saw a leave notice: its key is reset.
  void member_left(DeviceId holder, GroupId group);
  // `holder` itself left the group: it keeps nothing for it.
  void forget(DeviceId holder, GroupId group);

  std::uint64_t distributions() const { return distributions_; }       // new keys made
  std::uint64_t pairwise_copies() const { return pairwise_copies_; }   // key copies sent
  std::size_t keys_held() const { return owed_.size(); }               // (device, group) pairs with a key

 private:
  static std::uint64_t key_of(DeviceId holder, GroupId group) {
    return (static_cast<std::uint64_t>(holder) << 32) | group;
  }
  // (holder, group) -> joiner devices that do not have the holder's current key yet.
  std::unordered_map<std::uint64_t, std::uint32_t> owed_;
  std::uint64_t distributions_ = 0;
  std::uint64_t pairwise_copies_ = 0;
};

}  // namespace whatsim
