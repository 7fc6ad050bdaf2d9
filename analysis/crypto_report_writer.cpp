#include "analysis/crypto_report_writer.hpp"

#include <string>
#include <utility>
#include <vector>

#include "analysis/report_format.hpp"

namespace whatsim {

using namespace report_format;
using Json = nlohmann::ordered_json;

namespace {

Json prekeys_json(const PrekeyReport& p) {
  return Json{{"batch", p.batch},
              {"low_threshold", p.low_threshold},
              {"bundles_fetched", p.bundles_fetched},
              {"without_one_time_prekey", p.without_one_time_prekey},
              {"replenishments", p.replenishments},
              {"stock_mean_end", round_sig(p.stock_mean_end)},
              {"stock_min_end", p.stock_min_end}};
}

Json tier_crypto_json(const TierCryptoReport& t) {
  return Json{{"tier", t.tier}, {"cycles_per_s", round_sig(t.cycles_per_s)}, {"cpu_share", round_sig(t.cpu_share)}};
}

Json device_profile_json(const DeviceProfileReport& d) {
  return Json{{"name", d.name},
              {"devices", d.devices},
              {"crypto_seconds", round_sig(d.crypto_seconds)},
              {"text_message_crypto_ms", round_sig(d.text_message_crypto_ms)},
              {"video_16mb_crypto_ms", round_sig(d.video_16mb_crypto_ms)},
              {"x3dh_ms", round_sig(d.x3dh_ms)},
              {"registration_ms", round_sig(d.registration_ms)}};
}

}  // namespace

// Unlike groups and media, always written in full: a run with encryption off is the other
// side of the security/latency trade-off, and its zeros (and plaintext count) are measured.
Json crypto_json(const CryptoReport& c) {
  Json tiers = Json::array();
  for (const TierCryptoReport& t : c.tiers) tiers.push_back(tier_crypto_json(t));
  Json profiles = Json::array();
  for (const DeviceProfileReport& d : c.profiles) profiles.push_back(device_profile_json(d));
  Json examples = Json::array();
  for (const std::string& e : c.plaintext_examples) examples.push_back(e);
  return Json{{"end_to_end", c.end_to_end},
              {"transport", c.transport},
              {"sessions_established", c.sessions_established},
              {"ratchet_steps", c.ratchet_steps},
              {"messages_encrypted", c.messages_encrypted},
              {"phone_crypto_seconds", round_sig(c.phone_crypto_seconds)},
              {"prekeys", prekeys_json(c.prekeys)},
              {"tiers", std::move(tiers)},
              {"profiles", std::move(profiles)},
              {"bodies_seen_by_servers", c.bodies_seen_by_servers},
              {"plaintext_at_servers", c.plaintext_at_servers},
              {"plaintext_examples", std::move(examples)},
              {"compromised_device", c.compromised_device},
              {"copies_for_compromised", c.copies_for_compromised},
              {"copies_for_others", c.copies_for_others}};
}


namespace {

const char* on_off(bool on) { return on ? "on" : "off"; }

void crypto_counts_md(std::ostream& out, const CryptoReport& c) {
  const PrekeyReport& p = c.prekeys;
  using std::to_string;
  const std::pair<const char*, std::string> rows[] = {
      {"End-to-end encryption", on_off(c.end_to_end)},
      {"Transport encryption (Noise)", on_off(c.transport)},
      {"Sessions established (X3DH)", to_string(c.sessions_established)},
      {"Ratchet steps", to_string(c.ratchet_steps)},
      {"Ciphertexts made by senders", to_string(c.messages_encrypted)},
      {"Phone crypto time (s)", fixed(c.phone_crypto_seconds, 3)},
      {"Prekey bundles fetched", to_string(p.bundles_fetched)},
      {"Bundles without a one-time prekey", count_of(p.without_one_time_prekey, p.bundles_fetched)},
      {"Prekey replenishments", to_string(p.replenishments)},
      {"One-time prekeys per device at end", "mean " + fixed(p.stock_mean_end, 1) + ", min " +
                                                 to_string(p.stock_min_end) + " (batch " + to_string(p.batch) +
                                                 ", replenished at " + to_string(p.low_threshold) + ")"},
  };
  out << "| Measure | Value |\n|---|---:|\n";
  for (const auto& [measure, value] : rows) out << "| " << measure << " | " << value << " |\n";
  out << '\n';
}

void tier_crypto_md(std::ostream& out, const std::vector<TierCryptoReport>& tiers) {
  if (tiers.empty()) return;
  out << "| Tier | Crypto (Gcycles/s per server) | Share of the tier's CPU |\n|---|---:|---:|\n";
  for (const TierCryptoReport& t : tiers) {
    out << "| " << t.tier << " | " << significant(t.cycles_per_s / 1e9, 3) << " | " << percent(t.cpu_share) << " |\n";
  }
  out << '\n';
}

void device_profiles_md(std::ostream& out, const std::vector<DeviceProfileReport>& profiles) {
  if (profiles.empty()) return;
  out << "| Device profile | Devices | Crypto time (s) | Text message crypto (ms) | 16 MB video crypto (ms) "
         "| X3DH (ms) | Registration (ms) |\n|---|---:|---:|---:|---:|---:|---:|\n";
  for (const DeviceProfileReport& d : profiles) {
    out << "| " << d.name << " | " << d.devices << " | " << fixed(d.crypto_seconds, 3) << " | "
        << ms(d.text_message_crypto_ms) << " | " << ms(d.video_16mb_crypto_ms) << " | " << ms(d.x3dh_ms) << " | " << ms(d.registration_ms) << " |\n";
  }
  out << '\n';
}

// With end-to-end on, a plaintext body at a server breaks the design's promise: say so loudly.
void confidentiality_md(std::ostream& out, const CryptoReport& c) {
  const bool violated = c.end_to_end && c.plaintext_at_servers > 0;
  out << (violated ? "**Confidentiality violated.** " : "") << "Confidentiality check: " << c.bodies_seen_by_servers
      << " message bodies seen by servers, in plaintext: "
      << (c.plaintext_at_servers == 0 ? std::string("none") : std::to_string(c.plaintext_at_servers)) << ".\n\n";
  if (c.plaintext_at_servers > 0 && !c.plaintext_examples.empty()) {
    out << "Examples (component: message id):\n\n";
    for (const std::string& e : c.plaintext_examples) out << "- " << e << '\n';
    out << '\n';
  }
  if (c.compromised_device < 0) return;
  out << "Compromised device: device " << c.compromised_device << "'s keys expose its " << c.copies_for_compromised
      << " copies; " << c.copies_for_others << " copies sealed for other devices are not exposed.\n\n";
}

// The class whose mean is the two-check latency, and the tier that runs transport encryption.
constexpr const char* kTwoCheckClass = "delivered";
constexpr const char* kTransportTier = "chat_server";

// What end-to-end encryption costs the mean two-check latency, or, with it off, what it
// would have protected.
std::string end_to_end_cost(const RunReport& r) {
  if (!r.crypto.end_to_end) {
    return "End-to-end encryption is off in this run: message bodies crossed the servers in plaintext (" +
           std::to_string(r.crypto.plaintext_at_servers) + " seen)";
  }
  const auto two_check = r.latency_breakdown.find(kTwoCheckClass);
  if (two_check == r.latency_breakdown.end()) {
    return "End-to-end encryption is on, but no two-check latency was measured in this run";
  }
  const LatencyBreakdown& b = two_check->second;
  return "End-to-end encryption costs " + ms(b.device_crypto_ms) + " ms of the mean two-check latency (" +
         percent(share_of(b.device_crypto_ms, b.total_ms)) + ")";
}

// "; transport encryption takes 3.2 % of the chat servers' CPU", or nothing without that tier's figure.
std::string transport_cost(const CryptoReport& c) {
  const auto chat = std::find_if(c.tiers.begin(), c.tiers.end(),
                                 [](const TierCryptoReport& t) { return t.tier == kTransportTier; });
  if (chat == c.tiers.end()) return "";
  return "; transport encryption takes " + percent(chat->cpu_share) + " of the chat servers' CPU";
}

// One sentence stating what security costs, so the trade-off reads without a second run open.
std::string security_cost_sentence(const RunReport& r) { return end_to_end_cost(r) + transport_cost(r.crypto) + "."; }

}  // namespace

// Written even when encryption is off: that run is the other side of the trade-off.
void security_md(std::ostream& out, const RunReport& r) {
  out << "## Security\n\n";
  crypto_counts_md(out, r.crypto);
  tier_crypto_md(out, r.crypto.tiers);
  device_profiles_md(out, r.crypto.profiles);
  confidentiality_md(out, r.crypto);
  out << security_cost_sentence(r) << "\n\n";
}


}  // namespace whatsim
