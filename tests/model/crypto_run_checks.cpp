// Checks the security side of runs: small.json as shipped (end-to-end and transport
// encryption on; made by "model: run small.json (a)"), the same with end-to-end encryption
// off (the confidentiality check must then fail), and with one device's keys compromised.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/history.hpp"
#include "tests/model/run_files.hpp"

using nlohmann::json;
using namespace whatsim;
using run_files::history;
using run_files::report;

TEST_CASE("no server component handled a message body in plaintext", "[model][crypto]") {
  const json crypto = report()["crypto"];
  REQUIRE(crypto["end_to_end"] == true);
  CHECK(crypto["bodies_seen_by_servers"].get<std::uint64_t>() > 0);
  CHECK(crypto["plaintext_at_servers"] == 0);
}

TEST_CASE("every bundle fetched set up one session, and a new session needs a bundle", "[model][crypto]") {
  const json crypto = report()["crypto"];
  CHECK(crypto["sessions_established"].get<std::uint64_t>() > 0);
  CHECK(crypto["sessions_established"] == crypto["prekeys"]["bundles_fetched"]);
}

TEST_CASE("phone crypto time is the sum over device profiles", "[model][crypto]") {
  const json crypto = report()["crypto"];
  double sum = 0;
  std::uint64_t devices = 0;
  for (const json& p : crypto["profiles"]) {
    sum += p["crypto_seconds"].get<double>();
    devices += p["devices"].get<std::uint64_t>();
  }
  CHECK(crypto["phone_crypto_seconds"].get<double>() > 0);
  CHECK(sum == Approx(crypto["phone_crypto_seconds"].get<double>()).epsilon(1e-4));
  CHECK(devices > 0);
}

// The parts are measured hop by hop on each message's path; the rest ("other") is what no
// hop accounts for. Measured parts larger than the latency itself would mean time counted
// twice somewhere on a path.
TEST_CASE("each latency class's measured parts fit within its mean latency", "[model][crypto]") {
  const json r = report();
  REQUIRE(r["latency_breakdown"].contains("delivered"));
  for (const auto& [name, b] : r["latency_breakdown"].items()) {
    INFO(name);
    const double measured = b["network_ms"].get<double>() + b["queueing_ms"].get<double>() +
                            b["server_cpu_ms"].get<double>() + b["device_crypto_ms"].get<double>();
    CHECK(b["network_ms"].get<double>() > 0);
    CHECK(measured <= b["total_ms"].get<double>() * (1 + 1e-4));
    CHECK(b["total_ms"].get<double>() == Approx(r["latency_ms"][name]["mean"].get<double>()).epsilon(1e-4));
    CHECK(b["samples"] == r["latency_ms"][name]["count"]);
  }
  // Two checks need the recipient to decrypt: phone crypto is on that path.
  CHECK(r["latency_breakdown"]["delivered"]["device_crypto_ms"].get<double>() > 0);
}

TEST_CASE("with end-to-end encryption off, the check finds plaintext bodies at servers", "[plaintext-run]") {
  const json crypto = report()["crypto"];
  REQUIRE(crypto["end_to_end"] == false);
  CHECK(crypto["plaintext_at_servers"].get<std::uint64_t>() > 0);
  CHECK(crypto["plaintext_at_servers"] == crypto["bodies_seen_by_servers"]);
  REQUIRE_FALSE(crypto["plaintext_examples"].empty());
  const std::string example = crypto["plaintext_examples"][0];
  CHECK(example.find("chat_server") != std::string::npos);  // the first server a body meets
  CHECK(crypto["sessions_established"] == 0);
}

// Independent of the ledger: count the compromised device's deliveries in the history.
TEST_CASE("a compromised device exposes only the copies sealed for it", "[compromise-run]") {
  const json crypto = report()["crypto"];
  const auto device = crypto["compromised_device"].get<std::int64_t>();
  REQUIRE(device >= 0);
  std::uint64_t to_device = 0, to_others = 0;
  for (const LifecycleEvent& e : history()) {
    if (e.kind != EventKind::delivered || is_group_stream(e.stream)) continue;
    (e.device == static_cast<DeviceId>(device) ? to_device : to_others) += 1;
  }
  CHECK(to_device > 0);
  CHECK(crypto["copies_for_compromised"] == to_device);
  CHECK(crypto["copies_for_others"] == to_others);
}
