// The analytic capacity model: the seeds' back-of-envelope figures from their inputs, the
// traffic equations' bookkeeping, and how the model responds to load.
#include <cmath>
#include <filesystem>

#include <catch2/catch.hpp>

#include "analysis/capacity_model.hpp"
#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
namespace fs = std::filesystem;

namespace {

fs::path repo_root() { return fs::path(__FILE__).parent_path().parent_path().parent_path(); }
std::string scenario_file(const char* name) { return (repo_root() / "scenarios" / name).string(); }

// The seeds' arithmetic counts one body per message, in and out: text only, one device each.
Scenario seeds_inputs(std::vector<std::string> more = {}) {
  std::vector<std::string> sets = {"population.devices_per_user_weights=[1]", "groups.message_share=0",
                                   "groups.groups_per_user=0", "media.message_share=0", "traffic.size.sigma=0",
                                   "traffic.size.kind=\"constant\""};
  sets.insert(sets.end(), more.begin(), more.end());
  return load_scenario(scenario_file("baseline.json"), sets);
}

ModelOptions full_deployment() {
  ModelOptions o;
  o.size = ModelSize::full;
  return o;
}

double frames(const CapacityModel& m, const char* tier, const char* op) { return find_frame(m.frames, tier, op)->arrival_per_s; }

}  // namespace

TEST_CASE("seeds: 100B messages a day of 100 bytes are 10 TB a day and 300 TB over 30 days", "[analysis][capacity-model]") {
  const CapacityModel m = build_capacity_model(seeds_inputs(), full_deployment());
  CHECK(m.storage.message_bytes_per_day == Approx(10e12).epsilon(1e-9));
  CHECK(m.storage.retention_bytes == Approx(300e12).epsilon(1e-9));
  REQUIRE(m.storage.growth_bytes_by_day.size() == 30);
  CHECK(m.storage.growth_bytes_by_day.front() == Approx(10e12));
  CHECK(m.storage.growth_bytes_by_day.back() == Approx(300e12));
}

TEST_CASE("seeds: about 926 Mb/s in and the same out", "[analysis][capacity-model]") {
  const CapacityModel m = build_capacity_model(seeds_inputs(), full_deployment());
  // 10 TB x 8 bits / 86400 s = 925.93 Mb/s: the seeds' "about 926 Mb/s", and 1.852 Gb/s both ways.
  CHECK(m.storage.ingress_bits_per_s / 1e6 == Approx(925.926).epsilon(1e-5));
  CHECK(m.storage.egress_bits_per_s == Approx(m.storage.ingress_bits_per_s));
  CHECK((m.storage.ingress_bits_per_s + m.storage.egress_bits_per_s) / 1e9 == Approx(1.852).epsilon(1e-3));
}

TEST_CASE("seeds: 500M users writing 40 messages are 20B a day and 2 TB", "[analysis][capacity-model]") {
  const CapacityModel m = build_capacity_model(
      seeds_inputs({"population.users=500000000", "traffic.messages_per_user_per_day=40"}), full_deployment());
  CHECK(m.storage.message_bytes_per_day == Approx(2e12));
  // 2 TB / 86400 s = 23.1 MB/s; the seeds round it up to "about 25 MB/s".
  CHECK(m.storage.ingress_bits_per_s / 8 / 1e6 == Approx(23.148).epsilon(1e-4));
}

TEST_CASE("capacity model: a message's frames follow the protocol", "[analysis][capacity-model]") {
  const CapacityModel m = build_capacity_model(seeds_inputs(), full_deployment());
  const double sends = m.rates.messages_per_s;
  REQUIRE(sends > 0);
  CHECK(frames(m, "chat_server", "send") == Approx(sends));
  CHECK(frames(m, "message_service", "store") == Approx(sends));   // stored before anything else
  CHECK(frames(m, "chat_server", "store_ack") == Approx(sends));   // one check per send
  // Every lookup is answered once; the connect path registers, drains and answers once each.
  CHECK(frames(m, "chat_server", "route_reply") == Approx(frames(m, "websocket_manager", "lookup")));
  CHECK(frames(m, "websocket_manager", "register") == Approx(m.rates.connects_per_s));
  CHECK(frames(m, "message_service", "drain") == Approx(m.rates.connects_per_s));
  // Delivered receipts delete the stored copies: one per copy that reaches a device, i.e.
  // every copy but those for devices that never connect.
  const double reaching = 1 - seeds_inputs().population.session.always_offline_share;
  CHECK(frames(m, "message_service", "delete") == Approx(m.rates.device_copies_per_s * reaching));
}

TEST_CASE("capacity model: doubling the load doubles the frame work and raises the waits", "[analysis][capacity-model]") {
  const Scenario s = seeds_inputs();
  ModelOptions once = full_deployment(), twice = full_deployment();
  twice.load_factor = 2;
  const CapacityModel a = build_capacity_model(s, once), b = build_capacity_model(s, twice);
  const StationLoad& store_a = *find_station(a, "message_service");
  const StationLoad& store_b = *find_station(b, "message_service");
  // Sends, stores and receipts scale with the load; connections and heartbeats do not.
  CHECK(frames(b, "message_service", "store") == Approx(2 * frames(a, "message_service", "store")));
  CHECK(frames(b, "chat_server", "connect") == Approx(frames(a, "chat_server", "connect")));
  CHECK(store_b.cpu_utilization > store_a.cpu_utilization);
  CHECK(store_b.cpu_utilization < 2 * store_a.cpu_utilization);  // the drains do not double
  CHECK(store_b.wait_s > store_a.wait_s);
  CHECK(find_class(b, "server_ack")->queueing_ms > find_class(a, "server_ack")->queueing_ms);
}

TEST_CASE("capacity model: a saturated tier has no finite wait and makes the model unstable", "[analysis][capacity-model]") {
  const Scenario s = seeds_inputs({"deployment.message_shards=4"});  // one per region
  ModelOptions busy = full_deployment();
  busy.load_factor = 3;
  const CapacityModel m = build_capacity_model(s, busy);
  const StationLoad& store = *find_station(m, "message_service");
  CHECK(store.cpu_utilization > 1);
  CHECK(std::isinf(store.wait_s));
  CHECK_FALSE(m.stable);
  CHECK(m.bottleneck == "message_service");
}

TEST_CASE("capacity model: the simulated size uses the run's users and scaled servers", "[analysis][capacity-model]") {
  const Scenario s = load_scenario(scenario_file("small.json"));
  const CapacityModel m = build_capacity_model(s, ModelOptions{});
  CHECK(m.rates.users == Approx(2000));
  CHECK(find_station(m, "chat_server")->servers == 4);
  CHECK(find_station(m, "broker") == nullptr);  // no groups in small.json
  // One region of two, 2 chat servers each: a recipient shares the sender's server 1/4 of the time.
  CHECK(m.shares.same_server == Approx(0.25));
}

TEST_CASE("capacity model: a chat server's memory is its connections", "[analysis][capacity-model]") {
  const Scenario s = seeds_inputs();
  const CapacityModel m = build_capacity_model(s, full_deployment());
  const StationLoad& chat = *find_station(m, "chat_server");
  CHECK(chat.memory_bytes == Approx(m.rates.online_devices / chat.servers * s.costs.bytes_per_connection));
}

TEST_CASE("capacity model: route caches hit more when routes change less often", "[analysis][capacity-model]") {
  const CapacityModel churny = build_capacity_model(seeds_inputs({"population.session.mean_online_s=300"}), full_deployment());
  const CapacityModel steady = build_capacity_model(seeds_inputs({"population.session.mean_online_s=36000"}), full_deployment());
  CHECK(steady.shares.route_cache_hit > churny.shares.route_cache_hit);
  CHECK(frames(steady, "websocket_manager", "lookup") < frames(churny, "websocket_manager", "lookup"));
}

TEST_CASE("capacity model: a scenario without users or chat servers is refused", "[analysis][capacity-model]") {
  Scenario s = seeds_inputs();
  s.deployment.chat_servers = 0;
  CHECK_THROWS_WITH(build_capacity_model(s, full_deployment()), Catch::Contains("deployment.chat_servers"));
}
