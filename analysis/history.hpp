#pragma once
// The lifecycle of every message copy and receipt, as the model records it: the evidence
// the consistency checker reads. Written as CSV (one event a line) so any tool can read it.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "src/core/ids.hpp"
#include "src/protocol/message_id.hpp"

namespace whatsim {

enum class EventKind : std::uint8_t {
  sent,             // the sender's device sent a new message (device = sender device)
  acked,            // the sender's device got the server's acknowledgement (one check); count = recipient devices
  stored,           // the offline store queued a copy for a recipient device
  delivered,        // a recipient device handed the message to its app (device = that device)
  receipt,          // the sender's device learned a receipt; receipt = 2 delivered, 3 read; device = recipient device
  expired,          // the store deleted an undelivered copy after the retention period
  pending_at_end,   // a copy still queued for its device when the run ended
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
