#pragma once
// The record the group service appends to a group's log when it commits a membership change,
// so members' phones see "X joined" / "X left" in the group's one order, between the
// messages the change separates. It comes from the group service, not from a phone: its id
// is the service's (GroupDirectory::next_notice_id()) and no member's device sent it.
#include <cstdint>

#include "src/core/ids.hpp"
#include "src/protocol/chat_frame.hpp"

namespace whatsim {

inline ChatFrame membership_notice(GroupId group, GroupNotice kind, UserId subject, MessageId id,
                                   std::uint32_t body_bytes, SimSeconds committed_at) {
  ChatFrame frame;
  frame.kind = FrameKind::message;
  frame.id = id;
  frame.sender = subject;  // phones render the notice about its subject
  frame.body_bytes = body_bytes;
  frame.sent_at = committed_at;
  frame.group = group;
  frame.notice = kind;
  frame.subject = subject;
  return frame;
}

}  // namespace whatsim
