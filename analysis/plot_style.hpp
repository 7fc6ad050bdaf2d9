#pragma once
// The look every report figure shares, so the figures of one report (and of a sweep) read as
// one set: one size and font, a light grid, the key in a box, and one palette (matplotlib's
// "tab10") in which blue is the first series of every figure. The same for every run, so
// none of it belongs in a scenario.
#include <string>

#include "analysis/gnuplot_runner.hpp"

namespace whatsim::gnuplot {

inline constexpr int kFigureWidth_px = 1000;
inline constexpr int kFigureHeight_px = 600;  // one panel; a figure of stacked panels is taller
inline constexpr const char* kFont = "sans,10";
inline constexpr const char* kTitleFont = ",12";
inline constexpr const char* kGridColour = "#dddddd";

// The palette, in the order a figure of several series takes it.
inline constexpr const char* kBlue = "#1f77b4";
inline constexpr const char* kOrange = "#ff7f0e";
inline constexpr const char* kGreen = "#2ca02c";
inline constexpr const char* kRed = "#d62728";
inline constexpr const char* kPurple = "#9467bd";
inline constexpr const char* kBrown = "#8c564b";
inline constexpr const char* kPink = "#e377c2";
inline constexpr const char* kGrey = "#7f7f7f";

// A value gnuplot leaves undefined: no point or bar there, and `with lines` breaks.
inline constexpr const char* kGap = "NaN";

// A figure to fill in, in the report's size and font; `what` names it in errors.
Figure report_figure(const std::string& what, int height_px = kFigureHeight_px);

// The light grid behind every figure with axes.
std::string grid_settings();

// The settings every figure with a single set of axes shares: its title, the grid, the key
// inside in a box.
std::string axes_settings(const std::string& title);

}  // namespace whatsim::gnuplot
