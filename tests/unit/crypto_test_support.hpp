#pragma once
// A phone and a crypto configuration with round numbers, for the crypto cost tests.
#include "src/scenario/scenario.hpp"

namespace whatsim::crypto_test {

inline DeviceProfile test_phone() {
  DeviceProfile p;
  p.name = "mid";
  p.share = 1;
  p.clock_ghz = 2;
  p.x25519_cycles = 100000;
  p.ed25519_sign_cycles = 50000;
  p.ed25519_verify_cycles = 150000;
  p.aes_cbc_cycles_per_byte = 20;
  p.hmac_cycles_per_byte = 8;
  p.sha256_cycles_per_byte = 12;
  return p;
}

inline CryptoSpec end_to_end_on() {
  CryptoSpec c;
  c.end_to_end = true;
  c.kdf_bytes = 128;
  c.chain_step_bytes = 64;
  return c;
}

}  // namespace whatsim::crypto_test
