#pragma once
// Receipts (sent -> delivered -> read) per recipient device. A receipt only moves forward:
// a late or duplicated "delivered" after "read" changes nothing, which is what makes
// receipts safe to retry and to arrive out of order.
#include <cstdint>

namespace whatsim {

enum class Receipt : std::uint8_t { none = 0, sent = 1, delivered = 2, read = 3 };

const char* to_string(Receipt r);

// Advance `state` to `next` if that is forward; returns true when it changed.
bool advance(Receipt& state, Receipt next);

// What the sender's screen shows for one message: one check once the server stored it,
// two once `required` recipient devices have it, blue once `required` have read it.
// One-to-one chat requires one device (the recipient has it on some phone); a group
// requires every member. Counters only grow, so the shown state never goes backwards.
class ReceiptState {
 public:
  explicit ReceiptState(std::uint16_t required = 1) : required_(required) {}
  // Each returns true when the shown state changed because of this event.
  bool on_server_ack();
  // `previous` is that device's state before this receipt (from the per-device record).
  bool on_device_receipt(Receipt previous, Receipt next);
  Receipt shown() const;
  std::uint16_t required_devices() const { return required_; }
  std::uint16_t delivered_devices() const { return delivered_; }
  std::uint16_t read_devices() const { return read_; }

 private:
  std::uint16_t required_;
  std::uint16_t delivered_ = 0;
  std::uint16_t read_ = 0;
  bool acked_ = false;
};

}  // namespace whatsim
