#include "src/protocol/receipt_book.hpp"

#include <algorithm>
#include <stdexcept>

namespace whatsim {

ReceiptBook::Record& ReceiptBook::record(MessageId id, std::uint16_t required) {
  Record fresh;
  fresh.state = ReceiptState(required);
  return records_.try_emplace(id.packed(), fresh).first->second;
}

Receipt& ReceiptBook::receipt_of(std::uint64_t packed, Record& r, DeviceId device) {
  if (device == kNoDevice) throw std::invalid_argument("receipt from kNoDevice");
  for (std::size_t i = 0; i < kInlineDevices; ++i) {
    if (r.devices[i] == device) return r.receipts[i];
    if (r.devices[i] == kNoDevice) {  // slots fill in order: the device has no receipt yet
      r.devices[i] = device;
      return r.receipts[i];
    }
  }
  DeviceReceipts& rest = overflow_[packed];
  for (auto& [d, receipt] : rest)
    if (d == device) return receipt;
  // A group message expects a known number of devices: room for exactly the rest of them,
  // rather than a vector doubling its way there (a quarter of it empty, on average).
  if (rest.empty()) {
    const std::size_t expected = std::max<std::size_t>(r.state.required_devices(), kInlineDevices + 1);
    rest.reserve(expected - kInlineDevices);
  }
  return rest.emplace_back(device, Receipt::none).second;
}

void ReceiptBook::expect(MessageId id, std::uint16_t required_devices) { record(id, required_devices); }

ReceiptBook::Change ReceiptBook::on_server_ack(MessageId id) {
  Record& r = record(id, required_);
  Change c{r.state.shown(), r.state.shown(), false};
  r.state.on_server_ack();
  c.shown_after = r.state.shown();
  return c;
}

ReceiptBook::Change ReceiptBook::on_receipt(MessageId id, DeviceId recipient_device, Receipt receipt) {
  Record& r = record(id, required_);
  Change c{r.state.shown(), r.state.shown(), false};
  Receipt& held = receipt_of(id.packed(), r, recipient_device);
  const Receipt previous = held;
  c.regression = receipt < previous;
  if (advance(held, receipt)) r.state.on_device_receipt(previous, receipt);
  c.device_after = held;
  c.shown_after = r.state.shown();
  return c;
}

Receipt ReceiptBook::shown(MessageId id) const {
  const auto it = records_.find(id.packed());
  return it == records_.end() ? Receipt::none : it->second.state.shown();
}

}  // namespace whatsim
