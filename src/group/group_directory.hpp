#pragma once
// The group service's data (MySQL behind a Redis cache in the seeds): every group's members,
// admins and metadata, and who is in which group. Each membership change gets a new group
// version; the history of versions is kept so a group message handler can ask for "the
// members as of version v", the version a record of the group's log was written at. That is
// what decides exactly who is entitled to each message, whatever the handler's lag.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/core/ids.hpp"
#include "src/protocol/message_id.hpp"

namespace whatsim {

struct Group {
  GroupId id = kNoGroup;
  std::vector<UserId> members;  // current members, longest-standing first
  std::vector<UserId> admins;   // always a subset of members
  std::uint32_t metadata_bytes = 0;  // name, description, icon reference
  std::uint32_t version = 1;         // 1 at creation, +1 per membership change
};

// The outcome of a join, leave or removal. A refused change changes nothing.
struct MembershipChange {
  bool ok = false;
  std::string error;          // one line, when !ok
  std::uint32_t version = 0;  // the new version when ok; the unchanged current one otherwise
};

class GroupDirectory {
 public:
  // `size_limit` is the most members a group may have (the scenario's groups.size_limit).
  explicit GroupDirectory(std::uint32_t size_limit);

  // A new group of `creator` (its first admin) and `members` (which may list the creator
  // too), at version 1. Ids are 1, 2, 3... Throws std::invalid_argument when a user is
  // listed twice or the group would be over the size limit.
  GroupId create(UserId creator, std::vector<UserId> members, std::uint32_t metadata_bytes);
  MembershipChange join(GroupId group, UserId user);
  MembershipChange leave(GroupId group, UserId user);
  // Only an admin may remove a member.
  MembershipChange remove(GroupId group, UserId admin, UserId member);

  // Throws std::out_of_range for an id create() never returned. The reference is valid
  // until the next create().
  const Group& group(GroupId group) const;
  bool is_member(GroupId group, UserId user) const;
  // The members right after the change that made `version`, sorted by user id.
  // Throws std::out_of_range for version 0 or a version the group has not reached.
  std::vector<UserId> members_at(GroupId group, std::uint32_t version) const;
  // The groups `user` is in now, in the order joined; empty for a user in none.
  const std::vector<GroupId>& groups_of(UserId user) const;

  std::size_t groups() const { return groups_.size(); }
  std::uint64_t memberships() const { return memberships_; }  // current members summed over groups
  std::uint32_t size_limit() const { return size_limit_; }

  // Ids of the notices the group service appends to a group's log ("X joined", "X left"):
  // {kGroupServiceDevice, 1}, {kGroupServiceDevice, 2}, ...
  MessageId next_notice_id() { return MessageId{kGroupServiceDevice, ++notices_minted_}; }

 private:
  // One uninterrupted membership: members_at(v) holds `user` for joined_version <= v <
  // left_version. A user who leaves and joins again has several stints.
  struct Stint {
    UserId user = 0;
    std::uint32_t joined_version = 0;
    std::uint32_t left_version = 0;  // kStillMember while a member
  };
  static constexpr std::uint32_t kStillMember = 0;
  struct Entry {
    Group group;
    std::vector<Stint> history;
  };

  Entry& entry(GroupId group);
  const Entry& entry(GroupId group) const;
  void admit(Entry& e, UserId user);
  void drop(Entry& e, UserId user);

  std::uint32_t size_limit_;
  std::vector<Entry> groups_;  // groups_[id - 1]
  // Only users in at least one group have an entry: millions of users in none cost nothing.
  std::unordered_map<UserId, std::vector<GroupId>> groups_of_;
  std::uint64_t memberships_ = 0;
  std::uint32_t notices_minted_ = 0;
};

}  // namespace whatsim
