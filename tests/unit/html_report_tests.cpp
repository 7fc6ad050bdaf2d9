#include <catch2/catch.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/capacity_plots.hpp"
#include "analysis/html_report.hpp"
#include "analysis/timeline_plot.hpp"
#include "plot_test_support.hpp"

using namespace whatsim;
using namespace whatsim::plot_test;
namespace fs = std::filesystem;

namespace {

// The parts of a gnuplot SVG that inlining must deal with: the XML prolog and doctype,
// namespace URLs, ids every gnuplot SVG repeats, references to them, and gnuplot's title.
constexpr const char* kGnuplotLikeSvg = R"(<?xml version="1.0" encoding="utf-8"  standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg 
 width="600" height="400"
 viewBox="0 0 600 400"
 xmlns="http://www.w3.org/2000/svg"
 xmlns:xlink="http://www.w3.org/1999/xlink"
>
<title>Gnuplot</title>
<g id="gnuplot_canvas">
<defs><circle id='gpDot' r='0.5'/><use xlink:href='#gpDot' id='gpPt6'/></defs>
<rect x="0" y="0" width="600" height="400" fill="#ffffff"/>
<text style='filter: url(#textbox)'>a label</text>
</g>
</svg>
)";

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Nothing in the page may fetch from, or lead to, the network.
void check_self_contained(const std::string& html) {
  CHECK_FALSE(contains(html, "http://"));
  CHECK_FALSE(contains(html, "https://"));
}

}  // namespace

TEST_CASE("an image whose SVG exists is inlined as that SVG with its own ids", "[analysis][html-report]") {
  const ScratchDir dir;
  write_text(dir.path() / "timeline.svg", kGnuplotLikeSvg);
  write_text(dir.path() / "timeline.png", "not read: the SVG wins");
  write_text(dir.path() / "latency_cdf.svg", kGnuplotLikeSvg);
  const std::string md = "# Run\n\n![Timeline of the run](timeline.png)\n\n![Latency CDF](latency_cdf.png)\n";
  const std::string html = markdown_to_html(md, dir.path(), "whatsim: small");

  CHECK(occurrences(html, "<svg") == 2);
  CHECK_FALSE(contains(html, "<?xml"));
  CHECK_FALSE(contains(html, "<!DOCTYPE svg"));
  CHECK_FALSE(contains(html, "not read"));
  check_self_contained(html);
  // Two figures defining the same ids would clash in one page: each gets its own.
  CHECK(contains(html, "id='figure1-gpDot'"));
  CHECK(contains(html, "id='figure2-gpDot'"));
  CHECK(contains(html, "xlink:href='#figure2-gpDot'"));
  CHECK(contains(html, "url(#figure1-textbox)"));
  CHECK(contains(html, "<title>Timeline of the run</title>"));
  CHECK(contains(html, "data-source=\"timeline.png\""));
  CHECK(contains(html, "<title>whatsim: small</title>"));
}

TEST_CASE("an image without an SVG is inlined as a PNG data URI", "[analysis][html-report]") {
  const ScratchDir dir;
  write_text(dir.path() / "plot.png", "abc");  // base64 "YWJj"
  const std::string html = markdown_to_html("![a plot](plot.png)\n", dir.path(), "t");
  CHECK(contains(html, "<img alt=\"a plot\" src=\"data:image/png;base64,YWJj\">"));
  CHECK(occurrences(html, "<svg") == 0);
  check_self_contained(html);
}

TEST_CASE("a figure whose files are missing keeps its local reference", "[analysis][html-report]") {
  const ScratchDir dir;
  const std::string html = markdown_to_html("![gone](gone.png)\n", dir.path(), "t");
  CHECK(contains(html, "src=\"gone.png\""));
  CHECK(contains(html, "class=\"figure\""));
  // The page's script marks what loaded, for readers and the browser test.
  CHECK(contains(html, "data-figures-loaded"));
}

TEST_CASE("Markdown tables are rendered as HTML tables", "[analysis][html-report]") {
  const ScratchDir dir;
  const std::string md = "| Tier | Servers |\n|---|---:|\n| chat_server | 4 |\n| message_service | 2 |\n";
  const std::string html = markdown_to_html(md, dir.path(), "t");
  CHECK(occurrences(html, "<table>") == 1);
  CHECK(contains(html, "<th>Tier</th>"));
  CHECK(contains(html, "<td>chat_server</td>"));
  CHECK(contains(html, "<td align=\"right\">4</td>"));
  CHECK_FALSE(contains(html, "|---"));
}

TEST_CASE("links to local files stay and links out of the file become text", "[analysis][html-report]") {
  const ScratchDir dir;
  const std::string md =
      "See [report.json](report.json) and [timeline.svg](timeline.svg), made with [SimGrid](https://simgrid.org) "
      "and [gnuplot](http://gnuplot.info); [click](javascript:alert(1)).\n\n![remote](https://example.com/x.png)\n";
  const std::string html = markdown_to_html(md, dir.path(), "t");
  CHECK(contains(html, "<a href=\"report.json\">report.json</a>"));
  CHECK(contains(html, "<a href=\"timeline.svg\">timeline.svg</a>"));
  CHECK(contains(html, "made with SimGrid and gnuplot; click."));
  CHECK(contains(html, "<p>remote</p>"));
  CHECK_FALSE(contains(html, "javascript:"));
  check_self_contained(html);
}

TEST_CASE("raw HTML in the Markdown is shown as text", "[analysis][html-report]") {
  const ScratchDir dir;
  const std::string md = "<script>alert(1)</script>\n\nA label <img src=x onerror=alert(2)> in a line.\n";
  const std::string html = markdown_to_html(md, dir.path(), "a <title> & more");
  CHECK(occurrences(html, "<script>") == 1);  // the page's own
  CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(html, "&lt;img src=x onerror=alert(2)&gt;"));
  CHECK_FALSE(contains(html, "<img src=x"));
  CHECK(contains(html, "<title>a &lt;title&gt; &amp; more</title>"));
}

TEST_CASE("real gnuplot figures inline as one SVG each and nothing refers outside the page",
          "[analysis][html-report]") {
  const ScratchDir dir;
  AvailabilityReport availability;
  availability.window_s = 10;
  availability.ack_within_s = 2;
  availability.windows.push_back(AvailabilityWindow{0, 10, 10, 1, 50, 20, 1});
  REQUIRE(write_timeline_plot(availability, "t", dir.path(), nullptr));
  REQUIRE(write_latency_cdf_plot({{"delivered", {{100, 0}, {200, 1}}}}, "t", dir.path(), nullptr));
  REQUIRE(write_utilization_plot({{"chat_server", 0.3, 0.2}}, "t", dir.path(), nullptr));
  const std::string md = "![timeline](timeline.png)\n\n![cdf](latency_cdf.png)\n\n![tiers](utilization.png)\n";
  const std::string html = markdown_to_html(md, dir.path(), "t");
  CHECK(occurrences(html, "<svg") == 3);
  CHECK(occurrences(html, "</svg>") == 3);
  CHECK(occurrences(html, "class=\"figure\"") == 3);
  check_self_contained(html);
}

TEST_CASE("the HTML report is written beside the Markdown with identical bytes each time", "[analysis][html-report]") {
  const ScratchDir dir;
  write_text(dir.path() / "timeline.svg", kGnuplotLikeSvg);
  write_text(dir.path() / "report.md", "# small\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![timeline](timeline.png)\n");
  std::string error;
  REQUIRE(write_html_report(dir.path() / "report.md", "whatsim: small", &error));
  CHECK(error.empty());
  const std::string html = read_bytes(dir.path() / "report.html");
  CHECK(starts_with(html, "<!DOCTYPE html>"));
  CHECK(html == markdown_to_html(read_bytes(dir.path() / "report.md"), dir.path(), "whatsim: small"));
  REQUIRE(write_html_report(dir.path() / "report.md", "whatsim: small", &error));
  CHECK(read_bytes(dir.path() / "report.html") == html);
  CHECK_FALSE(fs::exists(dir.path() / "report.html.tmp"));
}

TEST_CASE("an unreadable Markdown file gives a one-line error and no HTML", "[analysis][html-report]") {
  const ScratchDir dir;
  std::string error;
  CHECK_FALSE(write_html_report(dir.path() / "report.md", "t", &error));
  CHECK(contains(error, "report.md"));
  CHECK_FALSE(contains(error, "\n"));
  CHECK(fs::is_empty(dir.path()));
}
