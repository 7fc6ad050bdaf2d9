#include <catch2/catch.hpp>

#include "analysis/numeric_figures.hpp"

using namespace whatsim;

TEST_CASE("numeric figures are named by JSON pointer and named array elements", "[unit][numeric-figures]") {
  const auto report = nlohmann::json::parse(R"({
    "latency_ms": {"delivered": {"p99": 300.5, "count": 12}},
    "scenario": {"name": "small", "full_scale": true},
    "rows": [{"figure": "cpu/chat", "model": 0.5}, {"figure": "x", "agrees": false}],
    "windows": [{"start_s": 0, "share": 1.0}],
    "a~b": 3
  })");
  const auto figures = numeric_figures(report);
  // Strings, booleans and the unnamed time series are not figures.
  REQUIRE(figures.size() == 4);
  CHECK(figures[0] == std::make_pair(std::string("/a~0b"), 3.0));
  CHECK(figures[1] == std::make_pair(std::string("/latency_ms/delivered/count"), 12.0));
  CHECK(figures[2] == std::make_pair(std::string("/latency_ms/delivered/p99"), 300.5));
  // The element is named by its "figure" field, escaped as a pointer token.
  CHECK(figures[3].first == "/rows/cpu~1chat/model");
}
