#pragma once
// The consistency checker's group memberships: for each (group stream, device), the log seq
// intervals in which the device was a member, and the log seq of the latest group record
// delivered to it.
//
// Sized for millions of memberships: every device of every initial member is recorded at
// time 0, so nearly every membership is one interval that starts with the run and never ends;
// joins, leaves and re-joins during the run are rare. So the memberships are kept by group, as
// one run of 12-byte entries per group (device, first seq, last delivered seq) found by binary
// search, with the group's id once per run rather than once per entry; the rare memberships
// whose first interval ended or that have more live in a side map, flagged in the entry.
//
// Joins come in bulk at the start, in no particular order, then one at a time. Both stay
// cheap: a join is appended to an unsorted tail, and the tail is put in place before the next
// lookup, by one sort and merge when it is large next to the table (the bulk), or into a small
// ordered overflow map when it is not (a join during the run), so a rare join costs O(log n),
// never a pass over the table. The overflow is merged into the runs once it reaches a fraction
// of them, so each insertion costs O(log n) amortised and map nodes stay few.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <tuple>
#include <utility>
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
  // Calls visit(device, interval) for every interval in `group`, in no promised order.
  template <class Visit>
  void for_each_interval_of(StreamId group, Visit&& visit);
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
  // A membership in its group's run. `from` is its first interval's first seq; the interval is
  // open-ended unless kHasLater is set in it, in which case later_ holds how it ended and any
  // intervals after it. Log seqs stay far below 2^31, so the flag costs no space.
  static constexpr Seq kHasLater = Seq{1} << 31;
  struct Member {
    DeviceId device = 0;
    Seq from = 0;
    Seq last_delivered_seq = 0;
  };
  struct Run {
    StreamId group = 0;
    std::uint32_t begin = 0;  // its members are members_[begin, the next run's begin)
  };
  struct Later {
    Seq first_until = kStillMember;
    std::vector<Interval> more;  // after the first, in arrival order
  };
  struct Pending {  // a join not yet put in place
    StreamId group = 0;
    DeviceId device = 0;
    Seq from = 0;
    Key key() const { return Key{group, device}; }
  };
  // A tail or an overflow this many times smaller than the runs is not worth a pass over
  // them; one this large is, and the pass is paid for by the joins that grew it.
  static constexpr std::size_t kMergeRatio = 8;

  void settle();
  void place_new(std::vector<Pending> fresh);
  void merge_into_runs(const std::vector<Pending>& fresh);
  std::pair<std::size_t, std::size_t> run_of(StreamId group) const;  // [begin, end) in members_
  Member* find_settled(const Key& key);
  bool covers(StreamId group, const Member& member, Seq seq) const;
  Member* find(const Key& key);
  void add_interval(StreamId group, Member& member, const Interval& interval);
  template <class Visit>
  void visit_intervals(StreamId group, const Member& member, Visit&& visit) const;
  // Calls visit(member) for each of the group's memberships until it returns false.
  template <class Visit>
  bool visit_members(StreamId group, Visit&& visit);

  std::vector<Run> runs_;          // by group, one per group with a settled member
  std::vector<Member> members_;    // each run's members by device, unique
  std::map<Key, Member> overflow_;  // keys not in the runs, joined after they were built
  std::map<Key, Later> later_;      // memberships flagged kHasLater
  std::vector<Pending> unsorted_;   // joins not yet put in place, in arrival order
};

template <class Visit>
void MembershipTable::visit_intervals(StreamId group, const Member& member, Visit&& visit) const {
  if ((member.from & kHasLater) == 0) {
    visit(Interval{member.from, kStillMember});
    return;
  }
  const Later& later = later_.at(Key{group, member.device});
  visit(Interval{member.from & ~kHasLater, later.first_until});
  for (const Interval& interval : later.more) visit(interval);
}

// A group's memberships are its run plus its overflow (keys sort by group first).
template <class Visit>
bool MembershipTable::visit_members(StreamId group, Visit&& visit) {
  settle();
  const auto [begin, end] = run_of(group);
  for (std::size_t m = begin; m < end; ++m)
    if (!visit(members_[m])) return false;
  for (auto kv = overflow_.lower_bound(Key{group, 0}); kv != overflow_.end() && kv->first.group == group; ++kv)
    if (!visit(kv->second)) return false;
  return true;
}

template <class Visit>
void MembershipTable::for_each_interval_of(StreamId group, Visit&& visit) {
  visit_members(group, [&](const Member& member) {
    visit_intervals(group, member, [&](const Interval& i) { visit(member.device, i); });
    return true;
  });
}

template <class Visit>
bool MembershipTable::all_members_at(StreamId group, Seq seq, Visit&& visit) {
  return visit_members(group, [&](const Member& member) { return !covers(group, member, seq) || visit(member.device); });
}

}  // namespace whatsim
