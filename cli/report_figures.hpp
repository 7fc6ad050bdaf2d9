#pragma once
// How the commands add a figure to their report.md: the PNG shown, the SVG linked (report.html
// inlines the SVG instead). A figure gnuplot could not draw costs the figure, with a warning on
// stderr, not the command.
#include <string>

namespace whatsim {

struct ReportFigure {
  std::string heading;
  std::string alt;
  const char* png;
  const char* svg;
};

void append_figure(std::string& markdown, const ReportFigure& figure, bool drawn, const std::string& plot_error);

}  // namespace whatsim
