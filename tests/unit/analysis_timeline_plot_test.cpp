#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/timeline_plot.hpp"
#include "plot_test_support.hpp"

using namespace whatsim;
using namespace whatsim::plot_test;
namespace fs = std::filesystem;

namespace {

// Two windows of 10 s, the second hit by a crash: sends fail, latency rises, throughput drops.
AvailabilityReport two_windows_one_fault(const std::string& fault_label) {
  AvailabilityReport a;
  a.ack_within_s = 2;
  a.window_s = 10;
  a.windows.push_back(AvailabilityWindow{0, 100, 100, 1.0, 45.5, 900, 3});
  a.windows.push_back(AvailabilityWindow{10, 120, 60, 0.5, 310.25, 400, 250});
  a.faults.push_back(FaultWindow{fault_label, 12, 17});
  return a;
}

}  // namespace

TEST_CASE("the timeline plot writes an SVG and a PNG with the fault shaded and labelled", "[analysis][timeline-plot]") {
  const ScratchDir dir;
  std::string error;
  REQUIRE(write_timeline_plot(two_windows_one_fault("crash message_service[0]"), "small: crash", dir.path(), &error));
  CHECK(error.empty());

  const std::string svg = read_bytes(dir.path() / kTimelineSvgFile);
  REQUIRE_FALSE(svg.empty());
  CHECK((starts_with(svg, "<?xml") || starts_with(svg, "<svg")));
  CHECK(svg.find("</svg>") != std::string::npos);
  // Printed as given: not "message" with a subscripted "service[0]".
  CHECK(svg.find("crash message_service[0]") != std::string::npos);
  CHECK(svg.find("small: crash") != std::string::npos);
  // The shading: a translucent filled polygon in the fault's colour.
  CHECK(svg.find("fill-opacity = '0.200000'") != std::string::npos);
  CHECK(svg.find("rgb(214,  39,  40)") != std::string::npos);
  CHECK(svg.find("delivered copies / s") != std::string::npos);
  CHECK(svg.find("share acked within 2 s") != std::string::npos);
  CHECK(svg.find("mean send-to-ack, ms") != std::string::npos);
  CHECK(svg.find("frames waiting for a core") != std::string::npos);

  const std::string png = read_bytes(dir.path() / kTimelinePngFile);
  CHECK(starts_with(png, std::string("\x89PNG\r\n\x1a\n", 8)));
}

TEST_CASE("the timeline plot leaves only its two files in the output directory", "[analysis][timeline-plot]") {
  const ScratchDir dir;
  std::string error;
  REQUIRE(write_timeline_plot(two_windows_one_fault("crash"), "t", dir.path(), &error));
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{kTimelinePngFile, kTimelineSvgFile});
}

TEST_CASE("the timeline plot creates its output directory when it is missing", "[analysis][timeline-plot]") {
  const ScratchDir dir;
  const fs::path nested = dir.path() / "out" / "run";
  std::string error;
  REQUIRE(write_timeline_plot(two_windows_one_fault("crash"), "t", nested, &error));
  CHECK(fs::exists(nested / kTimelineSvgFile));
  CHECK(fs::exists(nested / kTimelinePngFile));
}

TEST_CASE("the same report gives a byte-identical timeline plot", "[analysis][timeline-plot]") {
  const ScratchDir first;
  const ScratchDir second;
  const AvailabilityReport report = two_windows_one_fault("partition isolate europe-africa");
  std::string error;
  REQUIRE(write_timeline_plot(report, "same", first.path(), &error));
  REQUIRE(write_timeline_plot(report, "same", second.path(), &error));
  const std::string svg = read_bytes(first.path() / kTimelineSvgFile);
  REQUIRE_FALSE(svg.empty());
  CHECK(svg == read_bytes(second.path() / kTimelineSvgFile));
  CHECK(read_bytes(first.path() / kTimelinePngFile) == read_bytes(second.path() / kTimelinePngFile));

  // Writing again over the first plot replaces it with the same bytes.
  REQUIRE(write_timeline_plot(report, "same", first.path(), &error));
  CHECK(read_bytes(first.path() / kTimelineSvgFile) == svg);
}

TEST_CASE("quotes, backslashes and gnuplot syntax in a label or title are drawn as text", "[analysis][timeline-plot]") {
  const ScratchDir dir;
  // Each would break or subvert a naively quoted script: closing quotes, escapes, gnuplot's
  // backquote command substitution and @macros, a line break that ends the command.
  const std::string label = "it's \"bad\" \\ \\\\ `touch pwned` @x $timeline";
  const std::string title = "a 'title'\nset output 'elsewhere'";
  std::string error;
  REQUIRE(write_timeline_plot(two_windows_one_fault(label), title, dir.path(), &error));
  const std::string svg = read_bytes(dir.path() / kTimelineSvgFile);
  // The SVG escapes & and < only; quotes and backslashes come through as they were.
  CHECK(svg.find("it's \"bad\" \\ \\\\ `touch pwned` @x $timeline") != std::string::npos);
  CHECK(svg.find("a 'title' set output 'elsewhere'") != std::string::npos);
  CHECK_FALSE(fs::exists("pwned"));
  CHECK_FALSE(fs::exists("elsewhere"));
}

TEST_CASE("a report without windows gives a figure that says there is nothing to plot", "[analysis][timeline-plot]") {
  const ScratchDir dir;
  AvailabilityReport empty;
  empty.faults.push_back(FaultWindow{"crash", 1, 2});  // nothing to draw it against
  std::string error;
  REQUIRE(write_timeline_plot(empty, "nothing", dir.path(), &error));
  const std::string svg = read_bytes(dir.path() / kTimelineSvgFile);
  CHECK(svg.find("no availability windows to plot") != std::string::npos);
  CHECK(starts_with(read_bytes(dir.path() / kTimelinePngFile), "\x89PNG"));
}

TEST_CASE("windows without an acknowledged send leave a gap in latency, not an error", "[analysis][timeline-plot]") {
  const ScratchDir dir;
  AvailabilityReport outage = two_windows_one_fault("partition");
  for (AvailabilityWindow& w : outage.windows) {
    w.acked_in_time = 0;
    w.share = 0;
    w.mean_ack_ms = 0;
    w.delivered = 0;
  }
  std::string error;
  CHECK(write_timeline_plot(outage, "outage", dir.path(), &error));
  CHECK(error.empty());
  CHECK(fs::exists(dir.path() / kTimelineSvgFile));
}

TEST_CASE("without gnuplot on PATH the timeline plot fails, names gnuplot and writes nothing",
          "[analysis][timeline-plot]") {
  const ScratchDir dir;
  const fs::path no_gnuplot_here = dir.path() / "empty-bin";
  fs::create_directories(no_gnuplot_here);
  const fs::path out = dir.path() / "out";
  std::string error;
  bool written = true;
  {
    const PathOverride path(no_gnuplot_here.string());
    written = write_timeline_plot(two_windows_one_fault("crash"), "t", out, &error);
  }
  CHECK_FALSE(written);
  CHECK(error.find("gnuplot") != std::string::npos);
  CHECK(error.find('\n') == std::string::npos);
  CHECK_FALSE(fs::exists(out / kTimelineSvgFile));
  CHECK_FALSE(fs::exists(out / kTimelinePngFile));
  CHECK_FALSE(fs::exists(out / (std::string(kTimelineSvgFile) + ".tmp")));
}

TEST_CASE("a failing gnuplot is reported with its exit status and leaves no file", "[analysis][timeline-plot]") {
  const ScratchDir dir;
  // A stand-in gnuplot that complains and fails, as gnuplot does on a bad script.
  const fs::path bin = dir.path() / "bin";
  fs::create_directories(bin);
  {
    std::ofstream fake(bin / "gnuplot");
    fake << "#!/bin/sh\necho 'line 3: unknown terminal type' >&2\nexit 1\n";
  }
  fs::permissions(bin / "gnuplot", fs::perms::owner_all);
  const fs::path out = dir.path() / "out";
  std::string error;
  bool written = true;
  {
    const PathOverride path(bin.string());
    written = write_timeline_plot(two_windows_one_fault("crash"), "t", out, &error);
  }
  CHECK_FALSE(written);
  CHECK(error == "gnuplot failed with exit status 1: line 3: unknown terminal type");
  CHECK(fs::is_empty(out));
}
