#include "src/group/group_fanout.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace whatsim {

namespace {

std::string where(PartitionId partition, Offset offset) {
  return "partition " + std::to_string(partition) + " offset " + std::to_string(offset);
}

}  // namespace

std::uint32_t audience_version(const LogRecord& record) {
  return record.frame.notice == GroupNotice::member_left ? record.version - 1 : record.version;
}

MemberQuery GroupFanout::consume(PartitionId partition, const LogRecord& record) {
  auto [it, first_record] = partitions_.try_emplace(partition);
  PartitionState& state = it->second;
  if (!first_record && record.offset < state.next_offset)
    throw std::invalid_argument("records must be consumed in offset order: " + where(partition, record.offset) +
                                " after offset " + std::to_string(state.next_offset - 1));
  state.next_offset = record.offset + 1;
  state.slots.push_back(Slot{record, {}, Stage::asked});
  ++in_flight_;
  return MemberQuery{record.group, audience_version(record), partition, record.offset};
}

std::vector<FanoutRecord> GroupFanout::answer(PartitionId partition, Offset offset, std::vector<UserId> members) {
  auto it = partitions_.find(partition);
  if (it == partitions_.end())
    throw std::invalid_argument("answer for " + where(partition, offset) + ", never consumed");
  PartitionState& state = it->second;
  check_consumed(partition, state, offset);
  Slot* slot = find(state, offset);
  if (slot == nullptr || slot->stage != Stage::asked) return {};  // a repeated answer
  slot->members = std::move(members);
  slot->stage = Stage::answered;

  // Hand on the answered records that no unanswered one precedes.
  std::vector<FanoutRecord> ready;
  while (state.handed_on < state.slots.size() && state.slots[state.handed_on].stage == Stage::answered) {
    Slot& next = state.slots[state.handed_on++];
    next.stage = Stage::handed_on;
    ready.push_back(FanoutRecord{next.record, std::exchange(next.members, {})});
  }
  return ready;
}

std::optional<Offset> GroupFanout::done(PartitionId partition, Offset offset) {
  auto it = partitions_.find(partition);
  if (it == partitions_.end()) throw std::invalid_argument(where(partition, offset) + " done, never consumed");
  PartitionState& state = it->second;
  check_consumed(partition, state, offset);
  Slot* slot = find(state, offset);
  if (slot == nullptr || slot->stage == Stage::done) return std::nullopt;  // a repeated call
  if (slot->stage != Stage::handed_on)
    throw std::invalid_argument(where(partition, offset) + " done before it was handed on for fan-out");
  slot->stage = Stage::done;
  --in_flight_;

  // Drop the done prefix: nothing of a done record is needed once no earlier record waits.
  std::optional<Offset> committed;
  while (!state.slots.empty() && state.slots.front().stage == Stage::done) {
    committed = state.slots.front().record.offset + 1;
    state.slots.pop_front();
    --state.handed_on;
  }
  return committed;
}

std::vector<LogRecord> GroupFanout::unfinished() const {
  std::vector<LogRecord> records;
  records.reserve(in_flight_);
  for (const auto& [partition, state] : partitions_)
    for (const Slot& slot : state.slots)
      if (slot.stage != Stage::done) records.push_back(slot.record);
  return records;
}

GroupFanout::Slot* GroupFanout::find(PartitionState& state, Offset offset) {
  const auto it = std::lower_bound(state.slots.begin(), state.slots.end(), offset,
                                   [](const Slot& s, Offset o) { return s.record.offset < o; });
  return it != state.slots.end() && it->record.offset == offset ? &*it : nullptr;
}

void GroupFanout::check_consumed(PartitionId partition, const PartitionState& state, Offset offset) {
  if (offset >= state.next_offset) throw std::invalid_argument(where(partition, offset) + " was never consumed");
}

}  // namespace whatsim
