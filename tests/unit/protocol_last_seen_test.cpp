#include <catch2/catch.hpp>

#include "src/protocol/last_seen.hpp"

using namespace whatsim;

TEST_CASE("LastSeen: a user never seen shows nothing", "[protocol][last-seen]") {
  const LastSeen ls;
  CHECK_FALSE(ls.shown(1, 100).has_value());
  CHECK_FALSE(ls.online(1));
}

TEST_CASE("LastSeen: online shows now, offline shows the last heartbeat or close", "[protocol][last-seen]") {
  LastSeen ls;
  ls.on_connect(1, 10);
  ls.on_heartbeat(1, 40);
  CHECK(ls.online(1));
  CHECK(ls.shown(1, 55) == 55.0);
  ls.on_disconnect(1, 60);
  CHECK_FALSE(ls.online(1));
  CHECK(ls.shown(1, 500) == 60.0);
}

TEST_CASE("LastSeen: a user with two devices is online while either is", "[protocol][last-seen][multi-device]") {
  LastSeen ls;
  ls.on_connect(1, 10);
  ls.on_connect(1, 20);
  ls.on_disconnect(1, 30);
  CHECK(ls.online(1));
  ls.on_disconnect(1, 40);
  CHECK_FALSE(ls.online(1));
  ls.on_disconnect(1, 50);  // an unmatched close does not wrap the count
  ls.on_connect(1, 60);
  CHECK(ls.online(1));
}
