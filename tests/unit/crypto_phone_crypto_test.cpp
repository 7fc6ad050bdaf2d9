#include <catch2/catch.hpp>

#include "src/crypto/phone_crypto.hpp"
#include "tests/unit/crypto_test_support.hpp"

using namespace whatsim;

using crypto_test::end_to_end_on;

// Round figures, so every expected cost below is exact in doubles.
const auto mid_range_phone = crypto_test::test_phone;

TEST_CASE("X3DH costs the sender a verify, three or four key agreements and the HKDF", "[crypto][phone_crypto]") {
  const DeviceProfile phone = mid_range_phone();
  const CryptoSpec crypto = end_to_end_on();
  const PhoneCrypto costs(phone, crypto);
  CHECK(costs.x3dh_sender_cycles(false) == 150000 + 3 * 100000 + 8 * 128);
  CHECK(costs.x3dh_receiver_cycles(false) == 3 * 100000 + 8 * 128);
  // The receiver does the same agreements and HKDF; only the sender verifies a bundle.
  CHECK(costs.x3dh_sender_cycles(true) - costs.x3dh_receiver_cycles(true) == phone.ed25519_verify_cycles);
}

TEST_CASE("X3DH with a one-time prekey costs exactly one key agreement more", "[crypto][phone_crypto]") {
  const DeviceProfile phone = mid_range_phone();
  const CryptoSpec crypto = end_to_end_on();
  const PhoneCrypto costs(phone, crypto);
  CHECK(costs.x3dh_sender_cycles(true) - costs.x3dh_sender_cycles(false) == phone.x25519_cycles);
  CHECK(costs.x3dh_receiver_cycles(true) - costs.x3dh_receiver_cycles(false) == phone.x25519_cycles);
}

TEST_CASE("A ratchet step costs one key agreement", "[crypto][phone_crypto]") {
  const DeviceProfile phone = mid_range_phone();
  const CryptoSpec crypto = end_to_end_on();
  CHECK(PhoneCrypto(phone, crypto).ratchet_cycles() == 100000);
}

TEST_CASE("Message and file encryption costs grow with their bytes", "[crypto][phone_crypto]") {
  const DeviceProfile phone = mid_range_phone();
  const CryptoSpec crypto = end_to_end_on();
  const PhoneCrypto costs(phone, crypto);
  const double body_bytes = 1000;
  const double aes_and_hmac_per_byte = phone.aes_cbc_cycles_per_byte + phone.hmac_cycles_per_byte;
  CHECK(costs.encrypt_cycles(2 * body_bytes) - costs.encrypt_cycles(body_bytes) == aes_and_hmac_per_byte * body_bytes);
  // An empty body still steps the chain key.
  CHECK(costs.encrypt_cycles(0) == phone.hmac_cycles_per_byte * crypto.chain_step_bytes);
  CHECK(costs.encrypt_cycles(body_bytes) == 8 * 64 + 28 * 1000);
  CHECK(costs.decrypt_cycles(body_bytes) == costs.encrypt_cycles(body_bytes));
  // A file has its own key: no chain step, only AES and HMAC over its bytes.
  CHECK(costs.file_cycles(0) == 0);
  CHECK(costs.file_cycles(16e6) == 28 * 16e6);
  CHECK(costs.sha256_cycles(16e6) == 12 * 16e6);
}

TEST_CASE("Key generation makes one key pair per prekey, two more and a signature at registration",
          "[crypto][phone_crypto]") {
  const DeviceProfile phone = mid_range_phone();
  const CryptoSpec crypto = end_to_end_on();
  const PhoneCrypto costs(phone, crypto);
  CHECK(costs.key_generation_cycles(100, true) == (100 + 2) * 100000 + 50000);
  CHECK(costs.key_generation_cycles(100, false) == 100 * 100000);
  CHECK(costs.key_generation_cycles(0, false) == 0);
}

TEST_CASE("A slower phone takes more seconds for the same cycles", "[crypto][phone_crypto]") {
  const CryptoSpec crypto = end_to_end_on();
  DeviceProfile fast = mid_range_phone();
  DeviceProfile slow = mid_range_phone();
  slow.clock_ghz = 1;
  const PhoneCrypto fast_costs(fast, crypto);
  const PhoneCrypto slow_costs(slow, crypto);
  CHECK(fast_costs.seconds(2e9) == 1.0);
  CHECK(slow_costs.seconds(2e9) == 2.0);
  const double cycles = fast_costs.encrypt_cycles(500);
  CHECK(slow_costs.seconds(cycles) > fast_costs.seconds(cycles));
}

TEST_CASE("A phone that needs more cycles per operation pays more cycles", "[crypto][phone_crypto]") {
  const CryptoSpec crypto = end_to_end_on();
  const DeviceProfile high_end = mid_range_phone();
  DeviceProfile low_end = mid_range_phone();
  low_end.x25519_cycles *= 4;
  low_end.ed25519_verify_cycles *= 4;
  low_end.ed25519_sign_cycles *= 4;
  low_end.aes_cbc_cycles_per_byte *= 4;
  low_end.hmac_cycles_per_byte *= 4;
  const PhoneCrypto high(high_end, crypto);
  const PhoneCrypto low(low_end, crypto);
  CHECK(low.x3dh_sender_cycles(true) == 4 * high.x3dh_sender_cycles(true));
  CHECK(low.x3dh_receiver_cycles(false) == 4 * high.x3dh_receiver_cycles(false));
  CHECK(low.ratchet_cycles() == 4 * high.ratchet_cycles());
  CHECK(low.encrypt_cycles(100) == 4 * high.encrypt_cycles(100));
  CHECK(low.file_cycles(1e6) == 4 * high.file_cycles(1e6));
  CHECK(low.key_generation_cycles(10, true) == 4 * high.key_generation_cycles(10, true));
}

TEST_CASE("Without end-to-end encryption phones do no message crypto but still hash files",
          "[crypto][phone_crypto]") {
  const DeviceProfile phone = mid_range_phone();
  CryptoSpec crypto = end_to_end_on();
  crypto.end_to_end = false;
  const PhoneCrypto costs(phone, crypto);
  CHECK(costs.x3dh_sender_cycles(true) == 0);
  CHECK(costs.x3dh_receiver_cycles(true) == 0);
  CHECK(costs.ratchet_cycles() == 0);
  CHECK(costs.encrypt_cycles(1000) == 0);
  CHECK(costs.decrypt_cycles(1000) == 0);
  CHECK(costs.file_cycles(16e6) == 0);
  CHECK(costs.key_generation_cycles(100, true) == 0);
  CHECK(costs.sha256_cycles(1000) == 12 * 1000);  // media dedup, not end-to-end encryption
}
