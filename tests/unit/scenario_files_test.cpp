// The shipped scenarios load and say what the seeds say.
#include <filesystem>

#include <catch2/catch.hpp>

#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
namespace fs = std::filesystem;

namespace {
// tests/unit/this.cpp -> the repository root (no CMake definition needed).
fs::path repo_root() { return fs::path(__FILE__).parent_path().parent_path().parent_path(); }
std::string scenario_file(const char* name) { return (repo_root() / "scenarios" / name).string(); }
}  // namespace

TEST_CASE("scenario: baseline.json loads and matches the seeds' figures", "[scenario]") {
  const Scenario s = load_scenario(scenario_file("baseline.json"));
  CHECK(s.name == "baseline");
  CHECK(s.population.users == 2000000000ULL);
  CHECK(s.deployment.chat_servers == 200);
  CHECK(s.deployment.connections_per_chat_server == 10000000ULL);
  CHECK(s.costs.retention_days == 30);
  // 100B messages/day of 100 bytes: 10 TB/day, 300 TB over the 30-day retention.
  const double messages_per_day = s.population.users * s.traffic.messages_per_user_per_day;
  CHECK(messages_per_day == Approx(100e9).epsilon(1e-9));
  CHECK(s.traffic.size.mean_bytes == 100);
  CHECK(messages_per_day * s.traffic.size.mean_bytes * s.costs.retention_days == Approx(300e12));
  // 2B users / 10M connections per server = 200 chat servers.
  CHECK(s.population.users / s.deployment.connections_per_chat_server == s.deployment.chat_servers);
}

TEST_CASE("scenario: baseline.json simulates a slice of 20k-50k users for a few minutes", "[scenario]") {
  const Scenario s = load_scenario(scenario_file("baseline.json"));
  const double simulated_users = s.population.users * s.simulation.scale;
  CHECK(simulated_users >= 20000);
  CHECK(simulated_users <= 50000);
  CHECK(s.simulation.duration_s <= 600);
  CHECK(s.simulation.warmup_s < s.simulation.duration_s);
  CHECK(s.deployment.regions.size() >= 3);
  CHECK(s.profile(s.deployment.chat_server_profile).cores > 0);
}

TEST_CASE("scenario: small.json extends baseline.json with a small whole population", "[scenario]") {
  const Scenario s = load_scenario(scenario_file("small.json"));
  CHECK(s.name == "small");
  CHECK(s.population.users == 2000);
  CHECK(s.simulation.scale == 1.0);
  CHECK(s.deployment.regions.size() == 2);
  CHECK(s.deployment.links.size() == 1);
  CHECK(s.deployment.chat_servers == 4);
  CHECK(s.deployment.manager_shards == 2);
  CHECK(s.deployment.message_shards == 2);
  CHECK(s.population.session.mean_online_s == 300);
  CHECK(s.population.session.mean_offline_s == 120);
  CHECK(s.population.session.always_offline_share > 0);
  CHECK(s.traffic.messages_per_user_per_day == 200);
  // Inherited from baseline.json.
  CHECK(s.costs.retention_days == 30);
  CHECK(s.traffic.size.kind == "lognormal");
  CHECK(s.hardware.count("commodity-1u") == 1);
  // The resolved document is what ran: no extends, no $schema.
  CHECK_FALSE(s.resolved.contains("extends"));
  CHECK_FALSE(s.resolved.contains("$schema"));
  CHECK(s.resolved["deployment"]["chat_servers"] == 4);
}
