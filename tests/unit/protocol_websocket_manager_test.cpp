#include <catch2/catch.hpp>

#include <vector>

#include "src/protocol/websocket_manager.hpp"

using namespace whatsim;

namespace {
constexpr UserId kUser = 4;
constexpr DeviceId kFirst = 10;  // the user's devices are 10, 11, 12
}  // namespace

TEST_CASE("WebSocketManager: a first connect nobody cached invalidates nothing", "[protocol][manager]") {
  WebSocketManager m;
  const auto r = m.connect(kUser, kFirst, 1);
  CHECK(r.epoch == 1);
  CHECK(r.invalidate.empty());
  CHECK(m.connected_devices() == 1);
}

TEST_CASE("WebSocketManager: lookup gives one route per device, offline ones with kNoServer", "[protocol][manager][multi-device]") {
  WebSocketManager m;
  m.connect(kUser, kFirst, 1);
  m.connect(kUser, kFirst + 2, 2);
  const auto routes = m.lookup(kUser, kFirst, 3, 9);
  REQUIRE(routes.size() == 3);
  CHECK(routes[0].device == kFirst);
  CHECK(routes[0].server == 1);
  CHECK(routes[1].device == kFirst + 1);
  CHECK(routes[1].server == kNoServer);
  CHECK(routes[2].server == 2);
  CHECK(routes[2].epoch == 1);
}

TEST_CASE("WebSocketManager: a device coming online invalidates the servers that cached its user", "[protocol][manager]") {
  WebSocketManager m;
  m.lookup(kUser, kFirst, 2, 5);
  m.lookup(kUser, kFirst, 2, 3);
  const auto r = m.connect(kUser, kFirst + 1, 1);
  CHECK(r.invalidate == std::vector<ServerId>{3, 5});
  // Holders were told once; a second device connecting has nobody left to tell.
  CHECK(m.connect(kUser, kFirst, 1).invalidate.empty());
}

TEST_CASE("WebSocketManager: a reconnect to the same server keeps caches valid", "[protocol][manager]") {
  WebSocketManager m;
  m.connect(kUser, kFirst, 1);
  m.lookup(kUser, kFirst, 1, 5);
  const auto r = m.connect(kUser, kFirst, 1);
  CHECK(r.epoch == 2);
  CHECK(r.invalidate.empty());
}

TEST_CASE("WebSocketManager: epochs grow across disconnects", "[protocol][manager]") {
  WebSocketManager m;
  const Epoch e1 = m.connect(kUser, kFirst, 1).epoch;
  m.disconnect(kUser, kFirst, e1);
  CHECK(m.connected_devices() == 0);
  const Epoch e2 = m.connect(kUser, kFirst, 1).epoch;
  CHECK(e2 > e1);
}

TEST_CASE("WebSocketManager: a disconnect invalidates cache holders; a stale one does nothing", "[protocol][manager][edge]") {
  WebSocketManager m;
  const Epoch old_epoch = m.connect(kUser, kFirst, 1).epoch;
  m.lookup(kUser, kFirst, 1, 7);
  const auto moved = m.connect(kUser, kFirst, 2);  // reconnect elsewhere before the old close
  CHECK(moved.invalidate == std::vector<ServerId>{7});
  m.lookup(kUser, kFirst, 1, 8);

  CHECK(m.disconnect(kUser, kFirst, old_epoch).empty());  // the old connection's close
  const auto routes = m.lookup(kUser, kFirst, 1, 8);
  CHECK(routes[0].server == 2);  // still routed to the new connection

  CHECK(m.disconnect(kUser, kFirst, moved.epoch) == std::vector<ServerId>{8});
  CHECK(m.lookup(kUser, kFirst, 1, 8)[0].server == kNoServer);
}

TEST_CASE("WebSocketManager: a failed server's routes are dropped, and the caches of its users are named once",
          "[protocol][manager][fault]") {
  WebSocketManager m;
  m.connect(kUser, kFirst + 2, 1);
  m.connect(kUser, kFirst, 1);
  m.connect(kUser, kFirst + 1, 2);
  m.lookup(kUser, kFirst, 3, 9);  // server 9 caches the user's routes
  CHECK(m.drop_server(1) == std::vector<DeviceId>{kFirst, kFirst + 2});
  CHECK(m.connected_devices() == 1);
  const auto routes = m.lookup(kUser, kFirst, 3, 9);
  CHECK(routes[0].server == kNoServer);
  CHECK(routes[1].server == 2u);
  CHECK(m.stale_caches(kUser) == std::vector<ServerId>{9});
  CHECK(m.stale_caches(kUser).empty());
}
