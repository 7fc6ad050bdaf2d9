#include "src/protocol/receipt_book.hpp"

#include <algorithm>
#include <stdexcept>

namespace whatsim {

ReceiptBook::Record& ReceiptBook::record(MessageId id, std::uint16_t required) {
  Record fresh;
  fresh.state = ReceiptState(required);
  return records_.try_emplace(id.packed(), fresh).first->second;
}

Receipt ReceiptBook::advance_device(std::uint64_t packed, Record& r, DeviceId device, Receipt receipt) {
  if (device == kNoDevice) throw std::invalid_argument("receipt from kNoDevice");
  for (std::size_t i = 0; i < kInlineDevices; ++i) {
    if (r.devices[i] == kNoDevice) r.devices[i] = device;  // slots fill in order: no receipt yet
    if (r.devices[i] != device) continue;
    const Receipt before = r.receipts[i];
    advance(r.receipts[i], receipt);
    return before;
  }
  return advance_spilled(packed, r, device, receipt);
}

Receipt ReceiptBook::advance_spilled(std::uint64_t packed, const Record& r, DeviceId device, Receipt receipt) {
  if (device >> (32 - kReceiptBits) != 0) throw std::invalid_argument("receipt from a device id too large to spill");
  constexpr SpilledReceipt kReceiptMask = (1u << kReceiptBits) - 1;
  DeviceReceipts& rest = overflow_[packed];
  auto held = std::find_if(rest.begin(), rest.end(), [&](SpilledReceipt s) { return s >> kReceiptBits == device; });
  if (held == rest.end()) {
    // A group message expects a known number of devices: room for exactly the rest of
    // them, rather than a vector doubling its way there (a quarter of it empty, on average).
    if (rest.empty()) {
      const std::size_t expected = std::max<std::size_t>(r.state.required_devices(), kInlineDevices + 1);
      rest.reserve(expected - kInlineDevices);
    }
    held = rest.insert(rest.end(), device << kReceiptBits);
  }
  const Receipt before = static_cast<Receipt>(*held & kReceiptMask);
  Receipt after = before;
  advance(after, receipt);
  *held = (device << kReceiptBits) | static_cast<SpilledReceipt>(after);
  return before;
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
  const Receipt previous = advance_device(id.packed(), r, recipient_device, receipt);
  Receipt held = previous;
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
