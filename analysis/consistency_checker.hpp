#pragma once
// Checks a message history for what the design promises: every acknowledged message reaches
// every device of its recipient exactly once, in stream order, and receipts only move
// forward. Fed event by event (online, while the model runs) or from a history file.
//
// Group streams have their own rules, because a group's recipients are not in the message:
// they are the devices whose user was a member at the record's group seq. The group log's
// events (`sequenced`, `member_from`, `member_until`) give that exactly, so every entitled
// device must get each record once, in the log's order, and no other device may get it.
// Memory stays proportional to group records and member intervals: entitlement is worked
// out at finish() by sweeping each group's records against its member intervals, not by
// listing every (device, record) pair as records arrive.
//
// Bounded memory (a long run's history does not fit otherwise): with a settled horizon, a
// message's state is forgotten once the message has settled (one-to-one: acknowledged, and
// every copy the store held delivered or expired; group: every device entitled at its log
// seq delivered or expired) and nothing about it has happened for the horizon's simulated
// seconds. What that gives up, for such late events only: an event about a forgotten message
// is judged as if about a new one, so a re-delivery shows as an order violation (its seq is
// old) rather than a duplicate, a group re-delivery as a non-member delivery, a
// re-acknowledgement as a missing copy, and a receipt is compared with nothing before it
// (so a receipt regression that far apart goes unseen: the one anomaly the horizon can hide;
// the others are only named differently). Horizon 0 forgets nothing.
// A message still owed to a device (offline for hours, say) is not forgotten but compacted
// at the horizon: its receipts are dropped (a later receipt is compared with nothing) and,
// for a group record, the copies already delivered, keeping only the devices still owed.
//
// Faults add two promises. Devices of one recipient agree: one (stream, seq) names one
// message on all of them (an asynchronous failover breaks this: the promoted secondary
// hands out again seqs the lost primary had given). And under synchronous replication a
// one-to-one message is acknowledged only once the shard's secondary holds it.
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/history.hpp"
#include "analysis/membership_table.hpp"
#include "src/core/compact_map.hpp"

namespace whatsim {

struct Anomaly {
  std::string kind;     // "lost", "duplicated", "order_violation", "receipt_regression", "missing_copy",
                        // "divergence", "acked_before_durable", "group_lost", "group_duplicated",
                        // "group_order_disagreement", "group_non_member_delivery"
  MessageId id;
  DeviceId device = 0;
  SimSeconds time = 0;
  std::string detail;
  std::vector<std::string> timeline;  // the message's events, one a line; empty unless attach_timelines filled it
};

struct ConsistencyCounts {
  std::uint64_t lost = 0;                 // acknowledged, never delivered to a device, not pending, not expired
  std::uint64_t duplicated = 0;           // delivered twice to one device
  std::uint64_t order_violations = 0;     // a device got a stream's seq n after a higher one
  std::uint64_t receipt_regressions = 0;  // a receipt moved backwards at the sender
  std::uint64_t missing_copies = 0;       // acknowledged with fewer stored copies than recipient devices
  std::uint64_t divergences = 0;          // a device got another message at a (stream, seq) another device already had
  std::uint64_t acked_before_durable = 0; // with synchronous replication: acknowledged before the secondary had it
  // Group streams only.
  std::uint64_t group_lost = 0;                   // entitled device copies neither delivered, pending nor expired
  std::uint64_t group_duplicated = 0;             // a group record delivered twice to one device
  std::uint64_t group_order_disagreements = 0;    // deliveries against the log's order (or its seq)
  std::uint64_t group_non_member_deliveries = 0;  // delivered to a device not a member at the record's seq
  std::vector<Anomaly> examples;          // the first few of each kind, for the report

  std::uint64_t total() const {
    return lost + duplicated + order_violations + receipt_regressions + missing_copies + divergences +
           acked_before_durable + group_lost + group_duplicated + group_order_disagreements +
           group_non_member_deliveries;
  }
};

class ConsistencyChecker {
 public:
  // `acks_require_replication`: the run replicates synchronously (mode "sync"), so every
  // one-to-one acknowledgement must follow the message's `replicated` event. Asynchronous
  // replication may acknowledge first by design; what it loses shows as lost and divergence.
  // `settled_horizon_s`: see "Bounded memory" above; 0 keeps every message to the end.
  explicit ConsistencyChecker(std::size_t examples_per_kind = 5, bool acks_require_replication = false,
                              double settled_horizon_s = 0)
      : examples_per_kind_(examples_per_kind),
        acks_require_replication_(acks_require_replication),
        settled_horizon_s_(settled_horizon_s) {}
  void on_event(const LifecycleEvent& e);
  // Call once after the last event: copies neither delivered, expired nor pending are lost.
  ConsistencyCounts finish();
  // Messages whose state is held now: with a horizon, those not yet forgotten; without,
  // those acknowledged (one-to-one) or placed in a group log, so far.
  std::size_t messages_held() const {
    return settled_horizon_s_ > 0 ? lives_.size() : acked_devices_.size() + group_records_.size();
  }
  std::uint64_t messages_forgotten() const { return forgotten_; }
  // Per-device states held now: copies (one-to-one and group) and receipts.
  std::size_t device_states_held() const { return copies_.size() + group_copies_.size() + receipts_.size(); }

 private:
  // Packed to 12 bytes at 4-byte alignment (GCC's attribute): the tables keyed by it hold a
  // byte or a seq per message copy, and a 16-byte key would make their slots 24 bytes, not 16.
  // Read its fields by value: a reference to `message` would be misaligned.
  struct __attribute__((packed, aligned(4))) CopyKey {
    std::uint64_t message;  // or a stream, for per-(stream, device) and per-(stream, seq) state
    DeviceId device;        // or a seq, for per-(stream, seq) state
    friend bool operator==(const CopyKey& a, const CopyKey& b) { return a.message == b.message && a.device == b.device; }
    static CopyKey erased() { return CopyKey{UINT64_MAX, kAllDevices}; }  // no message is minted by kAllDevices
  };
  static_assert(sizeof(CopyKey) == 12 && alignof(CopyKey) == 4, "see CopyKey");
  struct CopyKeyHash {
    std::size_t operator()(const CopyKey& k) const noexcept;
  };
  enum class CopyState : std::uint8_t { stored, delivered, expired, pending };
  using CopyStates = CompactMap<CopyKey, CopyState, CopyKeyHash>;

  // A group record: where the log placed it, the order every member must follow.
  struct GroupRecord {
    StreamId group = 0;
    Seq seq = 0;
  };
  struct GroupTimeline;  // one group's records and membership changes, swept in finish()

  // Only with a horizon: when a message was last seen and which devices its state names.
  // One list of devices, not two: once a group record is compacted, the devices it owes are
  // also the only ones its state still names, so two lists would hold the same devices twice.
  struct MessageLife {
    SimSeconds last_event = 0;
    StreamId stream = 0;            // where it was placed: its divergence mark, if still held
    Seq seq = 0;
    std::uint32_t owed = 0;         // compacted: devices[0, owed) are the entitled devices still owed a copy, ascending
    bool group = false;
    bool queued = false;            // in due_, to be looked at once the horizon has passed
    bool compacted = false;         // a group record whose settled copies were dropped
    std::vector<DeviceId> devices;  // after the owed ones: devices whose copies and receipts were recorded; may repeat
    auto owed_end() const { return devices.begin() + owed; }
  };
  struct Due {
    SimSeconds at;
    std::uint64_t message;
    friend bool operator>(const Due& a, const Due& b) { return a.at > b.at || (a.at == b.at && a.message > b.message); }
  };

  void flag(const std::string& kind, const LifecycleEvent& e, std::string detail);
  void track(const LifecycleEvent& e);
  void forget_due(SimSeconds now);
  bool settled(std::uint64_t message, const MessageLife& life);
  bool group_copy_settled(std::uint64_t message, DeviceId device) const;
  bool group_settled(std::uint64_t message, const MessageLife& life);
  void forget(std::uint64_t message, const MessageLife& life);
  void compact(std::uint64_t message, MessageLife& life);
  bool settled_when_compacted(std::uint64_t message, DeviceId device) const;
  static void settle(CopyStates& copies, const CopyKey& copy, CopyState state);

  void on_one_to_one_event(const LifecycleEvent& e);
  void on_acked(const LifecycleEvent& e);
  void on_replicated(const LifecycleEvent& e);
  void on_delivered(const LifecycleEvent& e);
  void check_divergence(const LifecycleEvent& e, bool duplicate);
  void forget_settled_place(const CopyKey& place, std::uint64_t message);
  void on_receipt(const LifecycleEvent& e);
  void check_missing_copies();
  void check_lost();

  void on_group_event(const LifecycleEvent& e);
  void on_group_delivered(const LifecycleEvent& e);
  void check_group_order(const LifecycleEvent& e, const GroupRecord& record);
  void check_group_lost();
  void check_group_lost_in(StreamId group, GroupTimeline& timeline);

  std::size_t examples_per_kind_;
  bool acks_require_replication_;
  double settled_horizon_s_;
  std::unordered_map<std::string, std::size_t> examples_of_;
  SimSeconds last_time_ = 0;  // latest event seen: the time of anomalies found in finish()
  ConsistencyCounts counts_;

  // One-to-one streams.
  CopyStates copies_;
  CompactMap<std::uint64_t, std::uint32_t> acked_devices_;           // message -> recipient devices
  CompactMap<CopyKey, Seq, CopyKeyHash> last_seq_;                   // (stream, device) -> last delivered seq
  // The first message delivered at each (stream, seq), kept until every device copy it was
  // acknowledged for has been delivered: the places still open to a divergence.
  struct Placed {
    std::uint64_t message = 0;
    std::uint32_t devices_delivered = 0;
  };
  CompactMap<CopyKey, Placed, CopyKeyHash> placed_;                 // (stream, seq) -> first message there
  std::unordered_set<std::uint64_t> replicated_unacked_;            // sync: replicated, first ack not yet seen
  // Both: receipts only move forward, whoever the recipients are.
  CompactMap<CopyKey, std::uint8_t, CopyKeyHash> receipts_;          // (message, device) -> receipt at sender

  // Group streams.
  CompactMap<std::uint64_t, GroupRecord> group_records_;             // message -> its place in the log
  MembershipTable memberships_;                                  // (group stream, device): one per initial member device
  CopyStates group_copies_;                                      // only copies the history mentions
  std::unordered_set<std::uint64_t> group_messages_pending_;     // pending_at_end with kAllDevices

  // Forgetting settled messages (with a horizon only).
  std::unordered_map<std::uint64_t, MessageLife> lives_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;  // earliest first
  std::uint64_t forgotten_ = 0;
};

}  // namespace whatsim
