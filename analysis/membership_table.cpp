#include "analysis/membership_table.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace whatsim {

void MembershipTable::join(StreamId group, DeviceId device, Seq from) {
  if ((from & kHasLater) != 0)
    throw std::out_of_range("membership from seq " + std::to_string(from) + " is past the table's 2^31 limit");
  unsorted_.push_back(Pending{group, device, from});
}

void MembershipTable::leave(StreamId group, DeviceId device, Seq until) {
  const Key key{group, device};
  Member* member = find(key);
  if (member == nullptr) return;
  if ((member->from & kHasLater) == 0) {  // one open interval: it ends here
    member->from |= kHasLater;
    later_[key].first_until = until;
    return;
  }
  // The latest open interval: intervals are kept in arrival order, the first one inline.
  Later& later = later_.at(key);
  const auto open = std::find_if(later.more.rbegin(), later.more.rend(),
                                 [](const Interval& i) { return i.until == kStillMember; });
  if (open != later.more.rend()) {
    open->until = until;
  } else if (later.first_until == kStillMember) {
    later.first_until = until;
  }
}

bool MembershipTable::is_member(StreamId group, DeviceId device, Seq seq) {
  const Member* member = find(Key{group, device});
  return member != nullptr && covers(group, *member, seq);
}

bool MembershipTable::covers(StreamId group, const Member& member, Seq seq) const {
  if ((member.from & kHasLater) == 0) return member.from <= seq;  // the common case: no map lookup
  bool held = false;
  visit_intervals(group, member, [&](const Interval& i) { held = held || (i.from <= seq && seq <= i.until); });
  return held;
}

Seq& MembershipTable::last_delivered_seq(StreamId group, DeviceId device) {
  Member* member = find(Key{group, device});
  if (member == nullptr)
    throw std::out_of_range("no membership of device " + std::to_string(device) + " in stream " + std::to_string(group));
  return member->last_delivered_seq;
}

std::size_t MembershipTable::memberships() {
  settle();
  return members_.size() + overflow_.size();
}

// Puts the unsorted tail in place. The stable sort keeps one device's joins in arrival order,
// which `leave` relies on (it ends the latest open interval).
void MembershipTable::settle() {
  if (unsorted_.empty()) return;
  std::stable_sort(unsorted_.begin(), unsorted_.end(),
                   [](const Pending& a, const Pending& b) { return a.key() < b.key(); });
  // Each run of one key becomes further intervals of the membership already in place, or
  // else one new membership, compacted to the tail's front; its further joins wait in
  // `repeats` until the new memberships are in place.
  std::vector<Pending> repeats;
  std::size_t fresh = 0;
  for (std::size_t run = 0; run < unsorted_.size();) {
    std::size_t run_end = run + 1;
    while (run_end < unsorted_.size() && unsorted_[run_end].key() == unsorted_[run].key()) ++run_end;
    Member* target = find_settled(unsorted_[run].key());
    if (target == nullptr) {
      unsorted_[fresh++] = unsorted_[run];
      repeats.insert(repeats.end(), unsorted_.begin() + static_cast<std::ptrdiff_t>(run + 1),
                     unsorted_.begin() + static_cast<std::ptrdiff_t>(run_end));
    } else {
      for (std::size_t next = run; next < run_end; ++next)
        add_interval(unsorted_[next].group, *target, Interval{unsorted_[next].from, kStillMember});
    }
    run = run_end;
  }
  unsorted_.resize(fresh);
  place_new(std::exchange(unsorted_, {}));
  for (const Pending& p : repeats) add_interval(p.group, *find_settled(p.key()), Interval{p.from, kStillMember});
}

// New memberships, sorted by key, with keys not yet in the table.
void MembershipTable::place_new(std::vector<Pending> fresh) {
  if (fresh.empty()) return;
  if (fresh.size() * kMergeRatio >= members_.size()) {
    merge_into_runs(fresh);
    return;
  }
  for (const Pending& p : fresh) overflow_.emplace(p.key(), Member{p.device, p.from, 0});
  if (overflow_.size() * kMergeRatio < members_.size()) return;
  std::vector<Pending> folded;
  folded.reserve(overflow_.size());
  for (const auto& kv : overflow_) folded.push_back(Pending{kv.first.group, kv.first.device, 0});
  merge_into_runs(folded);
  // merge_into_runs took each overflowed key's place; its state comes from the overflow.
  for (const auto& kv : overflow_) *find_settled(kv.first) = kv.second;
  overflow_.clear();
}

// Rebuilds the runs with `fresh` (sorted by key, none already settled) merged in, in one pass.
void MembershipTable::merge_into_runs(const std::vector<Pending>& fresh) {
  std::vector<Run> runs;
  std::vector<Member> members;
  runs.reserve(runs_.size() + 1);
  members.reserve(members_.size() + fresh.size());
  const auto append = [&](StreamId group, const Member& member) {
    if (runs.empty() || runs.back().group != group)
      runs.push_back(Run{group, static_cast<std::uint32_t>(members.size())});
    members.push_back(member);
  };
  auto next_fresh = fresh.begin();
  for (std::size_t r = 0; r < runs_.size(); ++r) {
    const std::size_t end = r + 1 < runs_.size() ? runs_[r + 1].begin : members_.size();
    for (std::size_t m = runs_[r].begin; m < end; ++m) {
      const Key settled{runs_[r].group, members_[m].device};
      for (; next_fresh != fresh.end() && next_fresh->key() < settled; ++next_fresh)
        append(next_fresh->group, Member{next_fresh->device, next_fresh->from, 0});
      append(runs_[r].group, members_[m]);
    }
  }
  for (; next_fresh != fresh.end(); ++next_fresh) append(next_fresh->group, Member{next_fresh->device, next_fresh->from, 0});
  if (members.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("more group memberships than the table can index");
  runs.shrink_to_fit();
  runs_ = std::move(runs);
  members_ = std::move(members);
}

std::pair<std::size_t, std::size_t> MembershipTable::run_of(StreamId group) const {
  const auto run = std::lower_bound(runs_.begin(), runs_.end(), group,
                                    [](const Run& r, StreamId g) { return r.group < g; });
  if (run == runs_.end() || run->group != group) return {0, 0};
  const auto next = run + 1;
  return {run->begin, next == runs_.end() ? members_.size() : next->begin};
}

MembershipTable::Member* MembershipTable::find_settled(const Key& key) {
  const auto [begin, end] = run_of(key.group);
  const auto first = members_.begin() + static_cast<std::ptrdiff_t>(begin);
  const auto last = members_.begin() + static_cast<std::ptrdiff_t>(end);
  const auto found = std::lower_bound(first, last, key.device,
                                      [](const Member& m, DeviceId d) { return m.device < d; });
  if (found != last && found->device == key.device) return &*found;
  const auto overflowed = overflow_.find(key);
  return overflowed == overflow_.end() ? nullptr : &overflowed->second;
}

MembershipTable::Member* MembershipTable::find(const Key& key) {
  settle();
  return find_settled(key);
}

void MembershipTable::add_interval(StreamId group, Member& member, const Interval& interval) {
  Later& later = later_[Key{group, member.device}];
  member.from |= kHasLater;
  later.more.push_back(interval);
}

}  // namespace whatsim
