// The shipped scenarios load and say what the seeds say.
#include <cstdint>
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

TEST_CASE("scenario: every shipped scenario file loads", "[scenario]") {
  int scenarios = 0;
  for (const auto& entry : fs::directory_iterator(repo_root() / "scenarios")) {
    const fs::path file = entry.path();
    if (file.extension() != ".json" || file.filename() == "scenario.schema.json") continue;
    ++scenarios;
    INFO(file.string());
    CHECK_NOTHROW(load_scenario(file.string()));
  }
  CHECK(scenarios >= 7);  // baseline, small, bench-1m, groups-small, three bench-groups
}

TEST_CASE("scenario: groups-small.json extends small.json with group traffic and high churn", "[scenario]") {
  const Scenario s = load_scenario(scenario_file("groups-small.json"));
  CHECK(s.name == "groups-small");
  CHECK(s.population.users == 2000);  // from small.json
  CHECK(s.deployment.chat_servers == 4);
  const GroupsSpec& g = s.groups;
  CHECK(g.message_share == 0.3);
  CHECK(g.groups_per_user == 3);
  CHECK(g.size.kind == "lognormal");
  CHECK(g.size.mean_members == 10);
  CHECK(g.size.min_members == 3);
  CHECK(g.size_limit == 64);
  CHECK(s.deployment.group_service_shards == 2);
  CHECK(s.deployment.brokers == 3);
  CHECK(s.deployment.group_handlers == 2);
  CHECK(g.log.partitions == 8);
  CHECK(g.log.replication_factor == 3);
  CHECK(g.log.acks == "all");
  // ~600 groups changing 48 times a day: about 200 joins and leaves in the 10 minutes.
  const double groups = s.population.users * g.groups_per_user / g.size.mean_members;
  const double changes = groups * g.churn_per_group_per_day * s.simulation.duration_s / 86400;
  CHECK(changes == Approx(200).epsilon(0.05));
}

TEST_CASE("scenario: the bench-groups files differ only in group size and message rate", "[scenario]") {
  struct Bench { const char* file; std::uint32_t members; double messages_per_user_per_day; };
  for (const Bench& b : {Bench{"bench-groups-8.json", 8, 1000}, Bench{"bench-groups-64.json", 64, 200},
                         Bench{"bench-groups-256.json", 256, 50}}) {
    INFO(b.file);
    const Scenario s = load_scenario(scenario_file(b.file));
    CHECK(s.name == fs::path(b.file).stem().string());
    CHECK(s.groups.size.kind == "constant");
    CHECK(s.groups.size.mean_members == b.members);
    CHECK(s.groups.size.min_members == b.members);
    CHECK(s.groups.size_limit == 256);
    CHECK(s.groups.message_share == 1.0);
    CHECK(s.groups.groups_per_user == 2);
    CHECK(s.groups.churn_per_group_per_day == 0);
    CHECK(s.traffic.messages_per_user_per_day == b.messages_per_user_per_day);
    CHECK(s.simulation.duration_s == 300);
    CHECK(s.simulation.warmup_s == 30);
    // Inherited from groups-small.json.
    CHECK(s.deployment.brokers == 3);
    CHECK(s.groups.log.partitions == 8);
  }
}
