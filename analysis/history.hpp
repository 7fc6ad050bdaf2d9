#pragma once
// The lifecycle of every message copy and receipt, as the model records it: the evidence
// the consistency checker reads. Written as CSV (one event a line) so any tool can read it.
//
// Group chat adds the group log's own evidence: where the log placed each group record
// (`sequenced`) and who was a member from and until which group seq (`member_from`,
// `member_until`). The log records them when it appends, so they precede every delivery of
// the records they concern; with them the checker knows exactly which devices are entitled
// to each group record. Group copies then use the one-to-one copy events unchanged.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "src/core/ids.hpp"
#include "src/protocol/message_id.hpp"

namespace whatsim {

// New kinds go at the end: a kind's value is its index in the name table, and old
// histories must keep reading the same.
enum class EventKind : std::uint8_t {
  sent,             // the sender's device sent a new message (device = sender device)
  acked,            // the sender's device got the server's acknowledgement (one check); count = recipient
                    // devices (0 for a group message: its recipients are the group's members)
  stored,           // the offline store queued a copy for a recipient device
  delivered,        // a recipient device handed the message to its app (device = that device)
  receipt,          // the sender's device learned a receipt; receipt = 2 delivered, 3 read; device = recipient device
  expired,          // the store deleted an undelivered copy after the retention period
  pending_at_end,   // a copy still queued for its device when the run ended; for a group message,
                    // device = kAllDevices: its handler had not written all its copies, so every
                    // copy it is meant for is pending
  // Groups only (stream = group_stream(g)):
  sequenced,        // the group log placed a record (message or notice) at group seq `seq`;
                    // device = sending device (kGroupServiceDevice for notices)
  member_from,      // `device` is a member from group seq `seq` inclusive (initial members: 1, at time 0;
                    // a join: its join notice's seq); message = the join notice (0 for initial members)
  member_until,     // `device` is a member until group seq `seq` inclusive (its leave notice's seq: the
                    // leaver still gets the notice); message = the leave notice
  // Replication (message-service shards with a secondary):
  replicated,       // the shard's secondary applied the message (one-to-one: stream and seq as
                    // assigned; count = the device copies it holds); under "sync" replication this
                    // must precede the sender's `acked`
};

const char* to_string(EventKind k);
bool parse_event_kind(const std::string& text, EventKind& out);

struct LifecycleEvent {
  SimSeconds time = 0;
  EventKind kind = EventKind::sent;
  MessageId id;
  StreamId stream = 0;
  Seq seq = 0;
  DeviceId device = 0;
  std::uint32_t count = 0;    // acked: how many recipient devices; receipt: 2 or 3
};

// Header line then one line per event: time,kind,message,stream,seq,device,count
void write_history_header(std::ostream& out);
void write_event(std::ostream& out, const LifecycleEvent& e);
// Reads a whole history file; throws std::runtime_error naming the line on malformed input.
std::vector<LifecycleEvent> read_history(std::istream& in);

}  // namespace whatsim
