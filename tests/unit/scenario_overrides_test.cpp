// --set PATH=VALUE overrides.
#include <filesystem>

#include <catch2/catch.hpp>

#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {
fs::path repo_root() { return fs::path(__FILE__).parent_path().parent_path().parent_path(); }
std::string small() { return (repo_root() / "scenarios" / "small.json").string(); }

std::string set_error(const std::vector<std::string>& overrides) {
  try {
    load_scenario(small(), overrides);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("scenario: --set overrides a number", "[scenario]") {
  const Scenario s = load_scenario(small(), {"deployment.chat_servers=8", "simulation.seed=42"});
  CHECK(s.deployment.chat_servers == 8);
  CHECK(s.simulation.seed == 42);
  CHECK(s.resolved["deployment"]["chat_servers"] == 8);
}

TEST_CASE("scenario: --set takes a value that is not JSON as a plain string, and quoted JSON strings", "[scenario]") {
  CHECK(load_scenario(small(), {"simulation.network_model=LV08"}).simulation.network_model == "LV08");
  CHECK(load_scenario(small(), {"name=\"two words\""}).name == "two words");
  CHECK(load_scenario(small(), {"description=a=b"}).description == "a=b");  // first "=" splits
}

TEST_CASE("scenario: --set reaches array elements by [i] and by .i", "[scenario]") {
  const Scenario s = load_scenario(
      small(), {"deployment.regions[0].user_share=0.7", "deployment.regions.1.user_share=0.3"});
  CHECK(s.deployment.regions[0].user_share == 0.7);
  CHECK(s.deployment.regions[1].user_share == 0.3);
}

TEST_CASE("scenario: --set indexes arrays the file leaves to their defaults", "[scenario]") {
  const Scenario s = load_scenario(small(), {"population.diurnal_profile[3]=2.5"});
  CHECK(s.population.diurnal_profile.size() == 24);
  CHECK(s.population.diurnal_profile[3] == 2.5);
}

TEST_CASE("scenario: --set replaces whole arrays and objects with JSON values", "[scenario]") {
  const Scenario s = load_scenario(small(), {"population.devices_per_user_weights=[1]",
                                             "hardware.profiles.big={\"cores\": 96}",
                                             "deployment.message_profile=big"});
  CHECK(s.population.devices_per_user_weights == std::vector<double>{1.0});
  CHECK(s.profile("big").cores == 96);
  CHECK(s.profile("big").clock_ghz == 2.5);  // defaults fill the rest of a new profile
  CHECK(s.deployment.message_profile == "big");
}

TEST_CASE("scenario: --set into a map value", "[scenario]") {
  CHECK(load_scenario(small(), {"hardware.profiles.commodity-2u.cores=64"}).profile("commodity-2u").cores == 64);
}

TEST_CASE("scenario: --set reaches the groups section and the group tiers", "[scenario]") {
  const Scenario s = load_scenario(small(), {"groups.message_share=0.5", "groups.groups_per_user=1.5",
                                             "groups.log.acks=leader", "groups.size.mean_members=40",
                                             "deployment.brokers=5"});
  CHECK(s.groups.message_share == 0.5);
  CHECK(s.groups.groups_per_user == 1.5);
  CHECK(s.groups.log.acks == "leader");
  CHECK(s.groups.size.mean_members == 40);
  CHECK(s.deployment.brokers == 5);
  CHECK(s.groups.size_limit == 200);  // the rest keeps its default
}

TEST_CASE("scenario: --set reaches the phone, the media section and the media tiers", "[scenario]") {
  const Scenario s = load_scenario(small(), {"media.message_share=0.25", "media.types.video.share=0.25",
                                             "media.types.document.share=0", "media.cdn.eviction=fifo",
                                             "phone.profiles[1].clock_ghz=2.4", "deployment.storage_hosts=3"});
  CHECK(s.media.message_share == 0.25);
  REQUIRE(s.media.types.size() == 4);
  CHECK(s.media.types[1].name == "video");
  CHECK(s.media.types[1].share == 0.25);
  CHECK(s.media.types[3].share == 0);
  CHECK(s.media.cdn.eviction == "fifo");
  REQUIRE(s.phone.profiles.size() == 3);
  CHECK(s.phone.profiles[1].clock_ghz == 2.4);
  CHECK(s.phone.profiles[0].clock_ghz == 1.0);  // the other profiles keep their defaults
  CHECK(s.deployment.storage_hosts == 3);
  CHECK(s.media.types[1].limit_bytes == 16000000);  // the rest keeps its default
}

TEST_CASE("scenario: --set turns end-to-end and transport encryption off, the crypto trade-off's other side",
          "[scenario]") {
  const Scenario on = load_scenario(small());
  CHECK(on.crypto.end_to_end);
  CHECK(on.crypto.transport.enabled);
  const Scenario off = load_scenario(small(), {"crypto.end_to_end=false", "crypto.transport.enabled=false"});
  CHECK_FALSE(off.crypto.end_to_end);
  CHECK_FALSE(off.crypto.transport.enabled);
  CHECK(off.crypto.transport.x25519_cycles == on.crypto.transport.x25519_cycles);  // the rest keeps its value
}

TEST_CASE("scenario: --set replaces the device profiles whole, and the replacement is checked", "[scenario]") {
  const std::string only = R"({"name": "only", "share": 1, "clock_ghz": 2, "x25519_cycles": 1,
      "ed25519_sign_cycles": 1, "ed25519_verify_cycles": 1, "aes_cbc_cycles_per_byte": 1,
      "hmac_cycles_per_byte": 1, "sha256_cycles_per_byte": 1})";
  const Scenario s = load_scenario(small(), {"phone.profiles=[" + only + "]"});
  REQUIRE(s.phone.profiles.size() == 1);
  CHECK(s.phone.profiles[0].name == "only");
  CHECK_THAT(set_error({"phone.profiles[0].share=0.5"}), Contains("phone.profiles[*].share: must sum to 1"));
}

TEST_CASE("scenario: --set of a path the schema does not have names it and the allowed keys", "[scenario]") {
  const std::string e = set_error({"deployment.chat_srvers=3"});
  CHECK_THAT(e, Contains("--set deployment.chat_srvers: no such setting: deployment has no key \"chat_srvers\""));
  CHECK_THAT(e, Contains("allowed: access, asset_profile, asset_servers, broker_profile, brokers, cdn_pop_profile, "
                        "cdn_pops_per_region, chat_server_profile, chat_servers"));
  CHECK_THAT(set_error({"nonsense=1"}), Contains("the top level has no key \"nonsense\""));
  CHECK_THAT(set_error({"simulation.seed.low=1"}), Contains("--set simulation.seed.low: no such setting"));
  CHECK_THAT(set_error({"deployment.regions.first.name=x"}),
             Contains("deployment.regions is an array, expected an index, got \"first\""));
}

TEST_CASE("scenario: --set past the end of an array is an error", "[scenario]") {
  CHECK_THAT(set_error({"deployment.regions[5].name=x"}),
             Contains("--set deployment.regions[5].name: index 5 out of range: deployment.regions has 2 items"));
}

TEST_CASE("scenario: --set without = is a syntax error", "[scenario]") {
  CHECK_THAT(set_error({"foo"}), Contains("--set foo: expected PATH=VALUE"));
  CHECK_THAT(set_error({"deployment..chat_servers=1"}), Contains("empty step in path"));
  CHECK_THAT(set_error({"=1"}), Contains("empty step in path"));
}

TEST_CASE("scenario: a --set value is validated like the file", "[scenario]") {
  const std::string e = set_error({"deployment.chat_servers=0"});
  CHECK_THAT(e, Contains("small.json (with --set): deployment.chat_servers: must be >= 1, got 0"));
  CHECK_THAT(set_error({"deployment.chat_servers=many"}), Contains("expected integer, got string \"many\""));
}
