#include "analysis/plot_style.hpp"

namespace whatsim::gnuplot {

Figure report_figure(const std::string& what, int height_px) {
  Figure figure;
  figure.what = what;
  figure.style = {kFigureWidth_px, height_px, kFont};
  return figure;
}

std::string grid_settings() { return "set grid xtics ytics linecolor rgb " + quoted(kGridColour) + "\n"; }

std::string axes_settings(const std::string& title) {
  return "set title " + quoted(title) + " font " + quoted(kTitleFont) + "\n" + grid_settings() +
         "set key opaque box linecolor rgb " + quoted(kGridColour) + "\n";
}

}  // namespace whatsim::gnuplot
