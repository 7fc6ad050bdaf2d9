#pragma once
// The sender's side of receipts: for every message a device sent, the receipt each recipient
// device has reported and the checks shown on screen. Receipts may arrive twice, late, or
// before the server's acknowledgement; the book only ever moves forward.
#include <cstdint>
#include <vector>

#include "src/core/compact_map.hpp"
#include "src/core/ids.hpp"
#include "src/protocol/message_id.hpp"
#include "src/protocol/receipt_state.hpp"

namespace whatsim {

class ReceiptBook {
 public:
  explicit ReceiptBook(std::uint16_t required_devices = 1) : required_(required_devices) {}

  struct Change {
    Receipt shown_before = Receipt::none;
    Receipt shown_after = Receipt::none;
    bool regression = false;  // the device reported a receipt lower than one it reported before
    Receipt device_after = Receipt::none;  // the receipt held for that device after this event
    bool changed() const { return shown_after != shown_before; }
  };
  // A group message needs every member device's receipt, not one: the sender knows how many
  // devices it sent to (it distributed its sender key to each).
  void expect(MessageId id, std::uint16_t required_devices);
  Change on_server_ack(MessageId id);
  Change on_receipt(MessageId id, DeviceId recipient_device, Receipt receipt);
  Receipt shown(MessageId id) const;
  std::size_t tracked() const { return records_.size(); }

 private:
  struct Record {
    ReceiptState state;
    std::vector<std::pair<DeviceId, Receipt>> devices;
  };
  Record& record(MessageId id, std::uint16_t required);
  std::uint16_t required_;
  CompactMap<std::uint64_t, Record> records_;  // by MessageId::packed()
};

}  // namespace whatsim
