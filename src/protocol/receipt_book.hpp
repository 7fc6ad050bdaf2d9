#pragma once
// The sender's side of receipts: for every message a device sent, the receipt each recipient
// device has reported and the checks shown on screen. Receipts may arrive twice, late, or
// before the server's acknowledgement; the book only ever moves forward.
#include <array>
#include <cstdint>
#include <unordered_map>
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
  // Throws std::invalid_argument for kNoDevice, which marks a record's free slots, and for a
  // device that would spill with an id of 2^30 or more (see SpilledReceipt).
  Change on_receipt(MessageId id, DeviceId recipient_device, Receipt receipt);
  Receipt shown(MessageId id) const;
  std::size_t tracked() const { return records_.size(); }
  // Messages whose receipts come from more devices than a record holds inline.
  std::size_t overflowing() const { return overflow_.size(); }

  // A record keeps this many devices' receipts in itself. A one-to-one message's receipts
  // come from its recipient's devices, and the baseline's users have at most three.
  static constexpr std::size_t kInlineDevices = 3;

 private:
  // A record is kept for every message a phone sent, for the whole run, so it is kept to
  // 24 bytes with no heap: the map copies its values whenever it inserts into their group,
  // and a vector per record cost an allocation per copy.
  static constexpr std::array<DeviceId, kInlineDevices> free_slots() {
    std::array<DeviceId, kInlineDevices> slots{};
    for (DeviceId& d : slots) d = kNoDevice;
    return slots;
  }
  struct Record {
    ReceiptState state;
    std::array<DeviceId, kInlineDevices> devices = free_slots();
    std::array<Receipt, kInlineDevices> receipts{};
  };
  static_assert(sizeof(Record) == 24, "a record is kept per message sent: keep it small");
  // A spilled device's receipt, in one word: the device's id above two bits of receipt. A
  // group message spills one per member device beyond the first three, the largest part of
  // the book, and a (device, receipt) pair would take 8 bytes, 3 of them padding.
  using SpilledReceipt = std::uint32_t;
  static constexpr unsigned kReceiptBits = 2;
  using DeviceReceipts = std::vector<SpilledReceipt>;
  Record& record(MessageId id, std::uint16_t required);
  // Moves `device`'s receipt for a record forward to `receipt` (making its place on first
  // report) and returns the receipt it held before.
  Receipt advance_device(std::uint64_t packed, Record& r, DeviceId device, Receipt receipt);
  Receipt advance_spilled(std::uint64_t packed, const Record& r, DeviceId device, Receipt receipt);
  std::uint16_t required_;
  CompactMap<std::uint64_t, Record> records_;  // by MessageId::packed()
  // Group messages (and a recipient with more devices than a record holds): a node map, so
  // a message's list is not copied when another message is added.
  std::unordered_map<std::uint64_t, DeviceReceipts> overflow_;
};

}  // namespace whatsim
