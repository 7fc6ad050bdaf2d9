#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/expectations.hpp"

using namespace whatsim;
using Json = nlohmann::ordered_json;

namespace {

// A cut-down report.json: the shapes expectations meet in a real one.
Json sample_report() {
  return Json::parse(R"({
    "latency_ms": {"delivered": {"count": 292, "p50": 301.368, "p99": 26837.7}},
    "messages": {"sent": 1000, "acknowledged": 990},
    "groups": {"enabled": false},
    "scenario": {"name": "small"},
    "media": {"pops": [{"name": "eu-pop0", "hit_ratio": 0.75}, {"name": "us-pop0", "hit_ratio": 0.5}]},
    "availability": {"during_faults": 0.6, "faults": []},
    "consistency": {"lost": 0, "duplicated": 2, "order_violations": 0, "examples": [{"kind": "duplicated"}]}
  })");
}

ExpectationResult check(const std::string& text) { return evaluate(parse_expectation(text), sample_report()); }

// The reason parse_expectation gives for `text`, or "" when it parses.
std::string rejection(const std::string& text) {
  try {
    parse_expectation(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("an expectation is parsed into its path, comparison and bound", "[analysis][expectations]") {
  const Expectation e = parse_expectation("latency_ms.delivered.p99 <= 300");
  CHECK(e.text == "latency_ms.delivered.p99 <= 300");
  CHECK(e.path == "latency_ms.delivered.p99");
  CHECK(e.keys == std::vector<std::string>{"latency_ms", "delivered", "p99"});
  CHECK(e.comparison == Comparison::less_equal);
  CHECK(e.bound == 300);
}

TEST_CASE("every comparison operator is read, with or without spaces around it", "[analysis][expectations]") {
  CHECK(parse_expectation("a <= 1").comparison == Comparison::less_equal);
  CHECK(parse_expectation("a < 1").comparison == Comparison::less);
  CHECK(parse_expectation("a >= 1").comparison == Comparison::greater_equal);
  CHECK(parse_expectation("a > 1").comparison == Comparison::greater);
  CHECK(parse_expectation("a == 1").comparison == Comparison::equal);
  CHECK(parse_expectation("a != 1").comparison == Comparison::not_equal);
  const Expectation tight = parse_expectation("  consistency.lost==0 ");
  CHECK(tight.path == "consistency.lost");
  CHECK(tight.comparison == Comparison::equal);
  CHECK(tight.text == "consistency.lost==0");
  CHECK(std::string(to_string(Comparison::not_equal)) == "!=");
}

TEST_CASE("bounds are JSON numbers: integers, decimals, negatives and exponents", "[analysis][expectations]") {
  CHECK(parse_expectation("a <= 0.5").bound == 0.5);
  CHECK(parse_expectation("a <= 1e3").bound == 1000);
  CHECK(parse_expectation("a >= -2.5").bound == -2.5);
  CHECK(parse_expectation("a <= 1E-3").bound == 0.001);
}

TEST_CASE("array elements are addressed as key[N] or key.N", "[analysis][expectations]") {
  CHECK(parse_expectation("media.pops[1].hit_ratio >= 0.5").keys ==
        std::vector<std::string>{"media", "pops", "1", "hit_ratio"});
  CHECK(parse_expectation("media.pops.1.hit_ratio >= 0.5").keys ==
        std::vector<std::string>{"media", "pops", "1", "hit_ratio"});
  CHECK(check("media.pops[1].hit_ratio == 0.5").holds);
  CHECK(check("media.pops.0.hit_ratio == 0.75").holds);
}

TEST_CASE("malformed expectations are refused with the text and what is allowed", "[analysis][expectations]") {
  CHECK_THAT(rejection(""), Catch::Contains("empty") && Catch::Contains("PATH OP NUMBER"));
  CHECK_THAT(rejection("latency_ms.delivered.p99"),
             Catch::Contains("no comparison") && Catch::Contains("<= < >= > == !="));
  CHECK_THAT(rejection("<= 300"), Catch::Contains("no PATH"));
  CHECK_THAT(rejection("consistency.lost ="), Catch::Contains("'=' is not a comparison"));
  CHECK_THAT(rejection("consistency.lost = 0"), Catch::Contains("'=' is not a comparison"));
  CHECK_THAT(rejection("consistency.lost => 0"), Catch::Contains("'=' is not a comparison"));
  CHECK_THAT(rejection("consistency.lost ! 0"), Catch::Contains("'!' is not a comparison"));
  CHECK_THAT(rejection("consistency.lost =="), Catch::Contains("no NUMBER"));
  CHECK_THAT(rejection("consistency.lost <= <= 0"), Catch::Contains("is not a number"));
  CHECK_THAT(rejection("latency_ms.delivered.p99 <= 300ms"), Catch::Contains("\"300ms\" is not a number"));
  CHECK_THAT(rejection("a <= .5"), Catch::Contains("not a number"));
  CHECK_THAT(rejection("a <= inf"), Catch::Contains("not a number"));
  CHECK_THAT(rejection("a <= 0x10"), Catch::Contains("not a number"));
  CHECK_THAT(rejection("a <= \"3\""), Catch::Contains("not a finite number"));
  CHECK_THAT(rejection("a <= true"), Catch::Contains("not a finite number"));
  CHECK_THAT(rejection("a <= 1e999"), Catch::Contains("number"));
  CHECK_THAT(rejection("latency_ms..p99 <= 3"), Catch::Contains("empty key"));
  CHECK_THAT(rejection(".p99 <= 3"), Catch::Contains("empty key"));
  CHECK_THAT(rejection("latency ms <= 3"), Catch::Contains("' ' in PATH"));
  CHECK_THAT(rejection("pops[x] <= 3"), Catch::Contains("[N]"));
  CHECK_THAT(rejection("pops[1 <= 3"), Catch::Contains("[N]"));
  CHECK_THAT(rejection("pops[1]x <= 3"), Catch::Contains("nothing may follow ]"));
  CHECK_THAT(rejection("consistency.lost = 0"), Catch::StartsWith("\"consistency.lost = 0\": "));
}

TEST_CASE("each operator decides against the report's figure", "[analysis][expectations]") {
  // p99 is 26837.7: each operator on both sides of it, and on it.
  CHECK(check("latency_ms.delivered.p99 <= 26837.7").holds);
  CHECK_FALSE(check("latency_ms.delivered.p99 <= 300").holds);
  CHECK(check("latency_ms.delivered.p99 < 30000").holds);
  CHECK_FALSE(check("latency_ms.delivered.p99 < 26837.7").holds);
  CHECK(check("latency_ms.delivered.p99 >= 26837.7").holds);
  CHECK_FALSE(check("latency_ms.delivered.p99 >= 30000").holds);
  CHECK(check("latency_ms.delivered.p99 > 300").holds);
  CHECK_FALSE(check("latency_ms.delivered.p99 > 26837.7").holds);
  CHECK(check("consistency.lost == 0").holds);
  CHECK_FALSE(check("consistency.duplicated == 0").holds);
  CHECK(check("consistency.duplicated != 0").holds);
  CHECK_FALSE(check("consistency.lost != 0").holds);
}

TEST_CASE("a decided result carries the figure as report.json writes it", "[analysis][expectations]") {
  const ExpectationResult p99 = check("latency_ms.delivered.p99 <= 300");
  CHECK(p99.decided);
  CHECK(p99.actual == 26837.7);
  CHECK(p99.message == "26837.7");
  CHECK(p99.text == "latency_ms.delivered.p99 <= 300");
  CHECK(check("messages.sent >= 1").message == "1000");
  CHECK(check("availability.during_faults >= 0.5").actual == 0.6);
}

TEST_CASE("a path the report does not have is undecided, and says what is there", "[analysis][expectations]") {
  const ExpectationResult missing = check("latency_ms.delivred.p99 <= 300");
  CHECK_FALSE(missing.decided);
  CHECK_FALSE(missing.holds);
  CHECK(missing.message == "report.json has no latency_ms.delivred (latency_ms has: delivered)");
  CHECK(check("nope <= 3").message ==
        "report.json has no nope (report.json has: latency_ms, messages, groups, scenario, media, availability, "
        "consistency)");
  CHECK(check("media.pops[2].hit_ratio <= 1").message ==
        "report.json has no media.pops.2 (media.pops is an array: index it from 0 to 1)");
  CHECK(check("availability.faults[0] <= 1").message ==
        "report.json has no availability.faults.0 (availability.faults is an empty array)");
  CHECK(check("messages.sent.total <= 1").message ==
        "report.json has no messages.sent.total (messages.sent is a number, it has no keys)");
  CHECK_FALSE(check("media.pops.first.hit_ratio <= 1").decided);
}

TEST_CASE("a path to something that is not a number is undecided", "[analysis][expectations]") {
  const ExpectationResult object = check("latency_ms.delivered >= 1");
  CHECK_FALSE(object.decided);
  CHECK(object.message == "latency_ms.delivered is an object in report.json, not a number");
  CHECK_FALSE(check("scenario.name == 1").decided);
  CHECK_FALSE(check("groups.enabled == 0").decided);  // a boolean is no number
  CHECK_FALSE(check("media.pops >= 1").decided);
  CHECK(check("media.pops >= 1").message == "media.pops is an array in report.json, not a number");
}

TEST_CASE("the checker's verdict is one expectation of zero per anomaly count, not the examples",
          "[analysis][expectations]") {
  const std::vector<Expectation> classes = anomaly_expectations(sample_report());
  REQUIRE(classes.size() == 3);
  CHECK(classes[0].text == "consistency.lost == 0");
  CHECK(classes[1].text == "consistency.duplicated == 0");
  CHECK(classes[2].text == "consistency.order_violations == 0");
  CHECK(evaluate(classes[0], sample_report()).holds);
  const ExpectationResult duplicated = evaluate(classes[1], sample_report());
  CHECK(duplicated.decided);
  CHECK_FALSE(duplicated.holds);
  CHECK(duplicated.actual == 2);
}

TEST_CASE("a report without a consistency object leaves the checker's verdict undecided",
          "[analysis][expectations]") {
  Json report = sample_report();
  report.erase("consistency");
  const std::vector<Expectation> classes = anomaly_expectations(report);
  REQUIRE(classes.size() == 1);
  CHECK(classes[0].text == "consistency == 0");
  CHECK_FALSE(evaluate(classes[0], report).decided);
}

TEST_CASE("a failure outranks an undecided check, which outranks passes", "[analysis][expectations]") {
  ExpectationResult pass;
  pass.decided = true;
  pass.holds = true;
  ExpectationResult fail;
  fail.decided = true;
  ExpectationResult unknown;
  CHECK(overall_verdict({}) == Verdict::holds);
  CHECK(overall_verdict({pass, pass}) == Verdict::holds);
  CHECK(overall_verdict({pass, unknown}) == Verdict::undecided);
  CHECK(overall_verdict({unknown, fail, pass}) == Verdict::fails);
  CHECK(overall_verdict({pass, fail}) == Verdict::fails);
}
