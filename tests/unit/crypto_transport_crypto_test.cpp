#include <catch2/catch.hpp>

#include "src/crypto/transport_crypto.hpp"

using namespace whatsim;

namespace {

TransportCrypto noise() {
  TransportCrypto t;
  t.enabled = true;
  t.handshake_key_agreements = 3;
  t.x25519_cycles = 90000;
  t.aes_gcm_cycles_per_byte = 2;
  return t;
}

}  // namespace

TEST_CASE("A transport handshake costs the server its key agreements", "[crypto][transport]") {
  const TransportCrypto spec = noise();
  CHECK(TransportCost(spec).handshake_cycles() == 3 * 90000);
}

TEST_CASE("Transport records cost AES-GCM over every byte", "[crypto][transport]") {
  const TransportCrypto spec = noise();
  const TransportCost cost(spec);
  CHECK(cost.record_cycles(0) == 0);
  CHECK(cost.record_cycles(1500) == 2 * 1500);
  CHECK(cost.record_cycles(3000) == 2 * cost.record_cycles(1500));
}

TEST_CASE("Transport encryption switched off costs nothing", "[crypto][transport]") {
  TransportCrypto spec = noise();
  spec.enabled = false;
  const TransportCost cost(spec);
  CHECK(cost.handshake_cycles() == 0);
  CHECK(cost.record_cycles(1500) == 0);
}
