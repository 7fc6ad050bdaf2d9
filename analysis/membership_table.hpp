#pragma once
// The consistency checker's group memberships: for each (group stream, device), the log seq
// intervals in which the device was a member, and the log seq of the latest group record
// delivered to it.
//
// Sized for millions of memberships: every device of every initial member is recorded at
// time 0, so nearly every membership is one interval that starts with the run and never ends;
// joins, leaves and re-joins during the run are rare. So a membership is one flat 32-byte
// entry with its first interval inline, kept in a vector sorted by key and found by binary
// search, instead of a hash node, a bucket and a vector block each; the rare further
// intervals (re-joins) live in a side container.
//
// Joins come in bulk at the start, in no particular order, then one at a time. Both stay
// cheap: a join is appended to an unsorted tail, and the tail is put in place before the next
// lookup, by one sort and merge when it is large next to the table (the bulk), or into a small
// ordered overflow map when it is not (a join during the run), so a rare join costs O(log n),
// never a pass over the table. The overflow is merged into the vector once it reaches a
// fraction of it, so each insertion costs O(log n) amortised and map nodes stay few.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <tuple>
#include <vector>

#include "src/core/ids.hpp"

namespace whatsim {

class MembershipTable {
 public:
  static constexpr Seq kStillMember = std::numeric_limits<Seq>::max();
  struct Interval {
    Seq from = 0;
    Seq until = kStillMember;  // inclusive
  };

  // The device is a member from log seq `from` on (a `member_from` event). A device may hold
  // several intervals: a user who left may join again.
  void join(StreamId group, DeviceId device, Seq from);
  // Ends the device's latest open interval at `until`, inclusive (a `member_until` event). A
  // leave with no open interval names nothing to end (a malformed history): ignored.
  void leave(StreamId group, DeviceId device, Seq until);
  bool is_member(StreamId group, DeviceId device, Seq seq);
  // The log seq of the latest record delivered to the device, 0 before the first. Only for a
  // device that holds a membership (is_member said so); throws std::out_of_range otherwise.
  Seq& last_delivered_seq(StreamId group, DeviceId device);
  // Calls visit(group, device, interval) for every interval, in no promised order.
  template <class Visit>
  void for_each_interval(Visit&& visit);
  std::size_t memberships();
  // Calls visit(device) for every device that was a member of `group` at log seq `seq`, in no
  // promised order; returns false as soon as a visit does (a search that found its answer).
  template <class Visit>
  bool all_members_at(StreamId group, Seq seq, Visit&& visit);

 private:
  struct Key {
    StreamId group = 0;
    DeviceId device = 0;
    friend bool operator<(const Key& a, const Key& b) { return std::tie(a.group, a.device) < std::tie(b.group, b.device); }
    friend bool operator==(const Key& a, const Key& b) { return a.group == b.group && a.device == b.device; }
  };
  static constexpr std::uint32_t kNoMoreIntervals = std::numeric_limits<std::uint32_t>::max();
  struct Entry {
    Key key;
    Interval first;
    Seq last_delivered_seq = 0;
    std::uint32_t more_intervals = kNoMoreIntervals;  // index in more_intervals_, for re-joins
  };
  // A tail or an overflow this many times smaller than the sorted vector is not worth a pass
  // over it; one this large is, and the pass is paid for by the joins that grew it.
  static constexpr std::size_t kMergeRatio = 8;

  void settle();
  void place_new(std::vector<Entry> fresh);
  void merge_into_sorted(std::vector<Entry>&& fresh);
  Entry* find_settled(const Key& key);
  bool covers(const Entry& entry, Seq seq) const;
  Entry* find(const Key& key);
  void add_interval(Entry& entry, const Interval& interval);

  std::vector<Entry> sorted_;     // by key, unique keys
  std::map<Key, Entry> overflow_;  // keys not in sorted_, joined after it was built
  std::vector<Entry> unsorted_;   // joins not yet put in place, in arrival order
  std::vector<std::vector<Interval>> more_intervals_;  // each entry's intervals after its first
};

template <class Visit>
void MembershipTable::for_each_interval(Visit&& visit) {
  settle();
  const auto visit_entry = [&](const Entry& entry) {
    visit(entry.key.group, entry.key.device, entry.first);
    if (entry.more_intervals == kNoMoreIntervals) return;
    for (const Interval& interval : more_intervals_[entry.more_intervals])
      visit(entry.key.group, entry.key.device, interval);
  };
  for (const Entry& entry : sorted_) visit_entry(entry);
  for (const auto& kv : overflow_) visit_entry(kv.second);
}

// A group's memberships are one run of sorted_ (keys sort by group first) plus its overflow.
template <class Visit>
bool MembershipTable::all_members_at(StreamId group, Seq seq, Visit&& visit) {
  settle();
  const Key first{group, 0};
  auto entry = std::lower_bound(sorted_.begin(), sorted_.end(), first,
                                [](const Entry& e, const Key& k) { return e.key < k; });
  for (; entry != sorted_.end() && entry->key.group == group; ++entry)
    if (covers(*entry, seq) && !visit(entry->key.device)) return false;
  for (auto kv = overflow_.lower_bound(first); kv != overflow_.end() && kv->first.group == group; ++kv)
    if (covers(kv->second, seq) && !visit(kv->first.device)) return false;
  return true;
}

}  // namespace whatsim
