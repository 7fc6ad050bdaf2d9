#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/run_report.hpp"
#include "tests/unit/report_test_support.hpp"

using namespace whatsim;

namespace {

using namespace whatsim::report_test;

// A two-check class of 250 ms whose parts are easy to check by hand.
LatencyBreakdown delivered_breakdown() {
  LatencyBreakdown b;
  b.samples = 400;
  b.total_ms = 250;
  b.network_ms = 100;
  b.queueing_ms = 37.5;
  b.server_cpu_ms = 50;
  b.device_crypto_ms = 12.5;
  b.other_ms = 50;
  return b;
}

CryptoReport sample_crypto() {
  CryptoReport c;
  c.end_to_end = true;
  c.transport = true;
  c.sessions_established = 320;
  c.ratchet_steps = 1500;
  c.messages_encrypted = 4200;
  c.phone_crypto_seconds = 1.23456789;
  c.prekeys = PrekeyReport{100, 20, 330, 10, 4, 87.654321, 12};
  c.tiers.push_back(TierCryptoReport{"chat_server", 2.5e8, 0.032});
  c.tiers.push_back(TierCryptoReport{"user_service", 1.234567e6, 0.0123456789});
  c.profiles.push_back(DeviceProfileReport{"low_end", 1200, 0.9, 0.042, 85.3, 1.2, 56.5});
  c.profiles.push_back(DeviceProfileReport{"high_end", 800, 0.333333333, 0.011, 21.3, 0.35, 7.25});
  c.bodies_seen_by_servers = 9000;
  c.plaintext_at_servers = 0;
  c.compromised_device = -1;
  return c;
}

RunReport sample_report() {
  RunReport r;
  r.scenario_name = "crypto-tradeoff";
  r.scenario_file = "scenarios/crypto-tradeoff.json";
  LatencyHistogram h;
  for (int i = 1; i <= 10; ++i) h.add(i * 50.0);
  r.latency_ms["delivered"] = h.summary();
  r.latency_ms["read"] = h.summary();
  r.latency_ms["server_ack"] = h.summary();
  r.latency_breakdown["delivered"] = delivered_breakdown();
  r.crypto = sample_crypto();
  return r;
}

}  // namespace

TEST_CASE("report.json puts the latency breakdown after latency_ms and crypto after media",
          "[analysis][report][crypto]") {
  const auto j = to_json(sample_report());
  CHECK(keys(j) == std::vector<std::string>{"scenario", "messages", "latency_ms", "latency_breakdown", "tiers",
                                            "storage", "groups", "media", "crypto", "consistency", "availability",
                                            "replication", "sim"});
}

TEST_CASE("report.json gives each part of a class's latency in ms and as a share of its mean",
          "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.latency_breakdown["delivered"] = LatencyBreakdown{7, 100, 10, 20, 30, 40, 0};
  const auto b = to_json(r)["latency_breakdown"]["delivered"];
  CHECK(keys(b) == std::vector<std::string>{"samples", "total_ms", "network_ms", "queueing_ms", "server_cpu_ms",
                                            "device_crypto_ms", "other_ms", "shares"});
  CHECK(b["samples"] == 7);
  CHECK(b["total_ms"] == 100.0);
  CHECK(b["device_crypto_ms"] == 40.0);
  CHECK(keys(b["shares"]) == std::vector<std::string>{"network", "queueing", "server_cpu", "device_crypto", "other"});
  CHECK(b["shares"]["network"] == 0.1);
  CHECK(b["shares"]["queueing"] == 0.2);
  CHECK(b["shares"]["server_cpu"] == 0.3);
  CHECK(b["shares"]["device_crypto"] == 0.4);
  CHECK(b["shares"]["other"] == 0.0);
}

TEST_CASE("report.json rounds breakdown figures and shares to six significant digits",
          "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.latency_breakdown["delivered"] = LatencyBreakdown{3, 300, 100, 0, 0, 123.456789123, 76.543210877};
  const auto b = to_json(r)["latency_breakdown"]["delivered"];
  CHECK(b["device_crypto_ms"] == 123.457);
  CHECK(b["shares"]["network"] == 0.333333);
  CHECK(b["shares"]["device_crypto"] == 0.411523);
}

TEST_CASE("report.json gives zero shares, not NaN, for a class whose mean is zero", "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.latency_breakdown["server_ack"] = LatencyBreakdown{};
  const auto shares = to_json(r)["latency_breakdown"]["server_ack"]["shares"];
  CHECK(shares.dump() == "{\"network\":0.0,\"queueing\":0.0,\"server_cpu\":0.0,\"device_crypto\":0.0,\"other\":0.0}");
}

TEST_CASE("report.json writes the breakdown only for the classes it has, in latency_ms's order",
          "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.latency_breakdown["server_ack"] = LatencyBreakdown{5, 20, 10, 5, 5, 0, 0};
  const auto j = to_json(r);
  CHECK(keys(j["latency_ms"]) == std::vector<std::string>{"delivered", "read", "server_ack"});
  CHECK(keys(j["latency_breakdown"]) == std::vector<std::string>{"delivered", "server_ack"});  // no "read"
  CHECK(to_json(RunReport{})["latency_breakdown"].dump() == "{}");
}

TEST_CASE("report.json has every crypto figure in a fixed order", "[analysis][report][crypto]") {
  const auto c = to_json(sample_report())["crypto"];
  CHECK(keys(c) == std::vector<std::string>{"end_to_end",
                                            "transport",
                                            "sessions_established",
                                            "ratchet_steps",
                                            "messages_encrypted",
                                            "phone_crypto_seconds",
                                            "prekeys",
                                            "tiers",
                                            "profiles",
                                            "bodies_seen_by_servers",
                                            "plaintext_at_servers",
                                            "plaintext_examples",
                                            "compromised_device",
                                            "copies_for_compromised",
                                            "copies_for_others"});
  CHECK(c["end_to_end"] == true);
  CHECK(c["transport"] == true);
  CHECK(c["sessions_established"] == 320);
  CHECK(c["ratchet_steps"] == 1500);
  CHECK(c["messages_encrypted"] == 4200);
  CHECK(c["phone_crypto_seconds"] == 1.23457);  // six significant digits, like every double in the file
  CHECK(c["bodies_seen_by_servers"] == 9000);
  CHECK(c["plaintext_at_servers"] == 0);
  CHECK(c["plaintext_examples"].dump() == "[]");
  CHECK(c["compromised_device"] == -1);
}

TEST_CASE("report.json has the prekeys as an object and tiers and profiles as arrays",
          "[analysis][report][crypto]") {
  const auto c = to_json(sample_report())["crypto"];
  CHECK(keys(c["prekeys"]) == std::vector<std::string>{"batch", "low_threshold", "bundles_fetched",
                                                       "without_one_time_prekey", "replenishments",
                                                       "stock_mean_end", "stock_min_end"});
  CHECK(c["prekeys"]["batch"] == 100);
  CHECK(c["prekeys"]["without_one_time_prekey"] == 10);
  CHECK(c["prekeys"]["stock_mean_end"] == 87.6543);
  CHECK(c["prekeys"]["stock_min_end"] == 12);
  REQUIRE(c["tiers"].size() == 2);
  CHECK(keys(c["tiers"][0]) == std::vector<std::string>{"tier", "cycles_per_s", "cpu_share"});
  CHECK(c["tiers"][0]["tier"] == "chat_server");
  CHECK(c["tiers"][1]["cycles_per_s"] == 1.23457e6);
  CHECK(c["tiers"][1]["cpu_share"] == 0.0123457);
  REQUIRE(c["profiles"].size() == 2);
  CHECK(keys(c["profiles"][0]) == std::vector<std::string>{"name", "devices", "crypto_seconds",
                                                          "text_message_crypto_ms", "video_16mb_crypto_ms",
                                                          "x3dh_ms", "registration_ms"});
  CHECK(c["profiles"][1]["name"] == "high_end");
  CHECK(c["profiles"][1]["crypto_seconds"] == 0.333333);
  CHECK(c["profiles"][0]["video_16mb_crypto_ms"] == 85.3);
  CHECK(c["profiles"][1]["registration_ms"] == 7.25);
}

TEST_CASE("report.json lists plaintext examples and the compromised device's copies", "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.crypto.plaintext_at_servers = 2;
  r.crypto.plaintext_examples = {"message_service: 4294967299", "chat_server: 8589934593"};
  r.crypto.compromised_device = 7;
  r.crypto.copies_for_compromised = 40;
  r.crypto.copies_for_others = 1960;
  const auto c = to_json(r)["crypto"];
  CHECK(c["plaintext_at_servers"] == 2);
  CHECK(c["plaintext_examples"] == Json::array({"message_service: 4294967299", "chat_server: 8589934593"}));
  CHECK(c["compromised_device"] == 7);
  CHECK(c["copies_for_compromised"] == 40);
  CHECK(c["copies_for_others"] == 1960);
}

TEST_CASE("report.json writes the crypto section in full when encryption is off", "[analysis][report][crypto]") {
  const auto c = to_json(RunReport{})["crypto"];
  CHECK(c.size() == 15);
  CHECK(c["end_to_end"] == false);
  CHECK(c["transport"] == false);
  CHECK(c["tiers"].dump() == "[]");
  CHECK(c["profiles"].dump() == "[]");
  CHECK(c["compromised_device"] == -1);
}

TEST_CASE("report.json with crypto prints identically for equal input", "[analysis][report][crypto]") {
  const std::string a = to_json(sample_report()).dump(2);
  const std::string b = to_json(sample_report()).dump(2);
  CHECK(a == b);
  CHECK(contains(a, "\"crypto\": {\n    \"end_to_end\": true,"));
}

TEST_CASE("markdown shows where each class's time goes, in ms and as shares", "[analysis][report][crypto]") {
  const std::string md = to_markdown(sample_report(), sample_timing());
  CHECK(contains(md, "## Where the time goes\n"));
  CHECK(contains(md, "| Class | Mean (ms) | Network | Queueing | Server CPU | Device crypto | Other |"));
  CHECK(contains(md, "| delivered | 250.0 | 100.0 ms (40 %) | 37.5 ms (15 %) | 50.0 ms (20 %) | 12.5 ms (5 %) "
                     "| 50.0 ms (20 %) |"));
  CHECK(md.find("## Latency") < md.find("## Where the time goes"));
  CHECK(md.find("## Where the time goes") < md.find("## Tiers"));
  const std::size_t start = md.find("## Where the time goes");
  const std::string section = md.substr(start, md.find("## Tiers") - start);
  CHECK_FALSE(contains(section, "| read |"));  // classes without a breakdown get no row

  CHECK_FALSE(contains(to_markdown(RunReport{}, sample_timing()), "## Where the time goes"));
}

TEST_CASE("markdown states in one sentence what end-to-end and transport encryption cost",
          "[analysis][report][crypto]") {
  const std::string md = to_markdown(sample_report(), sample_timing());
  CHECK(contains(md, "End-to-end encryption costs 12.5 ms of the mean two-check latency (5 %); transport "
                     "encryption takes 3.2 % of the chat servers' CPU.\n"));

  RunReport no_transport = sample_report();
  no_transport.crypto.tiers.erase(no_transport.crypto.tiers.begin());  // only the user service is left
  const std::string without = to_markdown(no_transport, sample_timing());
  CHECK(contains(without, "End-to-end encryption costs 12.5 ms of the mean two-check latency (5 %).\n"));
  CHECK_FALSE(contains(without, "transport encryption takes"));
}

TEST_CASE("markdown says so when no two-check latency was measured", "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.latency_breakdown.clear();
  const std::string md = to_markdown(r, sample_timing());
  CHECK(contains(md, "End-to-end encryption is on, but no two-check latency was measured in this run;"));
  CHECK_FALSE(contains(md, "End-to-end encryption costs"));
}

TEST_CASE("markdown says plainly when end-to-end encryption is off", "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.crypto.end_to_end = false;
  r.crypto.plaintext_at_servers = 1500;
  r.crypto.plaintext_examples = {"message_service: 4294967299"};
  const std::string md = to_markdown(r, sample_timing());
  CHECK(contains(md, "End-to-end encryption is off in this run: message bodies crossed the servers in plaintext "
                     "(1500 seen); transport encryption takes 3.2 % of the chat servers' CPU.\n"));
  CHECK_FALSE(contains(md, "End-to-end encryption costs"));
  CHECK_FALSE(contains(md, "Confidentiality violated"));  // expected with encryption off, not a broken promise
}

TEST_CASE("markdown writes the security section even when encryption is off and nothing was counted",
          "[analysis][report][crypto]") {
  const std::string md = to_markdown(RunReport{}, sample_timing());
  CHECK(contains(md, "## Security\n"));
  CHECK(contains(md, "| End-to-end encryption | off |"));
  CHECK(contains(md, "| Transport encryption (Noise) | off |"));
  CHECK(contains(md, "End-to-end encryption is off in this run: message bodies crossed the servers in plaintext "
                     "(0 seen).\n"));
  CHECK(md.find("## Security") < md.find("## Consistency"));
}

TEST_CASE("markdown has the crypto counts, prekeys, tiers and device profiles", "[analysis][report][crypto]") {
  const std::string md = to_markdown(sample_report(), sample_timing());
  CHECK(contains(md, "| End-to-end encryption | on |"));
  CHECK(contains(md, "| Sessions established (X3DH) | 320 |"));
  CHECK(contains(md, "| Ratchet steps | 1500 |"));
  CHECK(contains(md, "| Ciphertexts made by senders | 4200 |"));
  CHECK(contains(md, "| Phone crypto time (s) | 1.235 |"));
  CHECK(contains(md, "| Prekey bundles fetched | 330 |"));
  CHECK(contains(md, "| Bundles without a one-time prekey | 10 of 330 (3.03 %) |"));
  CHECK(contains(md, "| Prekey replenishments | 4 |"));
  CHECK(contains(md, "| One-time prekeys per device at end | mean 87.7, min 12 (batch 100, replenished at 20) |"));
  CHECK(contains(md, "| chat_server | 0.250 | 3.2 % |"));  // Gcycles/s: 2.5e8 cycles/s
  CHECK(contains(md, "| user_service | 0.00123 | 1.23 % |"));
  CHECK(contains(md, "| low_end | 1200 | 0.900 | 0.042 | 85.3 | 1.200 |"));
  CHECK(contains(md, "| high_end | 800 | 0.333 | 0.011 | 21.3 | 0.350 |"));
}

TEST_CASE("markdown says in words when no server saw a plaintext body", "[analysis][report][crypto]") {
  const std::string md = to_markdown(sample_report(), sample_timing());
  CHECK(contains(md, "Confidentiality check: 9000 message bodies seen by servers, in plaintext: none.\n"));
  CHECK_FALSE(contains(md, "Examples (component: message id)"));
}

TEST_CASE("markdown lists the plaintext examples when a server saw a plaintext body", "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.crypto.plaintext_at_servers = 2;
  r.crypto.plaintext_examples = {"message_service: 4294967299", "chat_server: 8589934593"};
  const std::string md = to_markdown(r, sample_timing());
  CHECK(contains(md, "**Confidentiality violated.** Confidentiality check: 9000 message bodies seen by servers, in "
                     "plaintext: 2.\n"));
  CHECK(contains(md, "- message_service: 4294967299\n- chat_server: 8589934593\n"));
}

TEST_CASE("markdown says what a compromised device's keys expose, only when a device is compromised",
          "[analysis][report][crypto]") {
  RunReport r = sample_report();
  r.crypto.compromised_device = 7;
  r.crypto.copies_for_compromised = 40;
  r.crypto.copies_for_others = 1960;
  CHECK(contains(to_markdown(r, sample_timing()),
                 "device 7's keys expose its 40 copies; 1960 copies sealed for other devices are not exposed."));

  r.crypto.compromised_device = -1;
  CHECK_FALSE(contains(to_markdown(r, sample_timing()), "keys expose"));
}
