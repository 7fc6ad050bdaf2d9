#include "src/protocol/receipt_state.hpp"

namespace whatsim {

const char* to_string(Receipt r) {
  switch (r) {
    case Receipt::none: return "none";
    case Receipt::sent: return "sent";
    case Receipt::delivered: return "delivered";
    case Receipt::read: return "read";
  }
  return "unknown";
}

bool advance(Receipt& state, Receipt next) {
  if (next <= state) return false;  // late or duplicated: receipts never go back
  state = next;
  return true;
}

bool ReceiptState::on_server_ack() {
  if (acked_) return false;  // a retried send is acknowledged again; count it once
  const Receipt before = shown();
  acked_ = true;
  return shown() != before;
}

// A device is counted when it crosses a level, judged from its own previous state, so a
// duplicate (previous == next) or a late receipt counts nothing. Read implies delivered:
// a device whose "delivered" was lost or overtaken still counts towards two checks.
bool ReceiptState::on_device_receipt(Receipt previous, Receipt next) {
  if (next <= previous) return false;
  const Receipt before = shown();
  if (previous < Receipt::delivered && next >= Receipt::delivered) ++delivered_;
  if (previous < Receipt::read && next >= Receipt::read) ++read_;
  return shown() != before;
}

Receipt ReceiptState::shown() const {
  if (read_ >= required_) return Receipt::read;
  if (delivered_ >= required_) return Receipt::delivered;
  if (acked_) return Receipt::sent;
  return Receipt::none;
}

}  // namespace whatsim
