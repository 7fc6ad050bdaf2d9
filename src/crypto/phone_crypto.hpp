#pragma once
// What the Signal protocol's steps cost on one phone, in CPU cycles, from its device
// profile (scenario phone.profiles) and the protocol's shape (WhatsApp security
// whitepaper, costs.md):
// - X3DH, sender: verify the bundle's signed prekey, 3 X25519 agreements (4 with a one-time
//   prekey), and the HKDF over kdf_bytes. Receiver, on the first decrypt: the same
//   agreements and HKDF, no verify.
// - Each message, each end: a chain-key step (HMAC over chain_step_bytes), then
//   AES-256-CBC and HMAC-SHA256 over the body.
// - A group message: encrypted once with the sender's sender key, and signed (Ed25519).
// - A ratchet step (on the first message after the other side has written): 1 X25519.
// - Key generation: 1 X25519 per key pair; the signed prekey is also signed.
#include <cstdint>

#include "src/scenario/scenario.hpp"

namespace whatsim {

class PhoneCrypto {
 public:
  PhoneCrypto(const DeviceProfile& profile, const CryptoSpec& crypto);

  double x3dh_sender_cycles(bool one_time_prekey) const;
  double x3dh_receiver_cycles(bool one_time_prekey) const;
  double ratchet_cycles() const;
  double encrypt_cycles(double body_bytes) const;  // chain step + AES-CBC + HMAC
  double decrypt_cycles(double body_bytes) const;  // the same work on the receiving end
  // A group message: encrypted once with the sender key (a chain step, AES-CBC and HMAC
  // over the body) and signed (Ed25519).
  double group_message_cycles(double body_bytes) const;
  // A media file: AES-CBC + HMAC over its bytes (its key travels in the message).
  double file_cycles(double file_bytes) const;
  // Registration (identity key, signed prekey, `one_time_prekeys`) or a replenishment
  // (`one_time_prekeys` only, with signed = false).
  double key_generation_cycles(std::uint32_t one_time_prekeys, bool with_identity_and_signed_prekey) const;
  double sha256_cycles(double bytes) const;
  double seconds(double cycles) const;  // on this phone's clock

 private:
  const DeviceProfile& profile_;
  const CryptoSpec& crypto_;
};

}  // namespace whatsim
