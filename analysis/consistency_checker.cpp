#include "analysis/consistency_checker.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "src/core/mix64.hpp"

namespace whatsim {

namespace {

std::string group_text(StreamId stream) { return "group " + std::to_string(stream_group(stream)); }

std::string record_text(StreamId stream, Seq seq) { return group_text(stream) + " seq " + std::to_string(seq); }

}  // namespace

std::size_t ConsistencyChecker::CopyKeyHash::operator()(const CopyKey& k) const noexcept {
  return static_cast<std::size_t>(mix64(k.message ^ mix64(k.device)));
}

// Records an example only; the caller counts (missing copies count by the difference).
void ConsistencyChecker::flag(const std::string& kind, const LifecycleEvent& e, std::string detail) {
  std::size_t& seen = examples_of_[kind];
  if (seen >= examples_per_kind_) return;
  ++seen;
  counts_.examples.push_back(Anomaly{kind, e.id, e.device, e.time, std::move(detail), {}});
}

void ConsistencyChecker::on_event(const LifecycleEvent& e) {
  last_time_ = std::max(last_time_, e.time);
  if (settled_horizon_s_ > 0) forget_due(e.time);
  if (is_group_stream(e.stream)) {
    on_group_event(e);
  } else {
    on_one_to_one_event(e);
  }
  if (settled_horizon_s_ > 0) track(e);
}

void ConsistencyChecker::on_one_to_one_event(const LifecycleEvent& e) {
  const CopyKey copy{e.id.packed(), e.device};
  switch (e.kind) {
    case EventKind::sent:
      break;
    case EventKind::acked:
      on_acked(e);
      break;
    case EventKind::replicated:
      on_replicated(e);
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
      settle(copies_, copy, CopyState::expired);
      break;
    case EventKind::pending_at_end:
      settle(copies_, copy, CopyState::pending);
      break;
    case EventKind::sequenced:  // the group log's events mean nothing on a one-to-one stream
    case EventKind::member_from:
    case EventKind::member_until:
      break;
  }
}

// A delivered copy stays delivered: the store may still hold it (the device's ack had not
// reached it) or delete it late, and forgetting the delivery would hide a later duplicate.
void ConsistencyChecker::settle(CopyStates& copies, const CopyKey& copy, CopyState state) {
  auto [it, inserted] = copies.try_emplace(copy, state);
  if (!inserted && it->second != CopyState::delivered) it->second = state;
}

// Only the first acknowledgement is judged: a retried send is acknowledged again, and by
// then the secondary may well have it. The mark is dropped once judged, so replicated marks
// last only while a message waits for its first ack (or, for the few never acknowledged, to
// the end).
void ConsistencyChecker::on_acked(const LifecycleEvent& e) {
  const std::uint64_t message = e.id.packed();
  const bool first_ack = acked_devices_.find(message) == acked_devices_.end();
  acked_devices_[message] = e.count;
  forget_settled_place(CopyKey{e.stream, e.seq}, message);
  if (!acks_require_replication_ || !first_ack) return;
  if (replicated_unacked_.erase(message) != 0) return;
  ++counts_.acked_before_durable;
  flag("acked_before_durable", e,
       "acknowledged to device " + std::to_string(e.device) + " before the secondary had seq " +
           std::to_string(e.seq) + " of stream " + std::to_string(e.stream));
}

// A replication after the first ack has nothing left to prove (that ack was judged already),
// so it is not remembered.
void ConsistencyChecker::on_replicated(const LifecycleEvent& e) {
  if (!acks_require_replication_) return;
  const std::uint64_t message = e.id.packed();
  if (acked_devices_.find(message) == acked_devices_.end()) replicated_unacked_.insert(message);
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
  check_divergence(e, duplicate);
}

// The devices that get a one-to-one stream's copies are all its recipient's, so they must
// agree on what each (stream, seq) holds. A device getting a message at a place where it
// already got another is the order check's (its seq is not above its last): counted there,
// not here. A place is forgotten once every device copy its message was acknowledged for
// has been delivered: from then on any other message there reaches a device that already
// had the first one, which the order check sees, so memory stays with messages in flight.
// (A place whose copies are never all delivered, lost or expired, stays: those are few.)
void ConsistencyChecker::check_divergence(const LifecycleEvent& e, bool duplicate) {
  const std::uint64_t message = e.id.packed();
  const CopyKey place{e.stream, e.seq};
  Placed& placed = placed_.try_emplace(place, Placed{message, 0}).first->second;
  if (placed.message == message) {
    if (!duplicate) ++placed.devices_delivered;
    forget_settled_place(place, message);
    return;
  }
  if (duplicate) return;  // this copy was judged at its first delivery
  const auto earlier = copies_.find(CopyKey{placed.message, e.device});
  if (earlier != copies_.end() && earlier->second == CopyState::delivered) return;  // same device: order's
  ++counts_.divergences;
  flag("divergence", e,
       "seq " + std::to_string(e.seq) + " in stream " + std::to_string(e.stream) + " was message " +
           std::to_string(placed.message) + " on another device");
}

void ConsistencyChecker::forget_settled_place(const CopyKey& place, std::uint64_t message) {
  const auto found = placed_.find(place);
  if (found == placed_.end() || found->second.message != message) return;
  const auto acked = acked_devices_.find(message);
  if (acked != acked_devices_.end() && found->second.devices_delivered >= acked->second) placed_.erase(found);
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
  check_group_lost();
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

// ---- Forgetting settled messages -------------------------------------------------------

// Notes when a message was last seen and which devices its state names, and queues it to be
// looked at once the horizon has passed. A message looked at too early (not yet settled)
// leaves the queue, and comes back the next time it is seen.
void ConsistencyChecker::track(const LifecycleEvent& e) {
  if (e.kind == EventKind::member_from || e.kind == EventKind::member_until) return;  // not about a message
  const std::uint64_t message = e.id.packed();
  MessageLife& life = lives_[message];
  life.last_event = e.time;
  life.group = is_group_stream(e.stream);
  if (e.kind != EventKind::sequenced) {  // a group record's log place is in group_records_
    life.stream = e.stream;
    life.seq = e.seq;
  }
  const bool names_device = e.kind == EventKind::stored || e.kind == EventKind::delivered ||
                            e.kind == EventKind::expired || e.kind == EventKind::receipt ||
                            (e.kind == EventKind::pending_at_end && e.device != kAllDevices);
  // A device appears a few times per message (stored, delivered, receipts): looking for it in
  // a short list is cheap; a group's long list may hold repeats, which forget() takes in turn.
  constexpr std::size_t kSearchedDevices = 8;
  auto& devices = life.devices;
  if (names_device && (devices.size() > kSearchedDevices ||
                       std::find(devices.begin(), devices.end(), e.device) == devices.end()))
    devices.push_back(e.device);
  if (life.queued) return;
  life.queued = true;
  due_.push(Due{e.time + settled_horizon_s_, message});
}

void ConsistencyChecker::forget_due(SimSeconds now) {
  while (!due_.empty() && due_.top().at < now) {
    const std::uint64_t message = due_.top().message;
    due_.pop();
    const auto found = lives_.find(message);
    if (found == lives_.end()) continue;
    MessageLife& life = found->second;
    const SimSeconds at = life.last_event + settled_horizon_s_;
    if (at >= now) {  // seen again since it was queued
      due_.push(Due{at, message});
      continue;
    }
    life.queued = false;
    if (settled(message, life)) {
      forget(message, life);
    } else {
      compact(message, life);
    }
  }
}

// One-to-one: acknowledged, and no copy the store held is still waiting; or never
// acknowledged and no copy at all (a send that got nowhere, or a late receipt of a message
// already forgotten). A copy pending at the end is not settled; neither is a group record
// the log never placed: finish() judges those.
bool ConsistencyChecker::settled(std::uint64_t message, const MessageLife& life) {
  if (life.group) return group_records_.count(message) != 0 && group_settled(message, life);
  std::vector<DeviceId> devices = life.devices;
  std::sort(devices.begin(), devices.end());
  devices.erase(std::unique(devices.begin(), devices.end()), devices.end());
  std::uint32_t done = 0;
  for (DeviceId d : devices) {
    const auto copy = copies_.find(CopyKey{message, d});
    if (copy == copies_.end()) continue;
    if (copy->second == CopyState::stored || copy->second == CopyState::pending) return false;
    ++done;
  }
  const auto acked = acked_devices_.find(message);
  if (acked == acked_devices_.end()) return done == 0;
  return done >= acked->second;
}

// Every device entitled at the record's log seq (its sender's aside) has it delivered or
// expired: what check_group_lost_in() asks at the end, asked early.
bool ConsistencyChecker::group_settled(std::uint64_t message, const MessageLife& life) {
  if (group_messages_pending_.count(message) != 0) return false;
  if (life.compacted) {
    return std::all_of(life.devices.cbegin(), life.owed_end(),
                       [&](DeviceId d) { return group_copy_settled(message, d); });
  }
  const GroupRecord& record = group_records_.at(message);
  const DeviceId sender = MessageId::unpack(message).device;
  return memberships_.all_members_at(record.group, record.seq,
                                     [&](DeviceId d) { return d == sender || group_copy_settled(message, d); });
}

bool ConsistencyChecker::group_copy_settled(std::uint64_t message, DeviceId device) const {
  const auto copy = group_copies_.find(CopyKey{message, device});
  return copy != group_copies_.end() && (copy->second == CopyState::delivered || copy->second == CopyState::expired);
}

// Receipts first: only a receipt within the horizon of the message's last event is compared
// with the one before. A group record placed in the log keeps, of its copies, only those of
// the devices still owed it (ascending, for check_group_lost_in); the others' deliveries are
// proven, and a second delivery to one of them still shows, as an order disagreement (the
// device's last log seq is not below it). One-to-one copies are few: they stay.
void ConsistencyChecker::compact(std::uint64_t message, MessageLife& life) {
  for (DeviceId d : life.devices) receipts_.erase(CopyKey{message, d});
  if (life.group && group_records_.count(message) != 0 && group_messages_pending_.count(message) == 0) {
    std::vector<DeviceId> owed;
    if (!life.compacted) {
      const GroupRecord& record = group_records_.at(message);
      const DeviceId sender = MessageId::unpack(message).device;
      memberships_.all_members_at(record.group, record.seq, [&](DeviceId d) {
        if (d != sender && !group_copy_settled(message, d)) owed.push_back(d);
        return true;
      });
      std::sort(owed.begin(), owed.end());
      life.compacted = true;
    } else {  // compacted before: what it owed then and has been delivered since is settled now
      const auto now_settled = [&](DeviceId d) { return group_copy_settled(message, d); };
      std::remove_copy_if(life.devices.cbegin(), life.owed_end(), std::back_inserter(owed), now_settled);
    }
    for (DeviceId d : life.devices)
      if (group_copy_settled(message, d)) group_copies_.erase(CopyKey{message, d});
    life.devices = std::move(owed);  // what state is left names these devices only
    life.owed = static_cast<std::uint32_t>(life.devices.size());
  } else {  // the owed devices of a record compacted before stay first, as they were
    const auto named = life.devices.begin() + life.owed;
    std::sort(named, life.devices.end());
    life.devices.erase(std::unique(named, life.devices.end()), life.devices.end());
  }
  life.devices.shrink_to_fit();
}

// A device a compacted record no longer owes had its copy delivered or expired by then.
bool ConsistencyChecker::settled_when_compacted(std::uint64_t message, DeviceId device) const {
  const auto life = lives_.find(message);
  if (life == lives_.end() || !life->second.compacted) return false;
  return !std::binary_search(life->second.devices.cbegin(), life->second.owed_end(), device);
}

void ConsistencyChecker::forget(std::uint64_t message, const MessageLife& life) {
  for (DeviceId d : life.devices) {
    const CopyKey copy{message, d};
    copies_.erase(copy);
    group_copies_.erase(copy);
    receipts_.erase(copy);
  }
  acked_devices_.erase(message);
  group_records_.erase(message);
  const auto place = placed_.find(CopyKey{life.stream, life.seq});
  if (place != placed_.end() && place->second.message == message) placed_.erase(place);
  forgotten_ += 1;
  lives_.erase(message);  // last: `life` is this entry
}

// ---- Group streams ----------------------------------------------------------------------

// A group message's recipients are its group's members, so `acked` carries no device count
// to hold copies against (missing_copies is one-to-one only); receipts follow the same rule
// as one-to-one ones.
void ConsistencyChecker::on_group_event(const LifecycleEvent& e) {
  const CopyKey copy{e.id.packed(), e.device};
  switch (e.kind) {
    case EventKind::sent:
    case EventKind::acked:
    case EventKind::replicated:  // the group log acknowledges group records (its `acks`), not the shard
      break;
    case EventKind::stored:
      group_copies_.try_emplace(copy, CopyState::stored);
      break;
    case EventKind::delivered:
      on_group_delivered(e);
      break;
    case EventKind::receipt:
      on_receipt(e);
      break;
    case EventKind::expired:
      settle(group_copies_, copy, CopyState::expired);
      break;
    case EventKind::pending_at_end:
      if (e.device == kAllDevices) {
        group_messages_pending_.insert(copy.message);
      } else {
        settle(group_copies_, copy, CopyState::pending);
      }
      break;
    case EventKind::sequenced:
      // The first placement is the log's; a record placed twice is the log's fault, not a
      // reason to move every member's expectations.
      group_records_.try_emplace(copy.message, GroupRecord{e.stream, e.seq});
      break;
    case EventKind::member_from:
      memberships_.join(e.stream, e.device, e.seq);
      break;
    case EventKind::member_until:
      // A leave with no open membership (a malformed history) is ignored by the table, so the
      // device stays a non-member.
      memberships_.leave(e.stream, e.device, e.seq);
      break;
  }
}

// Each faulty delivery counts once, under its first fault: a duplicate is not also out of
// order, and a copy that should not have reached the device at all is not judged on order.
void ConsistencyChecker::on_group_delivered(const LifecycleEvent& e) {
  auto [copy, inserted] = group_copies_.try_emplace(CopyKey{e.id.packed(), e.device}, CopyState::delivered);
  const bool duplicate = !inserted && copy->second == CopyState::delivered;
  copy->second = CopyState::delivered;
  const auto record = group_records_.find(e.id.packed());
  const bool sequenced = record != group_records_.end();
  const GroupRecord logged = sequenced ? record->second : GroupRecord{e.stream, e.seq};
  const std::string device_text = "device " + std::to_string(e.device);
  if (duplicate) {
    ++counts_.group_duplicated;
    flag("group_duplicated", e, record_text(logged.group, logged.seq) + " delivered twice to " + device_text);
  } else if (!sequenced) {
    ++counts_.group_non_member_deliveries;
    flag("group_non_member_delivery", e,
         group_text(e.stream) + ": record never sequenced by the log, delivered to " + device_text);
  } else if (e.device == e.id.device) {
    ++counts_.group_non_member_deliveries;
    flag("group_non_member_delivery", e,
         record_text(logged.group, logged.seq) + " delivered to its sending " + device_text);
  } else if (!memberships_.is_member(logged.group, e.device, logged.seq)) {
    ++counts_.group_non_member_deliveries;
    flag("group_non_member_delivery", e,
         record_text(logged.group, logged.seq) + " delivered to " + device_text + ", not a member at that seq");
  } else {
    check_group_order(e, logged);
  }
}

// Every member follows the log's order, so the log seqs a device gets must climb; judging by
// the logged seq, not the delivered event's, catches a device that numbered its copy itself.
// An equal log seq for another record also counts: two records in one place is no order.
void ConsistencyChecker::check_group_order(const LifecycleEvent& e, const GroupRecord& record) {
  Seq& last = memberships_.last_delivered_seq(record.group, e.device);  // a member: it exists
  const Seq previous = last;
  last = std::max(last, record.seq);
  std::string fault;
  if (previous != 0 && record.seq <= previous) {
    fault = record_text(record.group, record.seq) + " after seq " + std::to_string(previous);
  } else if (e.seq != record.seq || e.stream != record.group) {
    fault = "delivered as " + record_text(e.stream, e.seq) + ", logged as " + record_text(record.group, record.seq);
  } else {
    return;
  }
  ++counts_.group_order_disagreements;
  flag("group_order_disagreement", e, fault + " on device " + std::to_string(e.device));
}

struct ConsistencyChecker::GroupTimeline {
  struct Change {
    Seq at = 0;  // the first record seq the change applies to
    DeviceId device = 0;
    bool joins = true;  // false: the device's interval ended before `at`
    friend bool operator<(const Change& a, const Change& b) {
      return std::tie(a.at, a.device, a.joins) < std::tie(b.at, b.device, b.joins);
    }
  };
  std::vector<std::pair<Seq, std::uint64_t>> records;  // (log seq, message)
  std::vector<Change> changes;
};

// Entitlement is exact (membership changes are in the log's order), so every record's
// entitled devices are its group's members at its seq. One group's timeline at a time, in
// group order (so the examples, and report.json, come out the same every time): only groups
// with records are swept, and no more than one group's membership changes are built at once,
// where building every group's at the end of a long run was a peak of its own.
void ConsistencyChecker::check_group_lost() {
  std::map<StreamId, std::vector<std::pair<Seq, std::uint64_t>>> records_of;
  for (const auto& [message, record] : group_records_) records_of[record.group].emplace_back(record.seq, message);
  for (auto& [group, records] : records_of) {
    GroupTimeline timeline;
    timeline.records = std::move(records);
    // The table visits intervals in no promised order; the changes are sorted before the
    // sweep, so that order cannot reach the report.
    memberships_.for_each_interval_of(group, [&](DeviceId device, const MembershipTable::Interval& m) {
      if (m.until < m.from) return;  // an empty interval entitles no record
      timeline.changes.push_back({m.from, device, true});
      if (m.until != MembershipTable::kStillMember) timeline.changes.push_back({m.until + 1, device, false});
    });
    check_group_lost_in(group, timeline);
  }
}

// Sweeps the group's records in log order, keeping the members at the current seq.
void ConsistencyChecker::check_group_lost_in(StreamId group, GroupTimeline& timeline) {
  std::sort(timeline.records.begin(), timeline.records.end());
  std::sort(timeline.changes.begin(), timeline.changes.end());
  std::map<DeviceId, std::uint32_t> open_intervals;  // member devices now, ascending
  auto change = timeline.changes.begin();
  for (const auto& [seq, message] : timeline.records) {
    for (; change != timeline.changes.end() && change->at <= seq; ++change) {
      if (change->joins) {
        ++open_intervals[change->device];
      } else if (--open_intervals[change->device] == 0) {
        open_intervals.erase(change->device);
      }
    }
    if (group_messages_pending_.count(message) != 0) continue;  // every copy still pending
    const MessageId id = MessageId::unpack(message);
    for (const auto& member : open_intervals) {
      const DeviceId device = member.first;
      if (device == id.device) continue;  // the sender's own device has it already
      const auto copy = group_copies_.find(CopyKey{message, device});
      if (copy != group_copies_.end() && copy->second != CopyState::stored) continue;
      if (settled_when_compacted(message, device)) continue;
      ++counts_.group_lost;
      const LifecycleEvent e{last_time_, EventKind::sequenced, id, group, seq, device, 0};
      flag("group_lost", e,
           record_text(group, seq) + ": device " + std::to_string(device) +
               " entitled, never delivered, not pending, not expired");
    }
  }
}

}  // namespace whatsim
