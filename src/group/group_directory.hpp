#pragma once
// The group service's data (MySQL behind a Redis cache in the seeds): every group's members,
// admins and metadata, and who is in which group. Each membership change gets a new group
// version; the history of versions is kept so a group message handler can ask for "the
// members as of version v", the version a record of the group's log was written at. That is
// what decides exactly who is entitled to each message, whatever the handler's lag.
//
// Sized for millions of memberships, nearly all made at the start and never changed: a group
// keeps its current members and a log of the changes since its creation (members as of a
// version are the current ones with later changes undone), and who is in which group is one
// shared array built on the first lookup, with a list of its own only for a user whose groups
// changed after that.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/core/ids.hpp"
#include "src/group/group_list.hpp"
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
  // Room for `groups` groups in all, so creating them does not grow the table by doubling.
  void reserve(std::size_t groups) { groups_.reserve(groups); }
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
  // The groups `user` is in now, in the order joined; empty for a user in none. Valid until
  // the next create, join, leave or removal.
  GroupList groups_of(UserId user) const;

  std::size_t groups() const { return groups_.size(); }
  std::uint64_t memberships() const { return memberships_; }  // current members summed over groups
  std::uint32_t size_limit() const { return size_limit_; }

  // Ids of the notices the group service appends to a group's log ("X joined", "X left"):
  // {kGroupServiceDevice, 1}, {kGroupServiceDevice, 2}, ...
  MessageId next_notice_id() { return MessageId{kGroupServiceDevice, ++notices_minted_}; }

 private:
  // A membership change after the group's creation.
  struct Change {
    UserId user = 0;
    std::uint32_t version = 0;  // the version it made
    bool joined = true;         // false: left or removed
  };
  struct Entry {
    Group group;
    std::vector<Change> changes;  // in version order
  };

  Entry& entry(GroupId group);
  const Entry& entry(GroupId group) const;
  void admit(Entry& e, UserId user);
  void drop(Entry& e, UserId user);
  void index_users() const;
  std::vector<GroupId>& own_list(UserId user);

  std::uint32_t size_limit_;
  std::vector<Entry> groups_;  // groups_[id - 1]
  // Who is in which group, built by index_users() on the first lookup: user u's groups are
  // user_groups_[first_group_of_[u], first_group_of_[u + 1]), in id order, which for groups
  // made at the start is the order joined. A user whose groups changed since has its list in
  // changed_groups_of_ instead. Mutable: built by the first (const) lookup.
  mutable std::vector<std::uint32_t> first_group_of_;
  mutable std::vector<GroupId> user_groups_;
  mutable bool users_indexed_ = false;
  std::unordered_map<UserId, std::vector<GroupId>> changed_groups_of_;
  std::uint64_t memberships_ = 0;
  std::uint32_t notices_minted_ = 0;
};

}  // namespace whatsim
