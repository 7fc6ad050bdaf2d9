#include "src/group/group_directory.hpp"

#include <algorithm>
#include <stdexcept>

namespace whatsim {

namespace {

std::string user_in_group(UserId user, GroupId group) {
  return "user " + std::to_string(user) + " is already a member of group " + std::to_string(group);
}

std::string user_not_in_group(UserId user, GroupId group) {
  return "user " + std::to_string(user) + " is not a member of group " + std::to_string(group);
}

MembershipChange refused(std::string error, std::uint32_t version) { return {false, std::move(error), version}; }

void erase_value(std::vector<UserId>& users, UserId user) {
  users.erase(std::find(users.begin(), users.end(), user));
}

// The creator first, then the other listed members in the order given.
std::vector<UserId> initial_members(UserId creator, const std::vector<UserId>& members) {
  std::vector<UserId> all{creator};
  bool creator_listed = false;
  for (const UserId u : members) {
    if (u == creator && !creator_listed) {
      creator_listed = true;  // listing the creator among the members is allowed, once
      continue;
    }
    all.push_back(u);
  }
  std::vector<UserId> sorted = all;
  std::sort(sorted.begin(), sorted.end());
  if (const auto dup = std::adjacent_find(sorted.begin(), sorted.end()); dup != sorted.end())
    throw std::invalid_argument("a new group lists user " + std::to_string(*dup) + " twice");
  return all;
}

}  // namespace

GroupDirectory::GroupDirectory(std::uint32_t size_limit) : size_limit_(size_limit) {
  if (size_limit == 0) throw std::invalid_argument("groups.size_limit must be at least 1 (the creator)");
}

GroupId GroupDirectory::create(UserId creator, std::vector<UserId> members, std::uint32_t metadata_bytes) {
  const std::vector<UserId> all = initial_members(creator, members);
  if (all.size() > size_limit_)
    throw std::invalid_argument("a new group of " + std::to_string(all.size()) + " members is over the limit of " +
                                std::to_string(size_limit_) + " (groups.size_limit)");
  const auto id = static_cast<GroupId>(groups_.size() + 1);
  Entry& e = groups_.emplace_back();
  e.group.id = id;
  e.group.admins = {creator};
  e.group.metadata_bytes = metadata_bytes;
  e.group.version = 1;
  e.group.members.assign(all.begin(), all.end());  // exactly as many as there are
  memberships_ += all.size();
  if (users_indexed_)  // a group made after the first lookup: its users' lists are their own
    for (const UserId u : all) own_list(u).push_back(id);
  return id;
}

MembershipChange GroupDirectory::join(GroupId group, UserId user) {
  Entry& e = entry(group);
  Group& g = e.group;
  if (is_member(group, user)) return refused(user_in_group(user, group), g.version);
  if (g.members.size() >= size_limit_)
    return refused("group " + std::to_string(group) + " is full: " + std::to_string(g.members.size()) + " of " +
                       std::to_string(size_limit_) + " members (groups.size_limit)",
                   g.version);
  ++g.version;
  admit(e, user);
  // A group everyone had left has no admin; whoever joins it first manages it.
  if (g.admins.empty()) g.admins.push_back(user);
  return {true, {}, g.version};
}

MembershipChange GroupDirectory::leave(GroupId group, UserId user) {
  Entry& e = entry(group);
  if (!is_member(group, user)) return refused(user_not_in_group(user, group), e.group.version);
  ++e.group.version;
  drop(e, user);
  return {true, {}, e.group.version};
}

MembershipChange GroupDirectory::remove(GroupId group, UserId admin, UserId member) {
  Entry& e = entry(group);
  const auto& admins = e.group.admins;
  if (std::find(admins.begin(), admins.end(), admin) == admins.end())
    return refused("user " + std::to_string(admin) + " may not remove members of group " + std::to_string(group) +
                       ": not an admin",
                   e.group.version);
  if (!is_member(group, member)) return refused(user_not_in_group(member, group), e.group.version);
  ++e.group.version;
  drop(e, member);
  return {true, {}, e.group.version};
}

const Group& GroupDirectory::group(GroupId group) const { return entry(group).group; }

bool GroupDirectory::is_member(GroupId group, UserId user) const {
  // A user's own list of groups is usually far shorter than a group's member list.
  const GroupList mine = groups_of(user);
  return std::find(mine.begin(), mine.end(), group) != mine.end();
}

std::vector<UserId> GroupDirectory::members_at(GroupId group, std::uint32_t version) const {
  const Entry& e = entry(group);
  if (version == 0 || version > e.group.version)
    throw std::out_of_range("group " + std::to_string(group) + " has no version " + std::to_string(version) +
                            " (it is at version " + std::to_string(e.group.version) + ")");
  std::vector<UserId> members = e.group.members;
  for (auto c = e.changes.rbegin(); c != e.changes.rend() && c->version > version; ++c) {
    if (c->joined) {
      erase_value(members, c->user);
    } else {
      members.push_back(c->user);
    }
  }
  std::sort(members.begin(), members.end());
  return members;
}

GroupList GroupDirectory::groups_of(UserId user) const {
  index_users();
  if (const auto own = changed_groups_of_.find(user); own != changed_groups_of_.end()) return own->second;
  if (std::size_t{user} + 1 >= first_group_of_.size()) return {};
  const GroupId* base = user_groups_.data();
  return {base + first_group_of_[user], base + first_group_of_[user + 1]};
}

// One pass over every group's members, in id order: a count per user, then each user's slice.
void GroupDirectory::index_users() const {
  if (users_indexed_) return;
  users_indexed_ = true;
  UserId top = 0;
  for (const Entry& e : groups_)
    for (const UserId u : e.group.members) top = std::max(top, u);
  first_group_of_.assign(groups_.empty() ? 0 : std::size_t{top} + 2, 0);
  for (const Entry& e : groups_)
    for (const UserId u : e.group.members) ++first_group_of_[u + 1];
  for (std::size_t u = 1; u < first_group_of_.size(); ++u) first_group_of_[u] += first_group_of_[u - 1];
  user_groups_.resize(memberships_);
  std::vector<std::uint32_t> next = first_group_of_;
  for (const Entry& e : groups_)
    for (const UserId u : e.group.members) user_groups_[next[u]++] = e.group.id;
}

// The user's list to change: its slice of the shared array, copied out the first time.
std::vector<GroupId>& GroupDirectory::own_list(UserId user) {
  const GroupList indexed = groups_of(user);
  const auto [own, copied] = changed_groups_of_.try_emplace(user);
  if (copied) own->second = indexed.to_vector();
  return own->second;
}

GroupDirectory::Entry& GroupDirectory::entry(GroupId group) {
  return const_cast<Entry&>(static_cast<const GroupDirectory&>(*this).entry(group));
}

const GroupDirectory::Entry& GroupDirectory::entry(GroupId group) const {
  if (group == kNoGroup || group > groups_.size())
    throw std::out_of_range("no group " + std::to_string(group) + " (there are " + std::to_string(groups_.size()) +
                            ")");
  return groups_[group - 1];
}

// Adds `user` at the group's current version (the caller has already moved it on).
// The user's list is taken before the members change: were this the first lookup, the shared
// array would be built from the changed members and the group listed twice.
void GroupDirectory::admit(Entry& e, UserId user) {
  std::vector<GroupId>& mine = own_list(user);
  e.group.members.push_back(user);
  e.changes.push_back(Change{user, e.group.version, true});
  mine.push_back(e.group.id);
  ++memberships_;
}

// Removes `user` as of the group's current version (the caller has already moved it on).
void GroupDirectory::drop(Entry& e, UserId user) {
  // Taken first, as in admit(). The emptied list stays: without it the user's slice of the
  // shared array would show again.
  std::vector<GroupId>& mine = own_list(user);
  Group& g = e.group;
  erase_value(g.members, user);
  const auto admin = std::find(g.admins.begin(), g.admins.end(), user);
  if (admin != g.admins.end()) g.admins.erase(admin);
  // A group with members but no admin could never again remove anyone or change its
  // settings. WhatsApp hands admin on to a remaining member; the longest-standing one is a
  // natural choice, and a deterministic one, so a seed still means one run.
  if (g.admins.empty() && !g.members.empty()) g.admins.push_back(g.members.front());
  e.changes.push_back(Change{user, g.version, false});
  mine.erase(std::find(mine.begin(), mine.end(), g.id));
  --memberships_;
}

}  // namespace whatsim
