#pragma once
// Runs gnuplot as a child process to draw one figure as an SVG (for browsers and report.html)
// and a PNG (for report.md). Every report figure goes through here, so each gets the same
// guarantees: a script that cannot be subverted by the text it draws, numbers that do not
// depend on the process locale, files that appear only complete, and a one-line error naming
// gnuplot when it is missing or fails.
#include <filesystem>
#include <string>

namespace whatsim::gnuplot {

// A gnuplot string literal holding `text` as it is: single-quoted (no backslash escapes, no
// backquote command substitution, no @macros), a quote inside doubled, control characters
// (which would end the command) turned into spaces.
std::string quoted(const std::string& text);

// `x` as gnuplot reads it whatever the process locale, the same bytes for the same value;
// enough digits that nothing plotted is visibly rounded.
std::string number(double x);

// The drawing of a figure with nothing to show: its title (in `title_font`) and `message`
// where the axes would be, so a reader sees why rather than empty axes.
std::string message_drawing(const std::string& title, const std::string& title_font, const std::string& message);

// What a figure looks like on both terminals (a report figure's: plot_style.hpp).
struct FigureStyle {
  int width_px = 0;
  int height_px = 0;
  std::string font;  // gnuplot font spec, e.g. "sans,10"
};

// One figure to draw: `settings` (data blocks, axes, objects) are given once and outlive the
// terminal change; `drawing` (the plot commands) runs once per terminal.
struct Figure {
  std::string what;  // names the figure in errors, e.g. "timeline plot"
  FigureStyle style;
  std::string settings;
  std::string drawing;
};

// Writes out_dir/svg_file and out_dir/png_file (out_dir created if missing). Text is printed as
// given (noenhanced: "message_service" keeps its underscore); neither terminal writes a
// timestamp, so one figure gives the same bytes every time. Returns false and sets *error (one
// line; error may be null) when gnuplot is missing or fails or a file cannot be written; the
// files are drawn under temporary names and renamed when complete, so a failure leaves no
// partial file behind.
bool write_svg_and_png(const Figure& figure, const std::filesystem::path& out_dir, const std::string& svg_file,
                       const std::string& png_file, std::string* error);

}  // namespace whatsim::gnuplot
