#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "src/group/group_directory.hpp"

using namespace whatsim;

namespace {

// Users first, first + 1, ..., first + count - 1.
std::vector<UserId> users_from(UserId first, std::uint32_t count) {
  std::vector<UserId> users;
  for (UserId u = first; u < first + count; ++u) users.push_back(u);
  return users;
}

}  // namespace

TEST_CASE("A new group has its creator as member and admin, at version 1, with ids from 1",
          "[group][directory]") {
  GroupDirectory dir(200);
  const GroupId first = dir.create(10, {11, 12}, 300);
  const GroupId second = dir.create(20, {20, 21}, 300);  // the creator may be listed too
  CHECK(first == 1);
  CHECK(second == 2);
  const Group& g = dir.group(first);
  CHECK(g.id == first);
  CHECK(g.members == std::vector<UserId>{10, 11, 12});
  CHECK(g.admins == std::vector<UserId>{10});
  CHECK(g.metadata_bytes == 300);
  CHECK(g.version == 1);
  CHECK(dir.group(second).members == std::vector<UserId>{20, 21});
  CHECK(dir.groups() == 2);
  CHECK(dir.memberships() == 5);
  CHECK_THROWS_AS(dir.group(3), std::out_of_range);
}

TEST_CASE("A new group listing a user twice or over the size limit is refused", "[group][directory]") {
  GroupDirectory dir(3);
  CHECK_THROWS_WITH(dir.create(1, {2, 2}, 0), "a new group lists user 2 twice");
  CHECK_THROWS_AS(dir.create(1, {1, 1}, 0), std::invalid_argument);
  CHECK_THROWS_WITH(dir.create(1, {2, 3, 4}, 0), "a new group of 4 members is over the limit of 3 (groups.size_limit)");
  CHECK(dir.groups() == 0);
  CHECK(dir.memberships() == 0);
}

TEST_CASE("The size limit rejects the extra member with a clear error, and a larger limit admits it",
          "[group][directory][limit]") {
  GroupDirectory dir(200);
  for (int i = 0; i < 16; ++i) dir.create(0, {}, 0);
  const GroupId full = dir.create(1000, users_from(1001, 199), 0);
  REQUIRE(full == 17);
  REQUIRE(dir.group(full).members.size() == 200);

  const MembershipChange refused = dir.join(full, 5000);
  CHECK_FALSE(refused.ok);
  CHECK(refused.error == "group 17 is full: 200 of 200 members (groups.size_limit)");
  CHECK(refused.version == 1);
  CHECK_FALSE(dir.is_member(full, 5000));
  CHECK(dir.group(full).members.size() == 200);

  GroupDirectory large(1024);
  const GroupId big = large.create(1000, users_from(1001, 199), 0);
  for (UserId u = 5000; u < 5824; ++u) REQUIRE(large.join(big, u).ok);
  CHECK(large.group(big).members.size() == 1024);
  CHECK(large.join(big, 6000).error == "group 1 is full: 1024 of 1024 members (groups.size_limit)");
}

TEST_CASE("Only an admin may remove a member", "[group][directory]") {
  GroupDirectory dir(200);
  const GroupId g = dir.create(1, {2, 3}, 0);
  const MembershipChange by_member = dir.remove(g, 2, 3);
  CHECK_FALSE(by_member.ok);
  CHECK(by_member.error == "user 2 may not remove members of group 1: not an admin");
  CHECK(dir.is_member(g, 3));
  CHECK(dir.group(g).version == 1);

  const MembershipChange by_admin = dir.remove(g, 1, 3);
  CHECK(by_admin.ok);
  CHECK(by_admin.version == 2);
  CHECK_FALSE(dir.is_member(g, 3));
  CHECK_FALSE(dir.remove(g, 1, 3).ok);  // no longer a member
}

TEST_CASE("Joining twice or leaving a group one is not in changes nothing", "[group][directory]") {
  GroupDirectory dir(200);
  const GroupId g = dir.create(1, {2}, 0);
  const MembershipChange twice = dir.join(g, 2);
  CHECK_FALSE(twice.ok);
  CHECK(twice.error == "user 2 is already a member of group 1");
  const MembershipChange stranger = dir.leave(g, 9);
  CHECK_FALSE(stranger.ok);
  CHECK(stranger.error == "user 9 is not a member of group 1");
  CHECK(dir.group(g).version == 1);
  CHECK(dir.group(g).members == std::vector<UserId>{1, 2});
  CHECK(dir.memberships() == 2);
}

TEST_CASE("Members as of any version survive leaving and joining again", "[group][directory][history]") {
  GroupDirectory dir(200);
  const GroupId g = dir.create(5, {3, 9}, 0);              // v1: 3 5 9
  CHECK(dir.join(g, 1).version == 2);                      // v2: 1 3 5 9
  CHECK(dir.leave(g, 3).version == 3);                     // v3: 1 5 9
  CHECK(dir.join(g, 3).version == 4);                      // v4: 1 3 5 9
  CHECK(dir.leave(g, 9).version == 5);                     // v5: 1 3 5
  CHECK(dir.members_at(g, 1) == std::vector<UserId>{3, 5, 9});
  CHECK(dir.members_at(g, 2) == std::vector<UserId>{1, 3, 5, 9});
  CHECK(dir.members_at(g, 3) == std::vector<UserId>{1, 5, 9});
  CHECK(dir.members_at(g, 4) == std::vector<UserId>{1, 3, 5, 9});
  CHECK(dir.members_at(g, 5) == std::vector<UserId>{1, 3, 5});
  CHECK_THROWS_AS(dir.members_at(g, 0), std::out_of_range);
  CHECK_THROWS_AS(dir.members_at(g, 6), std::out_of_range);
  CHECK(dir.group(g).members == std::vector<UserId>{5, 1, 3});  // current, longest-standing first
}

TEST_CASE("The last admin leaving hands admin to the longest-standing member", "[group][directory]") {
  GroupDirectory dir(200);
  const GroupId g = dir.create(1, {2, 3}, 0);
  dir.join(g, 4);
  dir.leave(g, 2);  // not an admin: admins stay
  CHECK(dir.group(g).admins == std::vector<UserId>{1});
  dir.leave(g, 1);
  CHECK(dir.group(g).admins == std::vector<UserId>{3});  // 3 was there before 4
  dir.leave(g, 3);
  dir.leave(g, 4);
  CHECK(dir.group(g).admins.empty());
  CHECK(dir.group(g).members.empty());
  CHECK(dir.join(g, 7).ok);
  CHECK(dir.group(g).admins == std::vector<UserId>{7});  // whoever revives an empty group manages it
}

TEST_CASE("GroupDirectory indexes each user's groups, and users in none have none", "[group][directory]") {
  GroupDirectory dir(200);
  const GroupId a = dir.create(1, {2}, 0);
  const GroupId b = dir.create(2, {3}, 0);
  CHECK(dir.groups_of(2).to_vector() == std::vector<GroupId>{a, b});
  CHECK(dir.groups_of(1).to_vector() == std::vector<GroupId>{a});
  CHECK(dir.groups_of(999999).empty());
  CHECK(dir.is_member(a, 2));
  CHECK_FALSE(dir.is_member(b, 1));
  dir.leave(a, 2);
  CHECK(dir.groups_of(2).to_vector() == std::vector<GroupId>{b});
  dir.leave(a, 1);
  CHECK(dir.groups_of(1).empty());
  CHECK(dir.memberships() == 2);
}

// Groups made at the start are indexed in one shared array on the first lookup; a group made
// or joined after that gives its users lists of their own. Either way a user's groups come in
// the order joined.
TEST_CASE("A user's groups stay in the order joined, before and after the first lookup", "[group][directory]") {
  GroupDirectory dir(200);
  const GroupId a = dir.create(1, {2, 3}, 0);
  const GroupId b = dir.create(4, {5}, 0);
  const GroupId c = dir.create(2, {5}, 0);
  CHECK(dir.groups_of(2).to_vector() == std::vector<GroupId>{a, c});
  CHECK(dir.groups_of(5).to_vector() == std::vector<GroupId>{b, c});
  CHECK(dir.groups_of(6).empty());  // past every member's id
  const GroupId d = dir.create(6, {2}, 0);  // after the first lookup
  CHECK(dir.groups_of(2).to_vector() == std::vector<GroupId>{a, c, d});
  CHECK(dir.groups_of(6).to_vector() == std::vector<GroupId>{d});
  CHECK(dir.join(b, 2).ok);  // an older group joined last comes last
  CHECK(dir.groups_of(2).to_vector() == std::vector<GroupId>{a, c, d, b});
  CHECK(dir.is_member(b, 2));
  CHECK(dir.groups_of(3).to_vector() == std::vector<GroupId>{a});  // untouched users keep their slice
  CHECK(dir.memberships() == 10);
}

TEST_CASE("Notice ids are minted by the group service, 1, 2, 3...", "[group][directory]") {
  GroupDirectory dir(200);
  CHECK(dir.next_notice_id() == MessageId{kGroupServiceDevice, 1});
  CHECK(dir.next_notice_id() == MessageId{kGroupServiceDevice, 2});
}
