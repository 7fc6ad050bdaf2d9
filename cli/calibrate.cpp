// `whatsim calibrate`: see calibrate.hpp. Every OpenSSL call is checked; a failure throws
// before the output file is touched.
#include "cli/calibrate.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/atomic_file.hpp"
#include "src/scenario/scenario_error.hpp"
#include "src/scenario/scenario_loader.hpp"

namespace whatsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using Bytes = std::vector<unsigned char>;

// What one measured operation works on. The key and data bytes are constant: these
// implementations take the same time whatever the key and data.
constexpr std::size_t kBulkBytes = 16 * 1024;    // one buffer of AES, HMAC or SHA-256
constexpr std::size_t kSignedPrekeyBytes = 33;   // what a signed prekey's signature covers: type byte + X25519 public key
constexpr std::size_t kAes256KeyBytes = 32;
constexpr std::size_t kAesBlockBytes = 16;       // also the CBC IV; GCM keeps OpenSSL's default 12-byte nonce
constexpr std::size_t kMaxSignatureBytes = 64;   // Ed25519
constexpr std::size_t kMaxDigestBytes = 32;      // SHA-256
constexpr std::size_t kX25519SecretBytes = 32;
constexpr std::int64_t kMinIterations = 5;       // even when one operation outlasts --seconds
constexpr int kSignificantDigits = 3;
constexpr double kBusyCpuShare = 0.9;            // below this share of a core, the machine was busy

constexpr const char* kCpufreqMaxPath = "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq";  // kHz
constexpr const char* kCpuinfoPath = "/proc/cpuinfo";

// ---- OpenSSL objects, freed by their own functions ----

template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* object) const { Free(object); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Freer<T, Free>>;

using PkeyPtr = Owned<EVP_PKEY, EVP_PKEY_free>;
using PkeyCtxPtr = Owned<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using MdPtr = Owned<EVP_MD, EVP_MD_free>;
using MdCtxPtr = Owned<EVP_MD_CTX, EVP_MD_CTX_free>;
using CipherPtr = Owned<EVP_CIPHER, EVP_CIPHER_free>;
using CipherCtxPtr = Owned<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using MacPtr = Owned<EVP_MAC, EVP_MAC_free>;
using MacCtxPtr = Owned<EVP_MAC_CTX, EVP_MAC_CTX_free>;

// OpenSSL reports success as 1; anything else throws with OpenSSL's own reason.
void expect_ok(int result, const char* call) {
  if (result == 1) return;
  char reason[256] = "no reason given";
  if (const unsigned long code = ERR_get_error()) ERR_error_string_n(code, reason, sizeof reason);
  ERR_clear_error();
  throw std::runtime_error(std::string("OpenSSL ") + call + " failed: " + reason);
}

template <class T>
T* expect_made(T* object, const char* call) {
  if (object == nullptr) expect_ok(0, call);
  return object;
}

PkeyCtxPtr keygen_context(int key_type) {
  PkeyCtxPtr ctx(expect_made(EVP_PKEY_CTX_new_id(key_type, nullptr), "EVP_PKEY_CTX_new_id"));
  expect_ok(EVP_PKEY_keygen_init(ctx.get()), "EVP_PKEY_keygen_init");
  return ctx;
}

PkeyPtr generate_key(EVP_PKEY_CTX* keygen) {
  EVP_PKEY* key = nullptr;
  expect_ok(EVP_PKEY_keygen(keygen, &key), "EVP_PKEY_keygen");
  return PkeyPtr(key);
}

PkeyPtr generate_key(int key_type) { return generate_key(keygen_context(key_type).get()); }

// Ed25519 hashes the message itself, so the digest is NULL; one context signs many messages.
MdCtxPtr ed25519_signer(EVP_PKEY* key) {
  MdCtxPtr ctx(expect_made(EVP_MD_CTX_new(), "EVP_MD_CTX_new"));
  expect_ok(EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key), "EVP_DigestSignInit");
  return ctx;
}

MdCtxPtr ed25519_verifier(EVP_PKEY* key) {
  MdCtxPtr ctx(expect_made(EVP_MD_CTX_new(), "EVP_MD_CTX_new"));
  expect_ok(EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key), "EVP_DigestVerifyInit");
  return ctx;
}

Bytes sign(EVP_MD_CTX* signer, const Bytes& message) {
  Bytes signature(kMaxSignatureBytes);
  std::size_t length = signature.size();
  expect_ok(EVP_DigestSign(signer, signature.data(), &length, message.data(), message.size()), "EVP_DigestSign");
  signature.resize(length);
  return signature;
}

CipherCtxPtr aes_256_encryptor(const char* cipher_name) {
  const CipherPtr cipher(expect_made(EVP_CIPHER_fetch(nullptr, cipher_name, nullptr), "EVP_CIPHER_fetch"));
  CipherCtxPtr ctx(expect_made(EVP_CIPHER_CTX_new(), "EVP_CIPHER_CTX_new"));
  const Bytes key(kAes256KeyBytes), iv(kAesBlockBytes);
  expect_ok(EVP_EncryptInit_ex2(ctx.get(), cipher.get(), key.data(), iv.data(), nullptr), "EVP_EncryptInit_ex2");
  return ctx;  // it holds its own reference to the cipher
}

void encrypt(EVP_CIPHER_CTX* ctx, const Bytes& plaintext, Bytes& ciphertext) {
  int length = 0;
  expect_ok(EVP_EncryptUpdate(ctx, ciphertext.data(), &length, plaintext.data(), static_cast<int>(plaintext.size())),
            "EVP_EncryptUpdate");
}

// ---- measuring ----

// One operation's average time on the core: the thread's CPU time, not wall time, which
// would also count the time other processes held the core (tests run calibrate beside
// simulations). The share of a core the thread got says how busy the machine was.
struct Timing {
  double seconds_per_op = 0;
  double cpu_share = 1;
};

// What was measured, how long it took, and which scenario figure it becomes.
struct Measurement {
  std::string operation;
  double bytes_per_op = 0;  // 0: a cost per operation (key agreement, signature)
  Timing timing;
  std::string scenario_keys;
};

double thread_cpu_s() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Runs `op` until `budget_s` of wall time (steady_clock) is spent, at least kMinIterations times.
// Batches keep clock reads out of short operations; a batch stops doubling once it takes
// a twentieth of the budget, so the last one overshoots the budget by little.
template <class Op>
Timing time_op(double budget_s, Op op) {
  using Clock = std::chrono::steady_clock;
  op();  // warm-up: the first call pays lazy initialization and cold caches
  std::int64_t iterations = 0;
  std::int64_t batch = 1;
  double elapsed_s = 0;
  const double cpu_start_s = thread_cpu_s();
  const auto start = Clock::now();
  while (elapsed_s < budget_s || iterations < kMinIterations) {
    for (std::int64_t i = 0; i < batch; ++i) op();
    iterations += batch;
    const double now_s = std::chrono::duration<double>(Clock::now() - start).count();
    if (now_s - elapsed_s < budget_s / 20) batch *= 2;
    elapsed_s = now_s;
  }
  const double cpu_s = thread_cpu_s() - cpu_start_s;
  return {cpu_s / static_cast<double>(iterations), cpu_s / elapsed_s};
}

Measurement measure_x25519_keygen(double budget_s) {
  const PkeyCtxPtr keygen = keygen_context(EVP_PKEY_X25519);
  return {"X25519 key generation", 0, time_op(budget_s, [&] { generate_key(keygen.get()); }),
          "x25519_cycles (the larger of the two)"};
}

Measurement measure_x25519_agreement(double budget_s) {
  const PkeyPtr own = generate_key(EVP_PKEY_X25519);
  const PkeyPtr peer = generate_key(EVP_PKEY_X25519);
  const PkeyCtxPtr ctx(expect_made(EVP_PKEY_CTX_new(own.get(), nullptr), "EVP_PKEY_CTX_new"));
  expect_ok(EVP_PKEY_derive_init(ctx.get()), "EVP_PKEY_derive_init");
  expect_ok(EVP_PKEY_derive_set_peer(ctx.get(), peer.get()), "EVP_PKEY_derive_set_peer");
  std::array<unsigned char, kX25519SecretBytes> secret{};
  const Timing t = time_op(budget_s, [&] {
    std::size_t length = secret.size();
    expect_ok(EVP_PKEY_derive(ctx.get(), secret.data(), &length), "EVP_PKEY_derive");
  });
  return {"X25519 key agreement", 0, t, "x25519_cycles (the larger of the two)"};
}

Measurement measure_ed25519_sign(double budget_s) {
  const PkeyPtr key = generate_key(EVP_PKEY_ED25519);
  const MdCtxPtr signer = ed25519_signer(key.get());
  const Bytes prekey(kSignedPrekeyBytes);
  const Timing t = time_op(budget_s, [&] { sign(signer.get(), prekey); });
  return {"Ed25519 sign, 33 B", 0, t, "ed25519_sign_cycles"};
}

Measurement measure_ed25519_verify(double budget_s) {
  const PkeyPtr key = generate_key(EVP_PKEY_ED25519);
  const Bytes prekey(kSignedPrekeyBytes);
  const Bytes signature = sign(ed25519_signer(key.get()).get(), prekey);
  const MdCtxPtr verifier = ed25519_verifier(key.get());
  const Timing t = time_op(budget_s, [&] {
    expect_ok(EVP_DigestVerify(verifier.get(), signature.data(), signature.size(), prekey.data(), prekey.size()),
              "EVP_DigestVerify");
  });
  return {"Ed25519 verify, 33 B", 0, t, "ed25519_verify_cycles"};
}

// CBC chains on from buffer to buffer, like one long message or file.
Measurement measure_aes_256_cbc(double budget_s) {
  const CipherCtxPtr ctx = aes_256_encryptor("AES-256-CBC");
  const Bytes plaintext(kBulkBytes);
  Bytes ciphertext(kBulkBytes + kAesBlockBytes);
  const Timing t = time_op(budget_s, [&] { encrypt(ctx.get(), plaintext, ciphertext); });
  return {"AES-256-CBC encrypt, 16 KiB", kBulkBytes, t, "aes_cbc_cycles_per_byte"};
}

// Each buffer is a record of its own (fresh nonce, encrypt, tag), as in transport
// encryption; OpenSSL also caps one nonce at 64 GiB, which a long --seconds would reach.
Measurement measure_aes_256_gcm(double budget_s) {
  const CipherCtxPtr ctx = aes_256_encryptor("AES-256-GCM");
  const Bytes plaintext(kBulkBytes), nonce(kAesBlockBytes);
  Bytes ciphertext(kBulkBytes + kAesBlockBytes);
  const Timing t = time_op(budget_s, [&] {
    expect_ok(EVP_EncryptInit_ex2(ctx.get(), nullptr, nullptr, nonce.data(), nullptr), "EVP_EncryptInit_ex2");
    encrypt(ctx.get(), plaintext, ciphertext);
    int length = 0;
    expect_ok(EVP_EncryptFinal_ex(ctx.get(), ciphertext.data(), &length), "EVP_EncryptFinal_ex");
  });
  return {"AES-256-GCM encrypt, 16 KiB", kBulkBytes, t, "transport aes_gcm_cycles_per_byte"};
}

// One MAC per buffer: the key stays, each buffer is a new message.
Measurement measure_hmac_sha256(double budget_s) {
  const MacPtr hmac(expect_made(EVP_MAC_fetch(nullptr, "HMAC", nullptr), "EVP_MAC_fetch"));
  const MacCtxPtr ctx(expect_made(EVP_MAC_CTX_new(hmac.get()), "EVP_MAC_CTX_new"));
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                               OSSL_PARAM_construct_end()};
  const Bytes key(kAes256KeyBytes), message(kBulkBytes);
  expect_ok(EVP_MAC_init(ctx.get(), key.data(), key.size(), params), "EVP_MAC_init");
  std::array<unsigned char, kMaxDigestBytes> tag{};
  const Timing t = time_op(budget_s, [&] {
    expect_ok(EVP_MAC_init(ctx.get(), nullptr, 0, nullptr), "EVP_MAC_init");
    expect_ok(EVP_MAC_update(ctx.get(), message.data(), message.size()), "EVP_MAC_update");
    std::size_t length = 0;
    expect_ok(EVP_MAC_final(ctx.get(), tag.data(), &length, tag.size()), "EVP_MAC_final");
  });
  return {"HMAC-SHA256, 16 KiB", kBulkBytes, t, "hmac_cycles_per_byte"};
}

Measurement measure_sha256(double budget_s) {
  const MdPtr sha256(expect_made(EVP_MD_fetch(nullptr, "SHA256", nullptr), "EVP_MD_fetch"));
  const Bytes content(kBulkBytes);
  std::array<unsigned char, kMaxDigestBytes> digest{};
  const Timing t = time_op(budget_s, [&] {
    unsigned int length = 0;
    expect_ok(EVP_Digest(content.data(), content.size(), digest.data(), &length, sha256.get(), nullptr), "EVP_Digest");
  });
  return {"SHA-256, 16 KiB", kBulkBytes, t, "sha256_cycles_per_byte"};
}

struct Measurements {
  Measurement x25519_keygen, x25519_agreement, ed25519_sign, ed25519_verify, aes_cbc, aes_gcm, hmac, sha256;

  std::vector<const Measurement*> in_order() const {
    return {&x25519_keygen, &x25519_agreement, &ed25519_sign, &ed25519_verify, &aes_cbc, &aes_gcm, &hmac, &sha256};
  }
};

Measurements measure_all(double budget_s) {
  return {measure_x25519_keygen(budget_s), measure_x25519_agreement(budget_s), measure_ed25519_sign(budget_s),
          measure_ed25519_verify(budget_s), measure_aes_256_cbc(budget_s),    measure_aes_256_gcm(budget_s),
          measure_hmac_sha256(budget_s),    measure_sha256(budget_s)};
}

// ---- the machine ----

// The value of the first "key : value" line of /proc/cpuinfo whose key is `key`.
std::optional<std::string> cpuinfo_field(const std::string& key) {
  std::ifstream in(kCpuinfoPath);
  for (std::string line; std::getline(in, line);) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    name.erase(name.find_last_not_of(" \t") + 1);
    if (name != key) continue;
    const std::size_t value = line.find_first_not_of(" \t", colon + 1);
    return value == std::string::npos ? std::string() : line.substr(value);
  }
  return std::nullopt;
}

struct MachineClock {
  double ghz = 0;
  std::string source;
};

std::optional<double> cpufreq_max_ghz() {
  std::ifstream in(kCpufreqMaxPath);
  double khz = 0;
  if (in >> khz && khz > 0) return khz / 1e6;
  return std::nullopt;
}

std::optional<double> cpuinfo_ghz() {
  const std::optional<std::string> mhz = cpuinfo_field("cpu MHz");
  if (!mhz) return std::nullopt;
  const double value = std::strtod(mhz->c_str(), nullptr);
  if (value > 0) return value / 1e3;
  return std::nullopt;
}

MachineClock machine_clock(double given_ghz) {
  if (given_ghz > 0) return {given_ghz, "--clock-ghz"};
  if (const auto ghz = cpufreq_max_ghz()) return {*ghz, kCpufreqMaxPath};
  if (const auto ghz = cpuinfo_ghz()) return {*ghz, std::string(kCpuinfoPath) + " cpu MHz"};
  throw std::runtime_error(std::string("cannot read this machine's clock (no ") + kCpufreqMaxPath + ", no cpu MHz in " +
                           kCpuinfoPath + "): give it with --clock-ghz GHZ");
}

std::string host_name() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "unknown-host";
  return name.data();
}

std::string cpu_model() {
  if (auto model = cpuinfo_field("model name")) return *model;
  if (auto hardware = cpuinfo_field("Hardware")) return *hardware;  // some ARM kernels
  return "unknown CPU";
}

std::string today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::array<char, 16> date{};
  std::strftime(date.data(), date.size(), "%Y-%m-%d", &utc);
  return date.data();
}

// ---- the scenario fragment ----

double significant(double value) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.*g", kSignificantDigits, value);
  return std::strtod(text.data(), nullptr);
}

// A rounded figure as JSON: whole numbers without a trailing ".0" (273000, not 273000.0).
Json figure(double value) {
  const double rounded = significant(value);
  if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) return static_cast<std::int64_t>(rounded);
  return rounded;
}

double cycles_per_op(const Measurement& m, double clock_ghz) { return m.timing.seconds_per_op * clock_ghz * 1e9; }

double cycles_per_byte(const Measurement& m, double clock_ghz) { return cycles_per_op(m, clock_ghz) / m.bytes_per_op; }

// A device profile holds one X25519 figure for key agreement and key generation alike:
// the larger, so neither is undercounted.
double x25519_cycles(const Measurements& m, double clock_ghz) {
  return std::max(cycles_per_op(m.x25519_agreement, clock_ghz), cycles_per_op(m.x25519_keygen, clock_ghz));
}

Json device_profile(const Measurements& m, double clock_ghz) {
  return {{"name", "calibrated"},
          {"share", 1},
          {"clock_ghz", figure(clock_ghz)},
          {"x25519_cycles", figure(x25519_cycles(m, clock_ghz))},
          {"ed25519_sign_cycles", figure(cycles_per_op(m.ed25519_sign, clock_ghz))},
          {"ed25519_verify_cycles", figure(cycles_per_op(m.ed25519_verify, clock_ghz))},
          {"aes_cbc_cycles_per_byte", figure(cycles_per_byte(m.aes_cbc, clock_ghz))},
          {"hmac_cycles_per_byte", figure(cycles_per_byte(m.hmac, clock_ghz))},
          {"sha256_cycles_per_byte", figure(cycles_per_byte(m.sha256, clock_ghz))}};
}

Json transport_costs(const Measurements& m, double clock_ghz) {
  return {{"x25519_cycles", figure(x25519_cycles(m, clock_ghz))},
          {"aes_gcm_cycles_per_byte", figure(cycles_per_byte(m.aes_gcm, clock_ghz))}};
}

std::string description(const MachineClock& clock) {
  return "Measured by whatsim calibrate on " + host_name() + ", " + cpu_model() + ", " + today_utc() + " (OpenSSL " +
         OpenSSL_version(OPENSSL_VERSION_STRING) + "); cycles at " + figure(clock.ghz).dump() + " GHz (clock from " +
         clock.source + ")";
}

Json calibrated_scenario(const Measurements& m, const MachineClock& clock, const std::string& extends) {
  Json doc = Json::object();
  if (!extends.empty()) doc["extends"] = extends;
  doc["name"] = "calibrated-" + host_name();
  doc["description"] = description(clock);
  doc["phone"] = {{"profiles", Json::array({device_profile(m, clock.ghz)})}};
  doc["crypto"] = {{"transport", transport_costs(m, clock.ghz)}};
  return doc;
}

// The parent as the output file will name it: relative to the output's directory, which
// is where the scenario loader resolves "extends" from.
std::string extends_from_output(const std::string& parent, const fs::path& out) {
  if (parent.empty()) return "";
  if (!fs::is_regular_file(parent)) throw std::runtime_error("--extends: no such scenario file: " + parent);
  return fs::relative(parent, fs::absolute(out).parent_path()).generic_string();
}

// With a parent the output is a whole scenario: refuse to write one that does not load.
// The check names the parent by its absolute path, since the output's directory, which the
// relative path starts from, may not exist yet. A problem in the merged scenario may come
// from the parent or the calibrated figures, so the error names both.
void check_loads(const Json& doc, const std::string& parent, const fs::path& out) {
  nlohmann::json scenario = nlohmann::json::parse(doc.dump());
  scenario["extends"] = fs::absolute(parent).string();
  const std::string origin = fs::absolute(out).string();
  try {
    scenario_from_json(std::move(scenario), origin);
  } catch (const ScenarioError& e) {
    if (e.file != origin) throw;
    throw ScenarioError(out.string() + " (calibrated, extending " + parent + ")", e.path, e.problem);
  }
}

// ---- output ----

void print_table(const Measurements& m, const MachineClock& clock, double budget_s) {
  std::printf("whatsim calibrate: OpenSSL %s, %s, %.3g s per operation, cycles at %.3g GHz (clock from %s)\n",
              OpenSSL_version(OPENSSL_VERSION_STRING), cpu_model().c_str(), budget_s, clock.ghz, clock.source.c_str());
  std::printf("%-28s %10s %10s %11s %5s  %s\n", "operation", "ops/s", "cycles/op", "cycles/byte", "core", "scenario key");
  for (const Measurement* op : m.in_order()) {
    const std::string per_byte = op->bytes_per_op > 0 ? figure(cycles_per_byte(*op, clock.ghz)).dump() : "-";
    std::printf("%-28s %10.0f %10.0f %11s %4.0f%%  %s\n", op->operation.c_str(), 1 / op->timing.seconds_per_op,
                cycles_per_op(*op, clock.ghz), per_byte.c_str(), 100 * op->timing.cpu_share, op->scenario_keys.c_str());
  }
}

// CPU time leaves out the time other processes held the core, but they still cool its
// caches: say so when the machine was busy.
void warn_if_busy(const Measurements& m) {
  double least_share = 1;
  for (const Measurement* op : m.in_order()) least_share = std::min(least_share, op->timing.cpu_share);
  if (least_share >= kBusyCpuShare) return;
  std::fprintf(stderr,
               "whatsim calibrate: warning: the machine was busy (down to %.0f%% of a core, column \"core\"): "
               "costs may be overstated; calibrate again on an idle machine\n",
               100 * least_share);
}

// Written under a temporary name and renamed, so no reader sees a half-written file.
void check_positive_finite(double value, const char* flag) {
  if (std::isfinite(value) && value > 0) return;
  std::array<char, 32> shown{};
  std::snprintf(shown.data(), shown.size(), "%g", value);
  throw std::runtime_error(std::string(flag) + " must be a positive number, got " + shown.data());
}

}  // namespace

int calibrate_command(const CalibrateArgs& args) {
  check_positive_finite(args.seconds, "--seconds");
  if (args.clock_ghz != 0) check_positive_finite(args.clock_ghz, "--clock-ghz");
  const fs::path out = args.out;
  // Everything that can be wrong with the input fails here, before seconds of measuring.
  MachineClock clock = machine_clock(args.clock_ghz);
  clock.ghz = significant(clock.ghz);  // the profile states this clock, so cycles use it too
  const std::string extends = extends_from_output(args.extends, out);

  const Measurements measured = measure_all(args.seconds);
  const Json doc = calibrated_scenario(measured, clock, extends);
  if (!extends.empty()) check_loads(doc, args.extends, out);
  print_table(measured, clock, args.seconds);
  warn_if_busy(measured);
  write_file_atomically(out, doc.dump(2) + "\n");
  std::printf("wrote %s\n", out.string().c_str());
  return 0;
}

}  // namespace whatsim
