#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/run_report.hpp"

using namespace whatsim;

namespace {

RunReport sample_report(bool full_scale) {
  RunReport r;
  r.scenario_name = "smoke";
  r.scenario_file = "scenarios/smoke.json";
  r.seed = 42;
  r.scale.users_modeled = 2000000000;
  r.scale.users_simulated = full_scale ? 2000000000 : 100000;
  r.scale.chat_servers_modeled = 1000;
  r.scale.chat_servers_simulated = full_scale ? 1000 : 1;
  r.scale.full_scale = full_scale;
  r.scale.simulated = "100000 users on one chat server, message by message";
  r.scale.extrapolated = full_scale ? "nothing" : "tier loads scaled by 20000";
  r.messages.sent = 1000;
  r.messages.delivered = 1900;
  LatencyHistogram h;
  for (int i = 1; i <= 100; ++i) h.add(i * 1.234567891);
  r.latency_ms["server_ack"] = h.summary();
  r.latency_ms["delivered"] = h.summary();
  TierReport t;
  t.name = "chat_server";
  t.servers = 1;
  t.cores_per_server = 48;
  t.cpu_utilization_mean = 0.123456789;
  t.memory_bytes_peak = 25e9;
  t.memory_bytes_capacity = 100e9;
  r.tiers.push_back(t);
  r.consistency.lost = 1;
  r.consistency.examples.push_back(Anomaly{"lost", MessageId{3, 4}, 7, 12.3456789, "stored, never delivered", {}});
  r.sim.simulated_seconds = 600;
  r.sim.frames = 123456;
  return r;
}

RunReport sample_group_report() {
  RunReport r = sample_report(false);
  GroupReport& g = r.groups;
  g.enabled = true;
  g.groups = 500;
  g.memberships = 4100;
  g.mean_members = 8.2;
  g.size_limit = 1024;
  g.messages = 3000;
  g.notices = 40;
  g.copies = 21000;
  g.deliveries = 20500;
  g.fanout_incomplete = 3;
  g.joins = 25;
  g.leaves = 15;
  g.joins_rejected = 1;
  g.member_lookups = 3040;
  g.cache_hits = 2900;
  g.cache_hit_ratio = 2900.0 / 3040.0;
  g.sender_keys = SenderKeyReport{60, 480, 48000, 1.5e7, 0.0075};
  g.partitions = 12;
  g.replication_factor = 3;
  g.acks = "all";
  g.partition_lag_max = 17;
  g.partition_lag_p99 = 4.5;
  g.brokers.push_back(BrokerReport{0, 0.0123456789, 1000000, 3000000, 1500});
  g.brokers.push_back(BrokerReport{1, 0.02, 900000, 2700000, 1540});
  r.consistency.group_order_disagreements = 2;
  r.latency_ms["group_delivered"] = r.latency_ms["delivered"];
  return r;
}

RunTiming sample_timing() { return RunTiming{12.5, 152.0, 512000000, 5120.0}; }

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (const auto& item : j.items()) out.push_back(item.key());
  return out;
}

}  // namespace

TEST_CASE("report.json has every section, in order", "[analysis][report]") {
  const auto j = to_json(sample_report(false));
  CHECK(keys(j) == std::vector<std::string>{"scenario", "messages", "latency_ms", "latency_breakdown", "tiers",
                                            "storage", "groups", "media", "crypto", "consistency", "availability",
                                            "replication", "sim"});
  CHECK(keys(j["scenario"]) == std::vector<std::string>{"name", "file", "seed", "full_scale", "users_modeled",
                                                        "users_simulated", "chat_servers_modeled",
                                                        "chat_servers_simulated", "cells", "simulated_cells", "file_lanes", "simulated",
                                                        "extrapolated"});
  CHECK(keys(j["latency_ms"]) == std::vector<std::string>{"delivered", "server_ack"});  // map order
  CHECK(keys(j["latency_ms"]["delivered"]) ==
        std::vector<std::string>{"count", "mean", "p50", "p90", "p99", "p999", "max"});
  CHECK(j["tiers"]["chat_server"]["memory_share_peak"] == 0.25);
  CHECK(j["tiers"]["chat_server"]["cpu_utilization_mean"] == 0.123457);  // six significant digits
  CHECK(j["consistency"]["examples"][0]["message"] == MessageId{3, 4}.packed());
  CHECK(j["sim"]["wall_clock"] == "run.json");
}

TEST_CASE("report.json prints identically twice and rounds doubles", "[analysis][report]") {
  const std::string a = to_json(sample_report(false)).dump(2);
  const std::string b = to_json(sample_report(false)).dump(2);
  CHECK(a == b);
  CHECK(a.find("\"mean\": 62.3457") != std::string::npos);  // 62.345678... cut to 6 digits
  CHECK(a.find("12.3457") != std::string::npos);
}

TEST_CASE("run.json holds the timing", "[analysis][report]") {
  const auto j = to_json(sample_timing());
  CHECK(keys(j) ==
        std::vector<std::string>{"wall_seconds", "messages_per_wall_second", "peak_rss_bytes", "rss_bytes_per_user"});
  CHECK(j["peak_rss_bytes"] == 512000000);
}

TEST_CASE("markdown warns about slices only", "[analysis][report]") {
  RunReport slice = sample_report(false);
  slice.scale.cells = 20000;
  slice.scale.simulated_cells = 1;
  const std::string reduced = to_markdown(slice, sample_timing());
  CHECK(reduced.find("# whatsim run: smoke") != std::string::npos);
  CHECK(reduced.find("**Slice: 1 of 20000 cells (100000 of 2000000000 users) simulated; the figures below are the "
                     "slice's.") != std::string::npos);
  CHECK(reduced.find("tier loads scaled by 20000") != std::string::npos);
  CHECK(reduced.find("| chat_server | 1 | 48 | 12.3 %") != std::string::npos);
  CHECK(reduced.find("stored, never delivered") != std::string::npos);

  const std::string full = to_markdown(sample_report(true), sample_timing());
  CHECK(full.find("Slice:") == std::string::npos);
}

TEST_CASE("report.json says only that groups are off when they are", "[analysis][report][group]") {
  const auto j = to_json(sample_report(false));
  CHECK(j["groups"] == nlohmann::ordered_json{{"enabled", false}});
  CHECK(j["groups"].dump() == "{\"enabled\":false}");
}

TEST_CASE("report.json has the group figures and the group consistency counts", "[analysis][report][group]") {
  const auto j = to_json(sample_group_report());
  CHECK(keys(j["groups"]) ==
        std::vector<std::string>{"enabled",         "groups",         "memberships",     "mean_members",
                                 "size_limit",      "messages",       "notices",         "copies",
                                 "deliveries",      "fanout_incomplete", "joins",        "leaves",
                                 "joins_rejected",  "member_lookups", "cache_hits",      "cache_hit_ratio",
                                 "sender_keys",     "partitions",     "replication_factor", "acks",
                                 "partition_lag_max", "partition_lag_p99", "brokers"});
  CHECK(keys(j["groups"]["sender_keys"]) ==
        std::vector<std::string>{"distributions", "pairwise_copies", "bytes", "phone_cycles", "phone_seconds"});
  CHECK(j["groups"]["enabled"] == true);
  CHECK(j["groups"]["cache_hit_ratio"] == 0.953947);  // six significant digits
  CHECK(j["groups"]["acks"] == "all");
  REQUIRE(j["groups"]["brokers"].size() == 2);
  CHECK(keys(j["groups"]["brokers"][0]) ==
        std::vector<std::string>{"index", "cpu_utilization", "bytes_in", "bytes_out", "records_appended"});
  CHECK(j["groups"]["brokers"][0]["cpu_utilization"] == 0.0123457);
  CHECK(j["groups"]["brokers"][1]["index"] == 1);
  CHECK(keys(j["consistency"]) ==
        std::vector<std::string>{"lost", "duplicated", "order_violations", "receipt_regressions", "missing_copies",
                                 "divergences", "acked_before_durable", "group_lost", "group_duplicated",
                                 "group_order_disagreements", "group_non_member_deliveries", "examples"});
  CHECK(j["consistency"]["group_order_disagreements"] == 2);
  CHECK(keys(j["latency_ms"]) == std::vector<std::string>{"delivered", "group_delivered", "server_ack"});
}

TEST_CASE("report.json with groups prints identically for equal input", "[analysis][report][group]") {
  const std::string a = to_json(sample_group_report()).dump(2);
  const std::string b = to_json(sample_group_report()).dump(2);
  CHECK(a == b);
  CHECK(a.find("\"groups\": {\n    \"enabled\": true,") != std::string::npos);
  CHECK(a != to_json(sample_report(false)).dump(2));
}

TEST_CASE("markdown has a group chat section only when groups are on", "[analysis][report][group]") {
  const std::string with_groups = to_markdown(sample_group_report(), sample_timing());
  CHECK(with_groups.find("## Group chat") != std::string::npos);
  CHECK(with_groups.find("| Member cache hits | 2900 (95.4 %) |") != std::string::npos);
  CHECK(with_groups.find("| Producer acks | all |") != std::string::npos);
  CHECK(with_groups.find("| 0 | 1.23 % | 1000000 | 3000000 | 1500 |") != std::string::npos);
  CHECK(with_groups.find("| Group order disagreements | 2 |") != std::string::npos);
  CHECK(with_groups.find("## Group chat") < with_groups.find("## Consistency"));

  const std::string without_groups = to_markdown(sample_report(false), sample_timing());
  CHECK(without_groups.find("## Group chat") == std::string::npos);
}

TEST_CASE("report.json writes an example's timeline only when one was attached", "[analysis][report][consistency]") {
  RunReport r = sample_report(false);
  CHECK(keys(to_json(r)["consistency"]["examples"][0]) ==
        std::vector<std::string>{"kind", "message", "device", "time", "detail"});
  r.consistency.examples[0].timeline = {"1.000000 sent seq 0 device 3", "1.020000 stored seq 1 device 7"};
  const auto example = to_json(r)["consistency"]["examples"][0];
  CHECK(keys(example) == std::vector<std::string>{"kind", "message", "device", "time", "detail", "timeline"});
  CHECK(example["timeline"][1] == "1.020000 stored seq 1 device 7");
  const std::string md = to_markdown(r, sample_timing());
  CHECK(md.find("stored, never delivered\n  - 1.000000 sent seq 0 device 3\n  - 1.020000 stored seq 1 device 7\n") !=
        std::string::npos);
}

TEST_CASE("the report carries divergences, acks before durability and the replication mode",
          "[analysis][report][consistency]") {
  RunReport r = sample_report(false);
  r.consistency.divergences = 3;
  r.consistency.acked_before_durable = 4;
  r.replication = "sync";
  const auto j = to_json(r);
  CHECK(j["consistency"]["divergences"] == 3);
  CHECK(j["consistency"]["acked_before_durable"] == 4);
  CHECK(j["replication"] == "sync");
  const std::string md = to_markdown(r, sample_timing());
  CHECK(md.find("Message-service replication: sync.") != std::string::npos);
  CHECK(md.find("| Divergences between a user's devices | 3 |") != std::string::npos);
  CHECK(md.find("| Acknowledged before durable | 4 |") != std::string::npos);
  CHECK(md.find("## Consistency") < md.find("## Availability"));
  CHECK(md.find("## Availability") < md.find("## Simulation and timing"));
}
