#include "cli/report_figures.hpp"

#include <iostream>

namespace whatsim {

void append_figure(std::string& markdown, const ReportFigure& figure, bool drawn, const std::string& plot_error) {
  if (!drawn) {
    std::cerr << "whatsim: warning: no " << figure.svg << ": " << plot_error << "\n";
    return;
  }
  markdown += "\n## " + figure.heading + "\n\n![" + figure.alt + "](" + figure.png + ")\n\nVector version: [" +
              figure.svg + "](" + figure.svg + ").\n";
}

}  // namespace whatsim
