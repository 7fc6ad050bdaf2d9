#include "analysis/consistency_checker.hpp"

#include <algorithm>
#include <utility>

namespace whatsim {

namespace {

// libstdc++ hashes integers to themselves; message ids and stream ids put their entropy in
// both halves, so mix (splitmix64 finaliser) to keep buckets even.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::size_t ConsistencyChecker::CopyKeyHash::operator()(const CopyKey& k) const noexcept {
  return static_cast<std::size_t>(mix(k.message ^ mix(k.device)));
}

// Records an example only; the caller counts (missing copies count by the difference).
void ConsistencyChecker::flag(const std::string& kind, const LifecycleEvent& e, std::string detail) {
  std::size_t& seen = examples_of_[kind];
  if (seen >= examples_per_kind_) return;
  ++seen;
  counts_.examples.push_back(Anomaly{kind, e.id, e.device, e.time, std::move(detail)});
}

void ConsistencyChecker::on_event(const LifecycleEvent& e) {
  last_time_ = std::max(last_time_, e.time);
  const CopyKey copy{e.id.packed(), e.device};
  switch (e.kind) {
    case EventKind::sent:
      break;
    case EventKind::acked:
      acked_devices_[copy.message] = e.count;
      break;
    case EventKind::stored:
      copies_.try_emplace(copy, CopyState::stored);  // a repeated store of one copy is harmless
      break;
    case EventKind::delivered:
      on_delivered(e);
      break;
    case EventKind::receipt:
      on_receipt(e);
      break;
    case EventKind::expired:
      settle(copy, CopyState::expired);
      break;
    case EventKind::pending_at_end:
      settle(copy, CopyState::pending);
      break;
  }
}

// A delivered copy stays delivered: the store may still hold it (the device's ack had not
// reached it) or delete it late, and forgetting the delivery would hide a later duplicate.
void ConsistencyChecker::settle(const CopyKey& copy, CopyState state) {
  auto [it, inserted] = copies_.try_emplace(copy, state);
  if (!inserted && it->second != CopyState::delivered) it->second = state;
}

void ConsistencyChecker::on_delivered(const LifecycleEvent& e) {
  // A copy never seen stored is still a delivery (the model may deliver before it records
  // the store); try_emplace creates it.
  auto [it, inserted] = copies_.try_emplace(CopyKey{e.id.packed(), e.device}, CopyState::delivered);
  const bool duplicate = !inserted && it->second == CopyState::delivered;
  it->second = CopyState::delivered;
  if (duplicate) {
    ++counts_.duplicated;
    flag("duplicated", e, "delivered twice to device " + std::to_string(e.device));
  }
  Seq& last = last_seq_.try_emplace(CopyKey{e.stream, e.device}, 0).first->second;
  // The stream's seq starts at 1, so 0 means "nothing delivered yet". A duplicate is
  // already counted once; its seq being old is the same fault, not a second one.
  if (!duplicate && last != 0 && e.seq <= last) {
    ++counts_.order_violations;
    flag("order_violation", e,
         "seq " + std::to_string(e.seq) + " after " + std::to_string(last) + " in stream " + std::to_string(e.stream));
  }
  last = std::max(last, e.seq);
}

void ConsistencyChecker::on_receipt(const LifecycleEvent& e) {
  std::uint8_t& best = receipts_.try_emplace(CopyKey{e.id.packed(), e.device}, 0).first->second;
  const auto now = static_cast<std::uint8_t>(std::min<std::uint32_t>(e.count, 255));
  // Equal is a repeated receipt (harmless); lower after higher is the regression.
  if (now < best) {
    ++counts_.receipt_regressions;
    flag("receipt_regression", e,
         "receipt " + std::to_string(now) + " after " + std::to_string(best) + " at the sender");
  }
  best = std::max(best, now);
}

ConsistencyCounts ConsistencyChecker::finish() {
  check_missing_copies();
  check_lost();
  return counts_;
}

// Every copy the checker saw (stored, delivered, expired or pending) proves the store had
// it; an acked message with fewer such copies than recipient devices dropped some.
void ConsistencyChecker::check_missing_copies() {
  std::unordered_map<std::uint64_t, std::uint32_t> copies_of;
  for (const auto& kv : copies_) ++copies_of[kv.first.message];
  // Unordered maps iterate in an implementation-defined order and report.json must be
  // byte-identical, so the shortfalls are sorted before any example is taken.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> short_of;  // message, copies missing
  for (const auto& [message, wanted] : acked_devices_) {
    const std::uint32_t have = copies_of[message];
    if (have < wanted) short_of.emplace_back(message, wanted - have);
  }
  std::sort(short_of.begin(), short_of.end());
  for (const auto& [message, missing] : short_of) {
    counts_.missing_copies += missing;
    LifecycleEvent e;
    e.id = MessageId::unpack(message);
    e.time = last_time_;
    const std::uint32_t wanted = acked_devices_.at(message);
    flag("missing_copy", e, std::to_string(wanted - missing) + " of " + std::to_string(wanted) + " device copies stored");
  }
}

void ConsistencyChecker::check_lost() {
  std::vector<std::pair<std::uint64_t, DeviceId>> lost;  // sorted below, as above
  for (const auto& [copy, state] : copies_)
    if (state == CopyState::stored) lost.emplace_back(copy.message, copy.device);
  std::sort(lost.begin(), lost.end());
  counts_.lost += lost.size();
  for (const auto& [message, device] : lost) {
    LifecycleEvent e;
    e.id = MessageId::unpack(message);
    e.device = device;
    e.time = last_time_;
    flag("lost", e, "stored, never delivered, not pending, not expired");
  }
}

}  // namespace whatsim
