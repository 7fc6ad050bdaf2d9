// The shipped scenarios load and say what the seeds say.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
using nlohmann::json;
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

TEST_CASE("scenario: baseline.json sends a tenth of messages with media", "[scenario]") {
  const Scenario s = load_scenario(scenario_file("baseline.json"));
  CHECK(s.media.message_share == 0.1);
  CHECK(s.media.viral.share == 0);
  CHECK(s.profile(s.deployment.asset_profile).cores > 0);
  CHECK(s.profile(s.deployment.storage_profile).disk_write_mbps > 0);
  CHECK(s.profile(s.deployment.cdn_pop_profile).nic_gbps > 0);
}

TEST_CASE("scenario: the text-only scenarios keep media off", "[scenario]") {
  for (const char* file : {"small.json", "groups-small.json", "bench-1m.json", "bench-groups-8.json",
                           "bench-groups-64.json", "bench-groups-256.json"}) {
    INFO(file);
    CHECK(load_scenario(scenario_file(file)).media.message_share == 0);
  }
}

TEST_CASE("scenario: baseline.json simulates one 10M-user cell of 200 through an hour", "[scenario]") {
  const Scenario s = load_scenario(scenario_file("baseline.json"));
  CHECK(s.population.users == 2000000000ull);
  CHECK(s.population.users * s.traffic.messages_per_user_per_day == Approx(100e9));
  CHECK(s.simulation.cells == s.deployment.chat_servers);
  CHECK(s.simulation.simulated_cells == 1);
  CHECK(s.population.users * s.simulation.scale == Approx(10e6));
  CHECK(s.simulation.duration_s - s.simulation.warmup_s >= 3600);
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
  CHECK(s.media.message_share == 0);  // text only, although baseline.json has media
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
  CHECK(scenarios >= 10);  // baseline, small, bench-1m, groups-small, three bench-groups, media-small, viral-media,
                          // crypto-tradeoff
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

TEST_CASE("scenario: media-small.json is small.json with a fifth of messages carrying media", "[scenario]") {
  const Scenario s = load_scenario(scenario_file("media-small.json"));
  CHECK(s.name == "media-small");
  CHECK(s.population.users == 2000);  // from small.json
  CHECK(s.groups.message_share == 0);
  const MediaSpec& m = s.media;
  CHECK(m.message_share == 0.2);
  CHECK(m.viral.share == 0);
  CHECK(m.popularity.forwarded_share > 0);  // forwards: deduplication happens
  CHECK(m.cdn.promotion_threshold == 5);
  CHECK(s.deployment.asset_servers == 2);
  CHECK(s.deployment.storage_hosts == 2);
  CHECK(s.deployment.cdn_pops_per_region == 1);
  // Some hundreds of media messages in the run.
  const double media_messages = s.population.users * s.traffic.messages_per_user_per_day *
                                s.simulation.duration_s / 86400 * m.message_share;
  CHECK(media_messages == Approx(555.6).epsilon(0.01));
}

TEST_CASE("scenario: viral-media.json starts a viral video after warm-up, with groups and two PoPs", "[scenario]") {
  const Scenario s = load_scenario(scenario_file("viral-media.json"));
  CHECK(s.name == "viral-media");
  CHECK(s.population.users == 2500);
  CHECK(s.simulation.duration_s == 420);
  CHECK(s.simulation.warmup_s == 60);
  CHECK(s.groups.message_share == 0.3);
  CHECK(s.groups.groups_per_user == 2);
  const MediaSpec& m = s.media;
  CHECK(m.message_share == 0.3);
  CHECK(m.viral.share == 0.3);
  CHECK(m.viral.start_s == 60);
  CHECK(m.viral.start_s >= s.simulation.warmup_s);
  CHECK(m.viral.type == "video");
  CHECK(m.viral.bytes == 8e6);
  CHECK(m.cdn.promotion_threshold == 20);
  CHECK(m.cdn.cache_bytes >= m.viral.bytes);
  CHECK(s.deployment.regions.size() * s.deployment.cdn_pops_per_region >= 2);
  CHECK(s.groups.log.replication_factor <= s.deployment.brokers);
}

TEST_CASE("scenario: no shipped scenario file sets the phone clock or cycle figures outside the device profiles",
          "[scenario]") {
  for (const auto& entry : fs::directory_iterator(repo_root() / "scenarios")) {
    const fs::path file = entry.path();
    if (file.extension() != ".json" || file.filename() == "scenario.schema.json") continue;
    INFO(file.string());
    std::ifstream in(file);
    const nlohmann::json doc = nlohmann::json::parse(in);
    const nlohmann::json phone = doc.value("phone", nlohmann::json::object());
    for (const char* moved : {"clock_ghz", "encrypt_cycles_per_byte", "hash_cycles_per_byte"})
      CHECK_FALSE(phone.contains(moved));
  }
}

TEST_CASE("scenario: crypto-tradeoff.json sets half low-end against half high-end phones, text beside big videos",
          "[scenario]") {
  const Scenario s = load_scenario(scenario_file("crypto-tradeoff.json"));
  CHECK(s.name == "crypto-tradeoff");
  CHECK(s.population.users == 2000);  // from small.json through media-small.json
  CHECK(s.crypto.end_to_end);         // "as is": both encryptions on
  CHECK(s.crypto.transport.enabled);
  CHECK(s.simulation.duration_s == 300);
  CHECK(s.simulation.warmup_s < s.simulation.duration_s);

  // The two profiles carry the defaults' figures for low_end and high_end.
  const json doc = json::parse(R"({"name": "tiny", "population": {"users": 1},
      "deployment": {"regions": [{"name": "r", "user_share": 1}],
                     "chat_servers": 1, "manager_shards": 1, "message_shards": 1}})");
  const std::vector<DeviceProfile> defaults = scenario_from_json(doc, "tiny.json").phone.profiles;
  REQUIRE(s.phone.profiles.size() == 2);
  REQUIRE(defaults.size() == 3);
  for (const auto& [profile, default_profile] : {std::pair{s.phone.profiles[0], defaults[0]},
                                                 std::pair{s.phone.profiles[1], defaults[2]}}) {
    INFO(profile.name);
    CHECK(profile.name == default_profile.name);
    CHECK(profile.share == 0.5);
    CHECK(profile.clock_ghz == default_profile.clock_ghz);
    CHECK(profile.x25519_cycles == default_profile.x25519_cycles);
    CHECK(profile.ed25519_sign_cycles == default_profile.ed25519_sign_cycles);
    CHECK(profile.ed25519_verify_cycles == default_profile.ed25519_verify_cycles);
    CHECK(profile.aes_cbc_cycles_per_byte == default_profile.aes_cbc_cycles_per_byte);
    CHECK(profile.hmac_cycles_per_byte == default_profile.hmac_cycles_per_byte);
    CHECK(profile.sha256_cycles_per_byte == default_profile.sha256_cycles_per_byte);
  }

  // Text and big videos: most messages are text, videos are common among files, about
  // 8 MB, and the largest reach the 16 MB limit without going over it.
  const MediaSpec& m = s.media;
  CHECK(m.message_share == 0.2);
  CHECK(m.viral.share == 0);
  REQUIRE(m.types.size() == 4);
  const MediaTypeSpec& video = m.types[1];
  CHECK(video.name == "video");
  CHECK(video.share >= 0.4);
  CHECK(video.size.mean_bytes == Approx(8e6));
  CHECK(video.size.max_bytes <= video.limit_bytes);
  CHECK(video.size.max_bytes == 16e6);
  // The commands in the description are the trade-off's two sides.
  CHECK(s.description.find("--set crypto.end_to_end=false --set crypto.transport.enabled=false") !=
        std::string::npos);
  const Scenario off = load_scenario(scenario_file("crypto-tradeoff.json"),
                                     {"crypto.end_to_end=false", "crypto.transport.enabled=false"});
  CHECK_FALSE(off.crypto.end_to_end);
  CHECK_FALSE(off.crypto.transport.enabled);
}
