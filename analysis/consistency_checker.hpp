#pragma once
// Checks a message history for what the design promises: every acknowledged message reaches
// every device of its recipient exactly once, in stream order, and receipts only move
// forward. Fed event by event (online, while the model runs) or from a history file.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/history.hpp"

namespace whatsim {

struct Anomaly {
  std::string kind;     // "lost", "duplicated", "order_violation", "receipt_regression", "missing_copy"
  MessageId id;
  DeviceId device = 0;
  SimSeconds time = 0;
  std::string detail;
};

struct ConsistencyCounts {
  std::uint64_t lost = 0;                 // acknowledged, never delivered to a device, not pending, not expired
  std::uint64_t duplicated = 0;           // delivered twice to one device
  std::uint64_t order_violations = 0;     // a device got a stream's seq n after a higher one
  std::uint64_t receipt_regressions = 0;  // a receipt moved backwards at the sender
  std::uint64_t missing_copies = 0;       // acknowledged with fewer stored copies than recipient devices
  std::vector<Anomaly> examples;          // the first few of each kind, for the report

  std::uint64_t total() const { return lost + duplicated + order_violations + receipt_regressions + missing_copies; }
};

class ConsistencyChecker {
 public:
  explicit ConsistencyChecker(std::size_t examples_per_kind = 5) : examples_per_kind_(examples_per_kind) {}
  void on_event(const LifecycleEvent& e);
  // Call once after the last event: copies neither delivered, expired nor pending are lost.
  ConsistencyCounts finish();

 private:
  void flag(const std::string& kind, const LifecycleEvent& e, std::string detail);
  void on_delivered(const LifecycleEvent& e);
  void on_receipt(const LifecycleEvent& e);
  void check_missing_copies();
  void check_lost();
  struct CopyKey {
    std::uint64_t message;
    DeviceId device;
    friend bool operator==(const CopyKey& a, const CopyKey& b) { return a.message == b.message && a.device == b.device; }
  };
  struct CopyKeyHash {
    std::size_t operator()(const CopyKey& k) const noexcept;
  };
  enum class CopyState : std::uint8_t { stored, delivered, expired, pending };
  void settle(const CopyKey& copy, CopyState state);
  std::size_t examples_per_kind_;
  std::unordered_map<CopyKey, CopyState, CopyKeyHash> copies_;
  std::unordered_map<std::uint64_t, std::uint32_t> acked_devices_;   // message -> recipient devices
  std::unordered_map<CopyKey, Seq, CopyKeyHash> last_seq_;           // (stream, device) -> last delivered seq
  std::unordered_map<CopyKey, std::uint8_t, CopyKeyHash> receipts_;  // (message, device) -> receipt at sender
  std::unordered_map<std::string, std::size_t> examples_of_;
  SimSeconds last_time_ = 0;  // latest event seen: the time of anomalies found in finish()
  ConsistencyCounts counts_;
};

}  // namespace whatsim
