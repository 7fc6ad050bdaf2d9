#pragma once
// Payload confidentiality as a checked property. A message body is sealed on the sender's
// phone for one recipient device; server components only ever see it sealed. Every server
// that handles a body reports it here: a body seen in plaintext by a server is a violation
// (recorded with where and which message). Copies are counted per device they are sealed
// for, so the report can say what one compromised device's keys expose: the copies sealed
// for it, and nothing sealed for another device.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/protocol/chat_frame.hpp"

namespace whatsim {

class ConfidentialityLedger {
 public:
  explicit ConfidentialityLedger(std::size_t max_examples = 5) : max_examples_(max_examples) {}
  // A server component (e.g. "message_service") handled message body `f`.
  void server_handled(const char* component, const ChatFrame& f);
  // A sealed copy for `f.recipient_device` was written for delivery (once per copy).
  void sealed_copy(const ChatFrame& f);

  std::uint64_t bodies_seen() const { return bodies_seen_; }
  std::uint64_t plaintext_seen() const { return plaintext_seen_; }
  const std::vector<std::string>& plaintext_examples() const { return examples_; }
  // Copies whose ciphertext is for `device` (what its keys decrypt), and for every other device.
  std::uint64_t copies_sealed_for(DeviceId device) const;
  std::uint64_t copies_sealed_for_others(DeviceId device) const;

 private:
  std::size_t max_examples_;
  std::uint64_t bodies_seen_ = 0, plaintext_seen_ = 0, copies_ = 0;
  std::vector<std::string> examples_;
  std::unordered_map<DeviceId, std::uint64_t> copies_for_;
};

}  // namespace whatsim
