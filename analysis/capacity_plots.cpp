#include "analysis/capacity_plots.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include "analysis/gnuplot_runner.hpp"
#include "analysis/plot_style.hpp"
#include "analysis/report_format.hpp"

namespace whatsim {

namespace fs = std::filesystem;

namespace {

using gnuplot::axes_settings;
using gnuplot::kBlue;
using gnuplot::kGap;
using gnuplot::kOrange;
using gnuplot::kTitleFont;
using gnuplot::number;
using gnuplot::quoted;
using gnuplot::report_figure;

// What the colours mean here, in the report palette (plot_style.hpp).
constexpr const char* kModelColour = kOrange;
constexpr const char* kSimulatedColour = kBlue;
constexpr const char* kKneeColour = gnuplot::kRed;
constexpr const char* kLimitColour = gnuplot::kGrey;  // 100 % utilization, storage capacity
constexpr double kKneePointSize = 1.6;
constexpr double kBarWidth = 0.38;        // in tiers: two bars and a gap fill one tier's slot
constexpr double kBarOffset = 0.2;        // each bar's centre from its tier's
constexpr double kHeadroom = 1.08;        // the axis reaches a little above the highest figure
constexpr double kPercentPerShare = 100;
constexpr double kBytesPerTB = 1e12;
constexpr int kLabelDigits = 3;

std::string cell(double x) { return std::isfinite(x) ? number(x) : kGap; }

// Three significant digits for a label, without trailing zeros: 960000, 0.8, 277.
std::string readable(double x) { return number(report_format::round_sig(x, kLabelDigits)); }

bool write(const gnuplot::Figure& figure, const fs::path& out_dir, const char* svg, const char* png,
           std::string* error) {
  return gnuplot::write_svg_and_png(figure, out_dir, svg, png, error);
}

// ---- latency against load ----

// The rate axis in a unit that keeps its tick labels short: a full deployment sends millions
// of messages a second, a reduced one hundreds.
struct RateUnit {
  double messages = 1;
  const char* label = "messages / s";
};

RateUnit rate_unit(const std::vector<LoadPoint>& points) {
  double top = 0;
  for (const LoadPoint& p : points) top = std::max(top, p.messages_per_s);
  if (top >= 1e6) return {1e6, "million messages / s"};
  if (top >= 1e3) return {1e3, "thousand messages / s"};
  return {};
}

// Columns: messages per second (in `unit`), server_ack ms, delivered ms, bottleneck utilization
// in %, bottleneck response ms.
std::string load_block(const std::vector<LoadPoint>& points, const RateUnit& unit) {
  std::string out = "$curve << EOD\n";
  for (const LoadPoint& p : points)
    out += number(p.messages_per_s / unit.messages) + " " + cell(p.server_ack_mean_ms) + " " +
           cell(p.delivered_mean_ms) + " " + cell(p.bottleneck_utilization * kPercentPerShare) + " " +
           cell(p.bottleneck_response_ms) + "\n";
  return out + "EOD\n";
}

// The knee as a labelled point on the bottleneck's response curve (where it is found), its
// text to the left (knees sit towards the right, near saturation); nothing when the index is
// not a point.
std::string knee_label(const LoadCurve& curve, const RateUnit& unit) {
  if (curve.knee >= curve.points.size()) return {};
  const LoadPoint& knee = curve.points[curve.knee];
  const std::string text = "knee: " + readable(knee.messages_per_s) + " messages/s (" +
                           readable(knee.load_factor) + "x load), " + readable(knee.bottleneck_response_ms) + " ms";
  return "set label 1 " + quoted(text) + " at first " + number(knee.messages_per_s / unit.messages) + ", first " +
         number(knee.bottleneck_response_ms) + " right point pointtype 7 pointsize " + number(kKneePointSize) +
         " linecolor rgb " + quoted(kKneeColour) + " offset character -1.2, 1 textcolor rgb " + quoted(kKneeColour) +
         " front\n";
}

std::string load_settings(const LoadCurve& curve, const std::string& title) {
  const std::string bottleneck = curve.bottleneck.empty() ? "the bottleneck" : curve.bottleneck;
  const RateUnit unit = rate_unit(curve.points);
  return load_block(curve.points, unit) + axes_settings(title) + "set key bottom right\n" + "set xlabel " +
         quoted(std::string(unit.label) + ", whole deployment") + "\nset xrange [0:*]\n" +
         "set ylabel 'modeled mean latency, ms (log scale)'\nset logscale y\nset yrange [*:*]\nset ytics nomirror\n" +
         "set y2label " + quoted("utilization of " + bottleneck + ", %") + "\nset y2range [0:" +
         number(kPercentPerShare) + "]\nset y2tics\n" + knee_label(curve, unit);
}

std::string load_drawing(const LoadCurve& curve) {
  const std::string bottleneck = curve.bottleneck.empty() ? "bottleneck" : curve.bottleneck;
  return "plot $curve using 1:2 with lines linewidth 2 linecolor rgb " + quoted(kBlue) +
         " title 'server_ack (one check)', '' using 1:3 with lines linewidth 2 linecolor rgb " + quoted(kOrange) +
         " title 'delivered (two checks)', '' using 1:5 with lines linewidth 2 linecolor rgb " + quoted(kKneeColour) +
         " title " + quoted(bottleneck + " response per frame") + ", '' using 1:4 axes x1y2 with lines dashtype 2 " +
         "linewidth 1.5 linecolor rgb " + quoted(kLimitColour) + " title 'utilization (right axis)'\n";
}

// ---- utilization per tier ----

bool any_finite(const std::vector<UtilizationBar>& bars, double UtilizationBar::*side) {
  return std::any_of(bars.begin(), bars.end(), [side](const UtilizationBar& b) { return std::isfinite(b.*side); });
}

double highest_percent(const std::vector<UtilizationBar>& bars) {
  double top = 0;
  for (const UtilizationBar& b : bars)
    for (double share : {b.model, b.simulated})
      if (std::isfinite(share)) top = std::max(top, share * kPercentPerShare);
  return top;
}

// Columns: slot, model %, simulation %. Tier names go on the axis as tic labels, not in the
// data, so any name is drawn as it is.
std::string bars_block(const std::vector<UtilizationBar>& bars) {
  std::string out = "$bars << EOD\n";
  for (std::size_t i = 0; i < bars.size(); ++i)
    out += std::to_string(i) + " " + cell(bars[i].model * kPercentPerShare) + " " +
           cell(bars[i].simulated * kPercentPerShare) + "\n";
  return out + "EOD\n";
}

std::string tier_tics(const std::vector<UtilizationBar>& bars) {
  std::string out = "set xtics nomirror rotate by -20 (";
  for (std::size_t i = 0; i < bars.size(); ++i) out += (i ? ", " : "") + quoted(bars[i].tier) + " " + std::to_string(i);
  return out + ")\n";
}

// Each bar's figure above it, so a lightly loaded tier still reads 0.0123 %, not an empty slot.
std::string bar_labels(const std::vector<UtilizationBar>& bars) {
  std::string out;
  int tag = 1;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double slot = static_cast<double>(i);
    const std::pair<double, double> share_at_x[] = {{bars[i].model, slot - kBarOffset},
                                                    {bars[i].simulated, slot + kBarOffset}};
    for (const auto& [share, x] : share_at_x) {
      if (!std::isfinite(share)) continue;
      out += "set label " + std::to_string(tag++) + " " + quoted(report_format::percent(share)) + " at first " +
             number(x) + ", first " + number(share * kPercentPerShare) + " center offset 0, 0.7 font ',8'\n";
    }
  }
  return out;
}

std::string utilization_settings(const std::vector<UtilizationBar>& bars, const std::string& title) {
  const double top = std::max(kPercentPerShare, highest_percent(bars)) * kHeadroom;
  std::string out = bars_block(bars) + axes_settings(title) + "set key top right\nunset xlabel\n" + tier_tics(bars) +
                    "set xrange [-0.6:" + number(static_cast<double>(bars.size()) - 0.4) + "]\n" +
                    "set ylabel 'CPU utilization, %'\nset yrange [0:" + number(top) + "]\n" +
                    "set style fill solid 0.85 border -1\nset boxwidth " + number(kBarWidth) + "\n" +
                    bar_labels(bars);
  // Saturation is the line that matters; past it the model's queues grow without bound.
  return out + "set arrow 1 from graph 0, first " + number(kPercentPerShare) + " to graph 1, first " +
         number(kPercentPerShare) + " nohead dashtype 2 linecolor rgb " + quoted(kLimitColour) + "\n";
}

std::string utilization_drawing(const std::vector<UtilizationBar>& bars) {
  std::vector<std::string> series;
  if (any_finite(bars, &UtilizationBar::model))
    series.push_back("$bars using ($1-" + number(kBarOffset) + "):2 with boxes linecolor rgb " +
                     quoted(kModelColour) + " title 'model'");
  if (any_finite(bars, &UtilizationBar::simulated))
    series.push_back("$bars using ($1+" + number(kBarOffset) + "):3 with boxes linecolor rgb " +
                     quoted(kSimulatedColour) + " title 'simulation'");
  std::string out = "plot ";
  for (std::size_t i = 0; i < series.size(); ++i) out += (i ? ", " : "") + series[i];
  return out + "\n";
}

// ---- latency CDF ----

using CdfByClass = std::map<std::string, std::vector<CdfPoint>>;

// One data block per class with a point to draw (latency > 0: the axis is logarithmic).
std::vector<std::pair<std::string, std::string>> cdf_blocks(const CdfByClass& cdf_by_class) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, points] : cdf_by_class) {
    std::string rows;
    for (const CdfPoint& p : points)
      if (p.latency_ms > 0 && std::isfinite(p.latency_ms)) rows += number(p.latency_ms) + " " + number(p.share) + "\n";
    if (!rows.empty()) out.emplace_back(name, "$cdf" + std::to_string(out.size()) + " << EOD\n" + rows + "EOD\n");
  }
  return out;
}

std::string cdf_settings(const std::vector<std::pair<std::string, std::string>>& blocks, const std::string& title) {
  std::string out;
  for (const auto& block : blocks) out += block.second;
  return out + axes_settings(title) + "set key bottom right\nset logscale x 10\nset grid mxtics\n" +
         "set xlabel 'latency, ms (log scale)'\nset ylabel 'share of samples at or below'\nset yrange [0:1]\n";
}

std::string cdf_drawing(const std::vector<std::pair<std::string, std::string>>& blocks) {
  std::string out = "plot ";
  for (std::size_t i = 0; i < blocks.size(); ++i)
    out += (i ? ", " : "") + std::string("$cdf") + std::to_string(i) + " using 1:2 with lines linewidth 2 title " +
           quoted(blocks[i].first);
  return out + "\n";
}

// ---- storage growth ----

std::string growth_settings(const std::vector<double>& bytes_by_day, double capacity_bytes, const std::string& title) {
  std::string out = "$growth << EOD\n";
  double top_tb = capacity_bytes / kBytesPerTB;
  for (std::size_t day = 0; day < bytes_by_day.size(); ++day) {
    out += std::to_string(day + 1) + " " + cell(bytes_by_day[day] / kBytesPerTB) + "\n";
    if (std::isfinite(bytes_by_day[day])) top_tb = std::max(top_tb, bytes_by_day[day] / kBytesPerTB);
  }
  out += "EOD\n" + axes_settings(title) + "set key bottom right\n";
  out += "set xlabel 'day of the retention window'\nset xrange [0:" + std::to_string(bytes_by_day.size()) + "]\n";
  // An explicit top: with every day at 0 an autoscaled axis would have nothing to scale to.
  const std::string yrange = top_tb > 0 ? "[0:" + number(top_tb * kHeadroom) + "]" : "[0:1]";
  return out + "set ylabel 'stored message bytes, TB'\nset yrange " + yrange + "\n";
}

std::string growth_drawing(double capacity_bytes) {
  std::string out = "plot $growth using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.6 linecolor rgb " +
                    quoted(kBlue) + " title 'stored at the end of the day'";
  if (capacity_bytes > 0)
    out += ", " + number(capacity_bytes / kBytesPerTB) + " with lines dashtype 2 linewidth 1.5 linecolor rgb " +
           quoted(kLimitColour) + " title " + quoted("capacity, " + readable(capacity_bytes / kBytesPerTB) + " TB");
  return out + "\n";
}

}  // namespace

bool write_load_curve_plot(const LoadCurve& curve, const std::string& title, const fs::path& out_dir,
                           std::string* error) {
  gnuplot::Figure figure = report_figure("load curve plot");
  if (curve.points.empty()) {
    figure.drawing = gnuplot::message_drawing(title, kTitleFont, "no load points to plot");
  } else {
    figure.settings = load_settings(curve, title);
    figure.drawing = load_drawing(curve);
  }
  return write(figure, out_dir, kLoadCurveSvgFile, kLoadCurvePngFile, error);
}

bool write_utilization_plot(const std::vector<UtilizationBar>& bars, const std::string& title,
                            const fs::path& out_dir, std::string* error) {
  gnuplot::Figure figure = report_figure("utilization plot");
  if (!any_finite(bars, &UtilizationBar::model) && !any_finite(bars, &UtilizationBar::simulated)) {
    figure.drawing = gnuplot::message_drawing(title, kTitleFont, "no utilization to plot");
  } else {
    figure.settings = utilization_settings(bars, title);
    figure.drawing = utilization_drawing(bars);
  }
  return write(figure, out_dir, kUtilizationSvgFile, kUtilizationPngFile, error);
}

bool write_latency_cdf_plot(const CdfByClass& cdf_by_class, const std::string& title, const fs::path& out_dir,
                            std::string* error) {
  gnuplot::Figure figure = report_figure("latency CDF plot");
  const auto blocks = cdf_blocks(cdf_by_class);
  if (blocks.empty()) {
    figure.drawing = gnuplot::message_drawing(title, kTitleFont, "no latency samples to plot");
  } else {
    figure.settings = cdf_settings(blocks, title);
    figure.drawing = cdf_drawing(blocks);
  }
  return write(figure, out_dir, kLatencyCdfSvgFile, kLatencyCdfPngFile, error);
}

bool write_storage_growth_plot(const StorageModel& storage, double capacity_bytes, const std::string& title,
                               const fs::path& out_dir, std::string* error) {
  gnuplot::Figure figure = report_figure("storage growth plot");
  if (storage.growth_bytes_by_day.empty()) {
    figure.drawing = gnuplot::message_drawing(title, kTitleFont, "no storage days to plot");
  } else {
    figure.settings = growth_settings(storage.growth_bytes_by_day, capacity_bytes, title);
    figure.drawing = growth_drawing(capacity_bytes);
  }
  return write(figure, out_dir, kStorageGrowthSvgFile, kStorageGrowthPngFile, error);
}

}  // namespace whatsim
