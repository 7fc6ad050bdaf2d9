#include <catch2/catch.hpp>

#include <vector>

#include "src/crypto/phone_crypto.hpp"
#include "src/crypto/prekey_store.hpp"
#include "src/crypto/session_book.hpp"
#include "tests/unit/crypto_test_support.hpp"

using namespace whatsim;

// How sessions, the user service's prekeys and the phone's costs fit together on the
// sending side: what a phone pays to send one message to one device.
namespace {

DeviceProfile phone_profile() { return crypto_test::test_phone(); }
CryptoSpec crypto_spec() { return crypto_test::end_to_end_on(); }

struct SenderSide {
  SessionBook& sessions;
  PrekeyStore& prekeys;
  const PhoneCrypto& crypto;
  int x3dh_runs = 0;

  // First contact: fetch the recipient's bundle and run X3DH; then ratchet if the other
  // side wrote last; then encrypt the body.
  double send(DeviceId from, DeviceId to, double body_bytes) {
    double cycles = 0;
    if (!sessions.has_session(from, to)) {
      const PrekeyStore::Bundle bundle = prekeys.fetch(to);
      cycles += crypto.x3dh_sender_cycles(bundle.one_time_prekey);
      sessions.establish(from, to);
      ++x3dh_runs;
    }
    if (sessions.on_send(from, to)) cycles += crypto.ratchet_cycles();
    return cycles + crypto.encrypt_cycles(body_bytes);
  }

  // Multi-device: one copy per recipient device and one per the sender's own companions.
  void send_to_user(DeviceId from, const std::vector<DeviceId>& own_devices,
                    const std::vector<DeviceId>& recipient_devices, double body_bytes) {
    for (DeviceId to : recipient_devices) send(from, to, body_bytes);
    for (DeviceId companion : own_devices) {
      if (companion != from) send(from, companion, body_bytes);
    }
  }
};

}  // namespace

TEST_CASE("A first message pays X3DH and later ones do not", "[crypto][sessions]") {
  const DeviceProfile profile = phone_profile();
  const CryptoSpec spec = crypto_spec();
  const PhoneCrypto crypto(profile, spec);
  SessionBook sessions;
  PrekeyStore prekeys(10, 5, 1);
  SenderSide sender{sessions, prekeys, crypto};

  const double first = sender.send(1, 2, 100);
  CHECK(first == crypto.x3dh_sender_cycles(true) + crypto.encrypt_cycles(100));
  CHECK(sender.send(1, 2, 100) == crypto.encrypt_cycles(100));
  CHECK(prekeys.fetches() == 1);
  CHECK(prekeys.stock(2) == 4);
  // The reply uses the same session: no X3DH, but a ratchet step.
  CHECK(sender.send(2, 1, 100) == crypto.ratchet_cycles() + crypto.encrypt_cycles(100));
  CHECK(sender.x3dh_runs == 1);
  CHECK(sessions.sessions() == 1);
}

TEST_CASE("First contact with an exhausted prekey stock runs X3DH with one key agreement less",
          "[crypto][sessions]") {
  const DeviceProfile profile = phone_profile();
  const CryptoSpec spec = crypto_spec();
  const PhoneCrypto crypto(profile, spec);
  SessionBook sessions;
  PrekeyStore prekeys(10, 2, 0);
  SenderSide sender{sessions, prekeys, crypto};
  const double with_prekey = sender.send(1, 9, 100);
  sender.send(2, 9, 100);
  const double without_prekey = sender.send(3, 9, 100);  // device 9's two prekeys are gone
  CHECK(with_prekey - without_prekey == profile.x25519_cycles);
  CHECK(prekeys.exhausted_fetches() == 1);
}

TEST_CASE("A new companion device needs new sessions while the existing ones stay", "[crypto][sessions]") {
  const DeviceProfile profile = phone_profile();
  const CryptoSpec spec = crypto_spec();
  const PhoneCrypto crypto(profile, spec);
  SessionBook sessions;
  PrekeyStore prekeys(10, 5, 1);
  SenderSide sender{sessions, prekeys, crypto};
  const DeviceId d1 = 1, d2 = 2, d3 = 3, e1 = 7;

  sender.send_to_user(d1, {d1, d2}, {e1}, 100);  // to e1, and a copy to companion d2
  sender.send_to_user(e1, {e1}, {d1, d2}, 100);
  CHECK(sender.x3dh_runs == 3);  // d1-e1, d1-d2, e1-d2
  CHECK(sessions.has_session(d1, e1));
  CHECK(sessions.has_session(d2, e1));

  // The user links d3: nobody has a session with it yet, and the old ones are untouched.
  CHECK_FALSE(sessions.has_session(d3, e1));
  CHECK(sessions.has_session(d1, e1));
  sender.send_to_user(e1, {e1}, {d1, d2, d3}, 100);
  CHECK(sender.x3dh_runs == 4);  // only e1-d3 is new
  sender.send_to_user(d1, {d1, d2, d3}, {e1}, 100);
  CHECK(sender.x3dh_runs == 5);  // and d1's copy for its new companion d3
  CHECK(sessions.has_session(d3, e1));
  CHECK(sessions.sessions() == 5);
}
