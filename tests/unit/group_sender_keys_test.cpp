#include <catch2/catch.hpp>

#include "src/group/sender_keys.hpp"

using namespace whatsim;

TEST_CASE("A first send distributes a new key to every other member device, the next send none",
          "[group][sender_keys]") {
  SenderKeyBook keys;
  const KeyDistribution first = keys.before_send(10, 1, 7);
  CHECK(first.new_key);
  CHECK(first.devices == 7);
  const KeyDistribution second = keys.before_send(10, 1, 7);
  CHECK_FALSE(second.new_key);
  CHECK(second.devices == 0);
  CHECK(keys.before_send(10, 2, 4).devices == 4);  // another group needs its own key
  CHECK(keys.distributions() == 2);
  CHECK(keys.pairwise_copies() == 11);
}

TEST_CASE("After a join only the joiner's devices get the sender key", "[group][sender_keys]") {
  SenderKeyBook keys;
  keys.before_send(10, 1, 7);
  keys.member_joined(10, 1, 2);
  keys.member_joined(10, 1, 1);
  keys.member_joined(11, 1, 2);  // 11 never sent: nothing to owe, its first key goes to all
  const KeyDistribution after_join = keys.before_send(10, 1, 10);
  CHECK_FALSE(after_join.new_key);
  CHECK(after_join.devices == 3);
  CHECK(keys.before_send(10, 1, 10).devices == 0);  // owed once
  CHECK(keys.before_send(11, 1, 10).devices == 10);
  CHECK(keys.distributions() == 2);
}

TEST_CASE("After a leave the next send makes a new key for everyone", "[group][sender_keys]") {
  SenderKeyBook keys;
  keys.before_send(10, 1, 7);
  keys.member_joined(10, 1, 2);
  keys.member_left(10, 1);
  const KeyDistribution after_leave = keys.before_send(10, 1, 6);
  CHECK(after_leave.new_key);
  CHECK(after_leave.devices == 6);
  CHECK(keys.distributions() == 2);
  CHECK(keys.pairwise_copies() == 13);
}

TEST_CASE("A device keeps key state only for groups it sent to and is still in", "[group][sender_keys]") {
  SenderKeyBook keys;
  keys.member_joined(10, 1, 2);
  keys.member_left(10, 1);
  CHECK(keys.keys_held() == 0);
  keys.before_send(10, 1, 3);
  keys.before_send(10, 2, 3);
  CHECK(keys.keys_held() == 2);
  keys.forget(10, 1);
  CHECK(keys.keys_held() == 1);
  CHECK(keys.before_send(10, 1, 3).new_key);  // back in the group: a new key
}
