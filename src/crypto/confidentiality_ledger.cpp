#include "src/crypto/confidentiality_ledger.hpp"

namespace whatsim {

namespace {

// Only a message carries a body: receipts carry none, and group notices are written by the
// group service itself (no sender device to seal them for anyone).
bool carries_body(const ChatFrame& f) { return f.kind == FrameKind::message && f.notice == GroupNotice::none; }

}  // namespace

void ConfidentialityLedger::server_handled(const char* component, const ChatFrame& f) {
  if (!carries_body(f)) return;
  ++bodies_seen_;
  if (f.sealed) return;
  ++plaintext_seen_;
  if (examples_.size() < max_examples_) {
    examples_.push_back(std::string(component) + ": message " + std::to_string(f.id.device) + ":" +
                        std::to_string(f.id.counter));
  }
}

void ConfidentialityLedger::sealed_copy(const ChatFrame& f) {
  ++copies_;
  ++copies_for_[f.recipient_device];
}

std::uint64_t ConfidentialityLedger::copies_sealed_for(DeviceId device) const {
  const auto it = copies_for_.find(device);
  return it == copies_for_.end() ? 0 : it->second;
}

std::uint64_t ConfidentialityLedger::copies_sealed_for_others(DeviceId device) const {
  return copies_ - copies_sealed_for(device);
}

}  // namespace whatsim
