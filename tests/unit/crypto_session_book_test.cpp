#include <catch2/catch.hpp>

#include <stdexcept>

#include "src/crypto/session_book.hpp"

using namespace whatsim;

TEST_CASE("A ratchet step comes with the first message after the other side wrote, not with consecutive ones",
          "[crypto][sessions]") {
  SessionBook sessions;
  sessions.establish(1, 2);
  CHECK_FALSE(sessions.on_send(1, 2));  // the first message after X3DH needs none
  CHECK_FALSE(sessions.on_send(1, 2));  // nor does a second one from the same side
  CHECK(sessions.on_send(2, 1));        // the reply answers 1's ratchet key with a new one
  CHECK_FALSE(sessions.on_send(2, 1));
  CHECK(sessions.on_send(1, 2));
}

TEST_CASE("A session established by either side is the same session", "[crypto][sessions]") {
  SessionBook sessions;
  CHECK_FALSE(sessions.has_session(1, 2));
  sessions.establish(2, 1);
  CHECK(sessions.has_session(1, 2));
  CHECK(sessions.has_session(2, 1));
  CHECK_FALSE(sessions.has_session(1, 3));
  CHECK(sessions.sessions() == 1);
}

TEST_CASE("Establishing an existing session again changes nothing", "[crypto][sessions]") {
  SessionBook sessions;
  sessions.establish(1, 2);
  sessions.on_send(1, 2);
  sessions.establish(2, 1);
  CHECK(sessions.sessions() == 1);
  CHECK(sessions.on_send(2, 1));  // 1 still wrote last: the reply still ratchets
}

TEST_CASE("Sending without a session is a logic error", "[crypto][sessions]") {
  SessionBook sessions;
  sessions.establish(1, 2);
  CHECK_THROWS_AS(sessions.on_send(1, 3), std::logic_error);
  CHECK_THROWS_AS(sessions.on_send(3, 1), std::logic_error);
  CHECK(sessions.sessions() == 1);
}
