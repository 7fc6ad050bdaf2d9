#pragma once
// A message id is minted by the sending device: (device, that device's counter). Retrying
// a send reuses the id, which is what makes retries idempotent end to end.
#include <cstdint>
#include <functional>

#include "src/core/ids.hpp"

namespace whatsim {

struct MessageId {
  DeviceId device = 0;
  std::uint32_t counter = 0;  // 1, 2, 3... per device

  std::uint64_t packed() const { return (static_cast<std::uint64_t>(device) << 32) | counter; }
  static MessageId unpack(std::uint64_t v) {
    return MessageId{static_cast<DeviceId>(v >> 32), static_cast<std::uint32_t>(v & 0xffffffffu)};
  }
  friend bool operator==(MessageId a, MessageId b) { return a.packed() == b.packed(); }
  friend bool operator!=(MessageId a, MessageId b) { return !(a == b); }
  friend bool operator<(MessageId a, MessageId b) { return a.packed() < b.packed(); }
};

}  // namespace whatsim

template <>
struct std::hash<whatsim::MessageId> {
  std::size_t operator()(whatsim::MessageId id) const noexcept { return std::hash<std::uint64_t>{}(id.packed()); }
};
