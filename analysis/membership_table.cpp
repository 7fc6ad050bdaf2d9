#include "analysis/membership_table.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>

namespace whatsim {

namespace {

template <class Entry>
bool by_key(const Entry& a, const Entry& b) {
  return a.key < b.key;
}

}  // namespace

void MembershipTable::join(StreamId group, DeviceId device, Seq from) {
  unsorted_.push_back(Entry{Key{group, device}, Interval{from, kStillMember}});
}

void MembershipTable::leave(StreamId group, DeviceId device, Seq until) {
  Entry* entry = find(Key{group, device});
  if (entry == nullptr) return;
  // The latest open interval: intervals are kept in arrival order, the first one inline.
  if (entry->more_intervals != kNoMoreIntervals) {
    auto& more = more_intervals_[entry->more_intervals];
    const auto open = std::find_if(more.rbegin(), more.rend(), [](const Interval& i) { return i.until == kStillMember; });
    if (open != more.rend()) {
      open->until = until;
      return;
    }
  }
  if (entry->first.until == kStillMember) entry->first.until = until;
}

bool MembershipTable::is_member(StreamId group, DeviceId device, Seq seq) {
  const Entry* entry = find(Key{group, device});
  return entry != nullptr && covers(*entry, seq);
}

bool MembershipTable::covers(const Entry& entry, Seq seq) const {
  const auto holds = [seq](const Interval& i) { return i.from <= seq && seq <= i.until; };
  if (holds(entry.first)) return true;
  if (entry.more_intervals == kNoMoreIntervals) return false;
  const auto& more = more_intervals_[entry.more_intervals];
  return std::any_of(more.begin(), more.end(), holds);
}

Seq& MembershipTable::last_delivered_seq(StreamId group, DeviceId device) {
  Entry* entry = find(Key{group, device});
  if (entry == nullptr)
    throw std::out_of_range("no membership of device " + std::to_string(device) + " in stream " + std::to_string(group));
  return entry->last_delivered_seq;
}

std::size_t MembershipTable::memberships() {
  settle();
  return sorted_.size() + overflow_.size();
}

// Puts the unsorted tail in place. The stable sort keeps one device's joins in arrival order,
// which `leave` relies on (it ends the latest open interval).
void MembershipTable::settle() {
  if (unsorted_.empty()) return;
  std::stable_sort(unsorted_.begin(), unsorted_.end(), by_key<Entry>);
  // Each run of one key becomes further intervals of the membership already in place, or
  // else one new entry, compacted to the tail's front.
  std::size_t fresh = 0;
  for (std::size_t run = 0; run < unsorted_.size();) {
    std::size_t run_end = run + 1;
    while (run_end < unsorted_.size() && unsorted_[run_end].key == unsorted_[run].key) ++run_end;
    Entry* target = find_settled(unsorted_[run].key);
    std::size_t next = run;
    if (target == nullptr) {
      unsorted_[fresh] = unsorted_[run];
      target = &unsorted_[fresh++];
      ++next;
    }
    for (; next < run_end; ++next) add_interval(*target, unsorted_[next].first);
    run = run_end;
  }
  unsorted_.resize(fresh);
  place_new(std::exchange(unsorted_, {}));
}

// New memberships, sorted by key, with keys not yet in the table.
void MembershipTable::place_new(std::vector<Entry> fresh) {
  if (fresh.empty()) return;
  if (fresh.size() * kMergeRatio >= sorted_.size()) {
    merge_into_sorted(std::move(fresh));
    return;
  }
  for (const Entry& entry : fresh) overflow_.emplace(entry.key, entry);
  if (overflow_.size() * kMergeRatio < sorted_.size()) return;
  std::vector<Entry> folded;
  folded.reserve(overflow_.size());
  for (const auto& kv : overflow_) folded.push_back(kv.second);
  overflow_.clear();
  merge_into_sorted(std::move(folded));
}

void MembershipTable::merge_into_sorted(std::vector<Entry>&& fresh) {
  if (sorted_.empty()) {
    sorted_ = std::move(fresh);
    sorted_.shrink_to_fit();
    return;
  }
  std::vector<Entry> merged;
  merged.reserve(sorted_.size() + fresh.size());
  std::merge(sorted_.begin(), sorted_.end(), fresh.begin(), fresh.end(), std::back_inserter(merged), by_key<Entry>);
  sorted_ = std::move(merged);
}

MembershipTable::Entry* MembershipTable::find_settled(const Key& key) {
  const auto found = std::lower_bound(sorted_.begin(), sorted_.end(), key,
                                      [](const Entry& entry, const Key& k) { return entry.key < k; });
  if (found != sorted_.end() && found->key == key) return &*found;
  const auto overflowed = overflow_.find(key);
  return overflowed == overflow_.end() ? nullptr : &overflowed->second;
}

MembershipTable::Entry* MembershipTable::find(const Key& key) {
  settle();
  return find_settled(key);
}

void MembershipTable::add_interval(Entry& entry, const Interval& interval) {
  if (entry.more_intervals == kNoMoreIntervals) {
    entry.more_intervals = static_cast<std::uint32_t>(more_intervals_.size());
    more_intervals_.emplace_back();
  }
  more_intervals_[entry.more_intervals].push_back(interval);
}

}  // namespace whatsim
