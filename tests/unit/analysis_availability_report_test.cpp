#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/availability_report_writer.hpp"
#include "report_test_support.hpp"

using namespace whatsim;
using namespace whatsim::report_test;

namespace {

AvailabilityReport sample_availability() {
  AvailabilityReport a;
  a.ack_within_s = 2;
  a.window_s = 10;
  a.overall = 0.987654321;
  a.during_faults = 0.5;
  a.outside_faults = 0.999;
  a.faults.push_back(FaultWindow{"crash message_service[0]", 60, 90});
  a.faults.push_back(FaultWindow{"partition a|b", 120, 130});
  a.windows.push_back(AvailabilityWindow{50, 100, 99, 0.99, 201.234567, 180, 12});
  a.windows.push_back(AvailabilityWindow{60, 80, 40, 0.5, 1500, 90, 3400});
  a.recoveries.push_back(FaultRecovery{"crash message_service[0]", 90, 0.99, 200.5, 10, 20});
  a.recoveries.push_back(FaultRecovery{"partition a|b", 130, 0.99, 200.5, 5.5, -1});
  return a;
}

std::string markdown(const AvailabilityReport& a) {
  std::ostringstream out;
  availability_md(out, a);
  return out.str();
}

}  // namespace

TEST_CASE("availability JSON has its settings, shares, faults, recoveries and windows in order",
          "[analysis][report][availability]") {
  const Json j = availability_json(sample_availability());
  CHECK(keys(j) == std::vector<std::string>{"ack_within_s", "window_s", "overall", "during_faults", "outside_faults",
                                            "faults", "recoveries", "windows"});
  CHECK(j["overall"] == 0.987654);  // six significant digits
  REQUIRE(j["faults"].size() == 2);
  CHECK(keys(j["faults"][0]) == std::vector<std::string>{"label", "start_s", "end_s"});
  CHECK(j["faults"][1]["label"] == "partition a|b");
  REQUIRE(j["recoveries"].size() == 2);
  CHECK(keys(j["recoveries"][0]) ==
        std::vector<std::string>{"label", "healed_at_s", "pre_fault_share", "pre_fault_ack_ms",
                                 "availability_recovered_after_s", "latency_recovered_after_s"});
  CHECK(j["recoveries"][1]["latency_recovered_after_s"] == -1);
  REQUIRE(j["windows"].size() == 2);
  CHECK(keys(j["windows"][0]) ==
        std::vector<std::string>{"start_s", "sends", "acked_in_time", "share", "mean_ack_ms", "delivered",
                                 "queued_frames"});
  CHECK(j["windows"][0]["mean_ack_ms"] == 201.235);
  CHECK(j["windows"][1]["acked_in_time"] == 40);
  CHECK(j["windows"][1]["queued_frames"] == 3400);
}

TEST_CASE("a run without faults writes empty fault lists, not missing keys", "[analysis][report][availability]") {
  AvailabilityReport a;
  a.ack_within_s = 2;
  a.window_s = 10;
  const Json j = availability_json(a);
  CHECK(j["faults"] == Json::array());
  CHECK(j["recoveries"] == Json::array());
  CHECK(j["during_faults"] == 1);
  CHECK(contains(markdown(a), "No faults injected."));
}

TEST_CASE("availability markdown shows the shares and each fault's recovery, not the windows",
          "[analysis][report][availability]") {
  const std::string md = markdown(sample_availability());
  CHECK(contains(md, "## Availability"));
  CHECK(contains(md, "acknowledged (one check) within 2 s; measured over 2 windows of 10 s"));
  CHECK(contains(md, "| All | 98.8 % |"));
  CHECK(contains(md, "| During faults | 50 % |"));
  CHECK(contains(md, "| Outside faults | 99.9 % |"));
  CHECK(contains(md, "99 % acknowledged in time, mean acknowledgement 200.5 ms"));
  CHECK(contains(md, "| crash message_service[0] | 60.000 | 90.000 | 10.000 | 20.000 |"));
  CHECK(contains(md, "| partition a\\|b | 120.000 | 130.000 | 5.500 | never |"));
  CHECK(!contains(md, "1500"));  // a window's figures are for the JSON and the plot
}

TEST_CASE("report.json has the availability section after consistency, then the replication mode",
          "[analysis][report][availability]") {
  RunReport r;
  r.availability = sample_availability();
  r.replication = "async";
  const Json j = to_json(r);
  const auto k = keys(j);
  const auto at = [&k](const std::string& key) { return std::find(k.begin(), k.end(), key) - k.begin(); };
  CHECK(at("availability") == at("consistency") + 1);
  CHECK(at("replication") == at("availability") + 1);
  CHECK(j["availability"] == availability_json(r.availability));
  CHECK(j["replication"] == "async");
  CHECK(contains(to_markdown(r, sample_timing()), "| crash message_service[0] | 60.000 |"));
}

TEST_CASE("availability markdown says when no window came before the first fault", "[analysis][report][availability]") {
  AvailabilityReport a = sample_availability();
  for (FaultRecovery& r : a.recoveries) r = FaultRecovery{r.label, r.healed_at_s, 1, 0, -1, -1};
  const std::string md = markdown(a);
  CHECK(contains(md, "no pre-fault level to recover to"));
  CHECK(!contains(md, "Pre-fault level"));
  CHECK(contains(md, "| crash message_service[0] | 60.000 | 90.000 | never | never |"));
}
