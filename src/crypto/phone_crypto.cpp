#include "src/crypto/phone_crypto.hpp"

namespace whatsim {

namespace {

// The protocol's shape (WhatsApp security whitepaper, costs.md), not configuration: X3DH
// agrees DH(IK_a, SPK_b), DH(EK_a, IK_b) and DH(EK_a, SPK_b), plus DH(EK_a, OPK_b) when the
// bundle has a one-time prekey. Registration makes two key pairs besides the one-time
// prekeys: the identity key and the signed prekey.
constexpr double kX3dhAgreements = 3;
constexpr double kOneTimePrekeyAgreements = 1;
constexpr double kIdentityAndSignedPrekeyPairs = 2;

double x3dh_agreements(bool one_time_prekey) {
  return kX3dhAgreements + (one_time_prekey ? kOneTimePrekeyAgreements : 0);
}

}  // namespace

PhoneCrypto::PhoneCrypto(const DeviceProfile& profile, const CryptoSpec& crypto) : profile_(profile), crypto_(crypto) {}

// Every message cost below is 0 with end_to_end off: the phones then do no message crypto
// (the trade-off's "off" side). sha256_cycles() is not message crypto and stays.

// x3dh_sender = ed25519_verify + (3 or 4) * x25519 + hmac_cpb * kdf_bytes
double PhoneCrypto::x3dh_sender_cycles(bool one_time_prekey) const {
  if (!crypto_.end_to_end) return 0;
  return profile_.ed25519_verify_cycles + x3dh_receiver_cycles(one_time_prekey);
}

// x3dh_receiver = (3 or 4) * x25519 + hmac_cpb * kdf_bytes: the same agreements from the
// other side, and the same HKDF; the receiver has no bundle to verify.
double PhoneCrypto::x3dh_receiver_cycles(bool one_time_prekey) const {
  if (!crypto_.end_to_end) return 0;
  return x3dh_agreements(one_time_prekey) * profile_.x25519_cycles +
         profile_.hmac_cycles_per_byte * crypto_.kdf_bytes;
}

// ratchet = x25519: one new key agreement per round trip.
double PhoneCrypto::ratchet_cycles() const {
  if (!crypto_.end_to_end) return 0;
  return profile_.x25519_cycles;
}

// encrypt(body) = hmac_cpb * chain_step_bytes + (aes_cbc_cpb + hmac_cpb) * body
double PhoneCrypto::encrypt_cycles(double body_bytes) const {
  if (!crypto_.end_to_end) return 0;
  return profile_.hmac_cycles_per_byte * crypto_.chain_step_bytes + file_cycles(body_bytes);
}

// decrypt(body) = encrypt(body): the receiver steps its chain the same way, checks the
// HMAC and runs AES-CBC over the same bytes.
double PhoneCrypto::decrypt_cycles(double body_bytes) const { return encrypt_cycles(body_bytes); }

// group(body) = encrypt(body) + ed25519_sign: one encryption with the sender key, signed so
// members know who sent it.
double PhoneCrypto::group_message_cycles(double body_bytes) const {
  if (!crypto_.end_to_end) return 0;
  return encrypt_cycles(body_bytes) + profile_.ed25519_sign_cycles;
}

// file(bytes) = (aes_cbc_cpb + hmac_cpb) * bytes: a media file has its own random key (sent
// in the message), so no chain step.
double PhoneCrypto::file_cycles(double file_bytes) const {
  if (!crypto_.end_to_end) return 0;
  return (profile_.aes_cbc_cycles_per_byte + profile_.hmac_cycles_per_byte) * file_bytes;
}

// key_generation(n, with) = (n + (with ? 2 : 0)) * x25519 + (with ? ed25519_sign : 0)
double PhoneCrypto::key_generation_cycles(std::uint32_t one_time_prekeys, bool with_identity_and_signed_prekey) const {
  if (!crypto_.end_to_end) return 0;
  const double key_pairs = one_time_prekeys + (with_identity_and_signed_prekey ? kIdentityAndSignedPrekeyPairs : 0);
  const double signature = with_identity_and_signed_prekey ? profile_.ed25519_sign_cycles : 0;
  return key_pairs * profile_.x25519_cycles + signature;
}

// sha256_cycles(bytes) = sha256_cpb * bytes: a file's content hash for media dedup, which
// the phone computes whether or not messages are end-to-end encrypted.
double PhoneCrypto::sha256_cycles(double bytes) const { return profile_.sha256_cycles_per_byte * bytes; }

// seconds(c) = c / (clock_ghz * 1e9)
double PhoneCrypto::seconds(double cycles) const { return cycles / (profile_.clock_ghz * 1e9); }

}  // namespace whatsim
