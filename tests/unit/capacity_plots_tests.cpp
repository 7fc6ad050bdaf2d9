#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "analysis/capacity_plots.hpp"
#include "plot_test_support.hpp"

using namespace whatsim;
using namespace whatsim::plot_test;
namespace fs = std::filesystem;

namespace {

constexpr double kNotSimulated = std::numeric_limits<double>::quiet_NaN();

// Hand-made model output: latency climbing towards saturation, the knee at the fourth point.
LoadCurve rising_curve() {
  LoadCurve curve;
  curve.bottleneck = "message_service";
  curve.saturation_factor = 1.25;
  for (int i = 1; i <= 6; ++i) {
    const double load = 0.2 * i;
    const double utilization = load / curve.saturation_factor;
    curve.points.push_back(LoadPoint{load, 1.2e6 * load, 80 + 20 / (1 - utilization), 200 + 60 / (1 - utilization),
                                     utilization, 0.5 / (1 - utilization)});
  }
  curve.knee = 3;
  return curve;
}

std::vector<UtilizationBar> tier_bars() {
  return {{"chat_server", 0.42, 0.40}, {"websocket_manager", 0.05, kNotSimulated}, {"message_service", 0.71, 0.69}};
}

std::map<std::string, std::vector<CdfPoint>> cdf_of_two_classes() {
  return {{"delivered", {{150, 0}, {210, 0.5}, {300, 0.9}, {900, 1}}},
          {"server_ack", {{40, 0}, {60, 0.5}, {95, 0.99}, {120, 1}}}};
}

StorageModel thirty_days() {
  StorageModel storage;
  for (int day = 1; day <= 30; ++day) storage.growth_bytes_by_day.push_back(10e12 * day);
  return storage;
}

// One capacity figure: how to write it, and the files it makes.
struct PlotCase {
  const char* svg;
  const char* png;
  std::function<bool(const fs::path&, std::string*)> write;
};

std::vector<PlotCase> every_plot() {
  return {
      {kLoadCurveSvgFile, kLoadCurvePngFile,
       [](const fs::path& dir, std::string* e) { return write_load_curve_plot(rising_curve(), "load", dir, e); }},
      {kUtilizationSvgFile, kUtilizationPngFile,
       [](const fs::path& dir, std::string* e) { return write_utilization_plot(tier_bars(), "tiers", dir, e); }},
      {kLatencyCdfSvgFile, kLatencyCdfPngFile,
       [](const fs::path& dir, std::string* e) { return write_latency_cdf_plot(cdf_of_two_classes(), "cdf", dir, e); }},
      {kStorageGrowthSvgFile, kStorageGrowthPngFile,
       [](const fs::path& dir, std::string* e) {
         return write_storage_growth_plot(thirty_days(), 400e12, "storage", dir, e);
       }},
  };
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("every capacity plot writes an SVG and a PNG", "[analysis][capacity-plots]") {
  for (const PlotCase& plot : every_plot()) {
    const ScratchDir dir;
    std::string error;
    INFO(plot.svg);
    REQUIRE(plot.write(dir.path() / "out", &error));
    CHECK(error.empty());
    CHECK(is_svg(read_bytes(dir.path() / "out" / plot.svg)));
    CHECK(is_png(read_bytes(dir.path() / "out" / plot.png)));
  }
}

TEST_CASE("the same input gives byte-identical capacity plots", "[analysis][capacity-plots]") {
  for (const PlotCase& plot : every_plot()) {
    const ScratchDir first;
    const ScratchDir second;
    INFO(plot.svg);
    REQUIRE(plot.write(first.path(), nullptr));
    REQUIRE(plot.write(second.path(), nullptr));
    const std::string svg = read_bytes(first.path() / plot.svg);
    REQUIRE_FALSE(svg.empty());
    CHECK(svg == read_bytes(second.path() / plot.svg));
    CHECK(read_bytes(first.path() / plot.png) == read_bytes(second.path() / plot.png));
  }
}

TEST_CASE("without gnuplot on PATH every capacity plot fails and writes nothing", "[analysis][capacity-plots]") {
  for (const PlotCase& plot : every_plot()) {
    const ScratchDir dir;
    const fs::path no_gnuplot_here = dir.path() / "empty-bin";
    fs::create_directories(no_gnuplot_here);
    const fs::path out = dir.path() / "out";
    std::string error;
    bool written = true;
    {
      const PathOverride path(no_gnuplot_here.string());
      written = plot.write(out, &error);
    }
    INFO(plot.svg);
    CHECK_FALSE(written);
    CHECK(contains(error, "gnuplot"));
    CHECK_FALSE(contains(error, "\n"));
    CHECK(fs::is_empty(out));  // not even a temporary file
  }
}

TEST_CASE("the load curve marks its knee and names the bottleneck", "[analysis][capacity-plots]") {
  const ScratchDir dir;
  REQUIRE(write_load_curve_plot(rising_curve(), "baseline: load", dir.path(), nullptr));
  const std::string svg = read_bytes(dir.path() / kLoadCurveSvgFile);
  CHECK(contains(svg, "baseline: load"));
  CHECK(contains(svg, "knee: 960000 messages/s (0.8x load)"));  // the fourth point: 0.8 x 1.2e6
  CHECK(contains(svg, "utilization of message_service, %"));
  CHECK(contains(svg, "server_ack (one check)"));
  CHECK(contains(svg, "delivered (two checks)"));
  CHECK(contains(svg, "million messages / s, whole deployment"));  // the rate reaches 1.44e6

  LoadCurve no_knee = rising_curve();
  no_knee.knee = no_knee.points.size();  // not a point: nothing to mark, no error
  REQUIRE(write_load_curve_plot(no_knee, "t", dir.path(), nullptr));
  CHECK_FALSE(contains(read_bytes(dir.path() / kLoadCurveSvgFile), "knee:"));
}

TEST_CASE("utilization bars show each tier with its figures and leave out a side without any",
          "[analysis][capacity-plots]") {
  const ScratchDir dir;
  REQUIRE(write_utilization_plot(tier_bars(), "tiers", dir.path(), nullptr));
  const std::string both = read_bytes(dir.path() / kUtilizationSvgFile);
  for (const char* tier : {"chat_server", "websocket_manager", "message_service"}) CHECK(contains(both, tier));
  CHECK(contains(both, "42 %"));
  CHECK(contains(both, "69 %"));
  CHECK(contains(both, ">model<"));
  CHECK(contains(both, ">simulation<"));

  std::vector<UtilizationBar> run_only = tier_bars();
  for (UtilizationBar& b : run_only) b.model = kNotSimulated;
  REQUIRE(write_utilization_plot(run_only, "tiers", dir.path(), nullptr));
  const std::string simulated = read_bytes(dir.path() / kUtilizationSvgFile);
  CHECK_FALSE(contains(simulated, ">model<"));
  CHECK(contains(simulated, ">simulation<"));
}

TEST_CASE("a saturated tier stretches the utilization axis past 100 percent", "[analysis][capacity-plots]") {
  const ScratchDir dir;
  std::vector<UtilizationBar> bars = tier_bars();
  bars[2].model = 1.5;
  REQUIRE(write_utilization_plot(bars, "saturated", dir.path(), nullptr));
  const std::string svg = read_bytes(dir.path() / kUtilizationSvgFile);
  CHECK(contains(svg, "150 %"));
  CHECK(contains(svg, "160<"));  // a tick above the bar: the axis was not cut at 100
}

TEST_CASE("the latency CDF draws one curve per class with points", "[analysis][capacity-plots]") {
  const ScratchDir dir;
  auto cdf = cdf_of_two_classes();
  cdf["read"] = {};                           // nothing measured: not drawn
  cdf["offline_delivery"] = {{0, 0}, {0, 1}};  // only zeros: no place on a log axis
  std::string error;
  REQUIRE(write_latency_cdf_plot(cdf, "classes", dir.path(), &error));
  const std::string svg = read_bytes(dir.path() / kLatencyCdfSvgFile);
  CHECK(contains(svg, ">delivered<"));
  CHECK(contains(svg, ">server_ack<"));
  CHECK_FALSE(contains(svg, ">read<"));
  CHECK_FALSE(contains(svg, ">offline_delivery<"));
  CHECK(contains(svg, "log scale"));
}

TEST_CASE("storage growth shows the capacity only when there is one", "[analysis][capacity-plots]") {
  const ScratchDir dir;
  REQUIRE(write_storage_growth_plot(thirty_days(), 400e12, "storage", dir.path(), nullptr));
  CHECK(contains(read_bytes(dir.path() / kStorageGrowthSvgFile), "capacity, 400 TB"));
  REQUIRE(write_storage_growth_plot(thirty_days(), 0, "storage", dir.path(), nullptr));
  const std::string svg = read_bytes(dir.path() / kStorageGrowthSvgFile);
  CHECK_FALSE(contains(svg, "capacity"));
  CHECK(contains(svg, "stored message bytes, TB"));
}

TEST_CASE("capacity plots with nothing to draw say so", "[analysis][capacity-plots]") {
  const ScratchDir dir;
  REQUIRE(write_load_curve_plot(LoadCurve{}, "t", dir.path(), nullptr));
  CHECK(contains(read_bytes(dir.path() / kLoadCurveSvgFile), "no load points to plot"));
  REQUIRE(write_utilization_plot({{"chat_server", kNotSimulated, kNotSimulated}}, "t", dir.path(), nullptr));
  CHECK(contains(read_bytes(dir.path() / kUtilizationSvgFile), "no utilization to plot"));
  REQUIRE(write_latency_cdf_plot({}, "t", dir.path(), nullptr));
  CHECK(contains(read_bytes(dir.path() / kLatencyCdfSvgFile), "no latency samples to plot"));
  REQUIRE(write_storage_growth_plot(StorageModel{}, 0, "t", dir.path(), nullptr));
  CHECK(contains(read_bytes(dir.path() / kStorageGrowthSvgFile), "no storage days to plot"));
}
