#include "analysis/timeline_plot.hpp"

#include <algorithm>
#include <vector>

#include "analysis/gnuplot_runner.hpp"
#include "analysis/plot_style.hpp"
#include "analysis/report_format.hpp"

namespace whatsim {

namespace fs = std::filesystem;

namespace {

using gnuplot::kGap;
using gnuplot::kTitleFont;
using gnuplot::number;
using gnuplot::quoted;

// How the figure looks beyond the report style (plot_style.hpp).
constexpr int kFigureHeight_px = 1150;  // four panels stacked
constexpr const char* kFaultLabelFont = ",8";
constexpr const char* kSeriesColour = gnuplot::kBlue;
constexpr int kLeftMargin_chars = 12;
constexpr int kRightMargin_chars = 4;
// Overlapping faults stay apart: each gets the next colour, and its label the next row.
constexpr const char* kFaultColours[] = {gnuplot::kRed, gnuplot::kOrange, gnuplot::kPurple, gnuplot::kBrown,
                                         gnuplot::kPink};
constexpr double kFaultShadeOpacity = 0.2;
constexpr std::size_t kFaultLabelRows = 3;
constexpr double kFaultLabelTop_graph = 0.93;     // first row, as a fraction of the panel's height
constexpr double kFaultLabelRowStep_graph = 0.11;
constexpr double kAvailabilityTop = 1.05;         // a little above a share of 1, so the line stays visible
constexpr double kSamplePointSize = 0.6;          // queue depth: a dot per sample, so samples read as such

double window_end_s(const AvailabilityWindow& w, double window_s) { return w.start_s + window_s; }

// A window with no acknowledged sends has no mean latency (the report holds 0 there): a gap,
// not a fast window.
std::string latency_cell(const AvailabilityWindow& w) { return w.mean_ack_ms > 0 ? number(w.mean_ack_ms) : kGap; }

// Inline data (a heredoc), so gnuplot needs no file but the script. Each window is two rows,
// at its start and its end with the same values, so `with lines` draws it as a flat step over
// exactly the time it covers. Columns: time, copies per second, share acked in time, mean ack ms.
std::string data_block(const std::vector<AvailabilityWindow>& windows, double window_s) {
  std::string out = "$timeline << EOD\n";
  for (const AvailabilityWindow& w : windows) {
    const std::string values = number(report_format::share_of(static_cast<double>(w.delivered), window_s)) + " " +
                               number(w.share) + " " + latency_cell(w);
    out += number(w.start_s) + " " + values + "\n";
    out += number(window_end_s(w, window_s)) + " " + values + "\n";
  }
  return out + "EOD\n";
}

// Queue depth is a sample at each window's end, not a figure over the window: one row per
// window, at its end. Columns: time, frames waiting for a core on all servers.
std::string queue_block(const std::vector<AvailabilityWindow>& windows, double window_s) {
  std::string out = "$queue << EOD\n";
  for (const AvailabilityWindow& w : windows)
    out += number(window_end_s(w, window_s)) + " " + number(static_cast<double>(w.queued_frames)) + "\n";
  return out + "EOD\n";
}

struct TimeSpan {
  double start_s = 0;
  double end_s = 0;
};

// What the x axis covers: every window and every fault.
TimeSpan plotted_span(const std::vector<AvailabilityWindow>& windows, const AvailabilityReport& availability) {
  TimeSpan span{windows.front().start_s, window_end_s(windows.back(), availability.window_s)};
  for (const FaultWindow& f : availability.faults) {
    span.start_s = std::min({span.start_s, f.start_s, f.end_s});
    span.end_s = std::max({span.end_s, f.start_s, f.end_s});
  }
  if (span.end_s <= span.start_s) span.end_s = span.start_s + 1;  // gnuplot refuses an empty range
  return span;
}

// Objects and labels are set once and drawn by every panel, so each panel shades every fault.
std::string fault_commands(const std::vector<FaultWindow>& faults) {
  constexpr std::size_t colours = sizeof(kFaultColours) / sizeof(kFaultColours[0]);
  std::string out;
  for (std::size_t i = 0; i < faults.size(); ++i) {
    const FaultWindow& f = faults[i];
    const std::string tag = std::to_string(i + 1);
    const std::string colour = quoted(kFaultColours[i % colours]);
    const double label_y = kFaultLabelTop_graph - kFaultLabelRowStep_graph * static_cast<double>(i % kFaultLabelRows);
    out += "set object " + tag + " rect from first " + number(f.start_s) + ", graph 0 to first " + number(f.end_s) +
           ", graph 1 fillcolor rgb " + colour + " fillstyle transparent solid " + number(kFaultShadeOpacity) +
           " noborder behind\n";
    out += "set label " + tag + " " + quoted(f.label) + " at first " + number(f.start_s) + ", graph " +
           number(label_y) + " left offset character 0.4, 0 font " + quoted(kFaultLabelFont) +
           " textcolor rgb " + colour + " front\n";
  }
  return out;
}

bool any_latency(const std::vector<AvailabilityWindow>& windows) {
  return std::any_of(windows.begin(), windows.end(), [](const AvailabilityWindow& w) { return w.mean_ack_ms > 0; });
}

bool any_queue(const std::vector<AvailabilityWindow>& windows) {
  return std::any_of(windows.begin(), windows.end(), [](const AvailabilityWindow& w) { return w.queued_frames > 0; });
}

std::string availability_axis_label(double ack_within_s) {
  if (ack_within_s <= 0) return "share acked in time";
  return "share acked within " + number(report_format::round_sig(ack_within_s, 3)) + " s";
}

std::string panel(const std::string& ylabel, const std::string& yrange, int column) {
  return "set ylabel " + quoted(ylabel) + "\nset yrange " + yrange + "\nplot $timeline using 1:" +
         std::to_string(column) + " with lines linewidth 2 linecolor rgb " + quoted(kSeriesColour) +
         " notitle\n";
}

std::string queue_panel(const std::vector<AvailabilityWindow>& windows) {
  // All zero: an autoscaled axis would have nothing to scale to.
  const std::string yrange = any_queue(windows) ? "[0:*]" : "[0:1]";
  return "set ylabel 'frames waiting for a core'\nset yrange " + yrange +
         "\nplot $queue using 1:2 with linespoints linewidth 2 pointtype 7 pointsize " + number(kSamplePointSize) +
         " linecolor rgb " + quoted(kSeriesColour) + " notitle\n";
}

// Settings every pass (SVG, then PNG) shares; they outlive a terminal change.
std::string shared_settings(const std::vector<AvailabilityWindow>& windows, const AvailabilityReport& availability) {
  const TimeSpan span = plotted_span(windows, availability);
  std::string out = data_block(windows, availability.window_s) + queue_block(windows, availability.window_s);
  out += "unset key\n" + gnuplot::grid_settings();
  // Fixed margins line the panels' time axes up whatever their tick labels' widths.
  out += "set lmargin " + std::to_string(kLeftMargin_chars) + "\n";
  out += "set rmargin " + std::to_string(kRightMargin_chars) + "\n";
  out += "set xrange [" + number(span.start_s) + ":" + number(span.end_s) + "]\n";
  return out + fault_commands(availability.faults);
}

// Four panels sharing the time axis; only the bottom one names it.
std::string panels_figure(const std::vector<AvailabilityWindow>& windows, const AvailabilityReport& availability,
                          const std::string& title) {
  // With every window's latency a gap, autoscaling has nothing to scale to and gnuplot stops.
  const std::string latency_range = any_latency(windows) ? "[0:*]" : "[0:1]";
  return "set multiplot layout 4,1 title " + quoted(title) + " font " + quoted(kTitleFont) +
         "\nunset xlabel\n" + panel("delivered copies / s", "[0:*]", 2) +
         panel(availability_axis_label(availability.ack_within_s), "[0:" + number(kAvailabilityTop) + "]", 3) +
         queue_panel(windows) + "set xlabel 'simulated time, s'\n" + panel("mean send-to-ack, ms", latency_range, 4) +
         "unset multiplot\n";
}

std::vector<AvailabilityWindow> in_time_order(std::vector<AvailabilityWindow> windows) {
  std::stable_sort(windows.begin(), windows.end(),
                   [](const AvailabilityWindow& a, const AvailabilityWindow& b) { return a.start_s < b.start_s; });
  return windows;
}

}  // namespace

bool write_timeline_plot(const AvailabilityReport& availability, const std::string& title,
                         const fs::path& out_dir, std::string* error) {
  const std::vector<AvailabilityWindow> windows = in_time_order(availability.windows);
  gnuplot::Figure figure = gnuplot::report_figure("timeline plot", kFigureHeight_px);
  if (!windows.empty()) figure.settings = shared_settings(windows, availability);
  figure.drawing = windows.empty() ? gnuplot::message_drawing(title, kTitleFont, "no availability windows to plot")
                                   : panels_figure(windows, availability, title);
  return gnuplot::write_svg_and_png(figure, out_dir, kTimelineSvgFile, kTimelinePngFile, error);
}

}  // namespace whatsim
