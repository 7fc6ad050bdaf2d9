#pragma once
// Identifiers shared by every component. Plain integers keep per-user state compact
// (10M simulated users must fit in a few GB); the names keep them apart for the reader.
#include <cstdint>
#include <limits>

namespace whatsim {

using UserId = std::uint32_t;
using DeviceId = std::uint32_t;        // global device index: devices of one user are contiguous
using ServerId = std::uint32_t;        // index of a chat (WebSocket) server in the deployment
using ShardId = std::uint32_t;         // index of a manager or message-service shard
using ConversationId = std::uint64_t;  // one-to-one: the unordered pair of users, see conversation_of()
using StreamId = std::uint64_t;        // one direction of a conversation: (sender, recipient), see stream_of()
using Seq = std::uint32_t;             // position in a stream, starting at 1
using Epoch = std::uint32_t;           // increments each time a device (re)connects
using GroupId = std::uint32_t;         // a group chat, from 1; 0 means "not a group" (one-to-one)

inline constexpr ServerId kNoServer = std::numeric_limits<ServerId>::max();
inline constexpr GroupId kNoGroup = 0;
// Group notices ("X joined", "X left") are minted by the group service, not by a phone.
inline constexpr DeviceId kGroupServiceDevice = std::numeric_limits<DeviceId>::max() - 1;
// In an event about a whole message rather than one copy (e.g. a group message the handler
// had not yet fanned out when the run ended): every device it is meant for.
inline constexpr DeviceId kAllDevices = std::numeric_limits<DeviceId>::max();
// No device (e.g. nobody has written in a session yet).
inline constexpr DeviceId kNoDevice = std::numeric_limits<DeviceId>::max() - 2;

// Simulated time in seconds, as SimGrid keeps it; converted to milliseconds only for output.
using SimSeconds = double;

// A one-to-one conversation is identified by its two users, smaller id first, so both
// directions share one conversation and one sequence.
inline ConversationId conversation_of(UserId a, UserId b) {
  const UserId lo = a < b ? a : b;
  const UserId hi = a < b ? b : a;
  return (static_cast<ConversationId>(lo) << 32) | hi;
}

// A stream is one direction of a one-to-one conversation. FIFO order is promised per
// stream (what one sender sent to one recipient, in the order the sequencer numbered it);
// across the two directions the order is causal, which time already gives.
inline StreamId stream_of(UserId sender, UserId recipient) {
  return (static_cast<StreamId>(sender) << 32) | recipient;
}
// A group has one stream: every member device sees the group's messages in one order, the
// order of the group's partition in the log. Its sender half is all ones, which no user has.
inline constexpr StreamId kGroupStreamTag = 0xffffffff00000000ull;
inline StreamId group_stream(GroupId g) { return kGroupStreamTag | g; }
inline bool is_group_stream(StreamId s) { return (s & kGroupStreamTag) == kGroupStreamTag; }
inline GroupId stream_group(StreamId s) { return static_cast<GroupId>(s & 0xffffffffu); }

inline UserId stream_sender(StreamId s) { return static_cast<UserId>(s >> 32); }
inline UserId stream_recipient(StreamId s) { return static_cast<UserId>(s & 0xffffffffu); }

}  // namespace whatsim
