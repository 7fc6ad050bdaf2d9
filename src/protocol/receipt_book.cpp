#include "src/protocol/receipt_book.hpp"

namespace whatsim {

ReceiptBook::Record& ReceiptBook::record(MessageId id, std::uint16_t required) {
  return records_.try_emplace(id.packed(), Record{ReceiptState(required), {}}).first->second;
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
  auto it = r.devices.begin();
  while (it != r.devices.end() && it->first != recipient_device) ++it;
  if (it == r.devices.end()) {
    r.devices.emplace_back(recipient_device, Receipt::none);
    it = r.devices.end() - 1;
  }
  const Receipt previous = it->second;
  c.regression = receipt < previous;
  if (advance(it->second, receipt)) r.state.on_device_receipt(previous, receipt);
  c.device_after = it->second;
  c.shown_after = r.state.shown();
  return c;
}

Receipt ReceiptBook::shown(MessageId id) const {
  const auto it = records_.find(id.packed());
  return it == records_.end() ? Receipt::none : it->second.state.shown();
}

}  // namespace whatsim
