#include "analysis/sweep_plots.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>

#include "analysis/gnuplot_runner.hpp"
#include "analysis/plot_style.hpp"
#include "analysis/report_format.hpp"

namespace whatsim {

namespace fs = std::filesystem;

namespace {

using gnuplot::number;
using gnuplot::quoted;
using report_format::zero_padded;

// A colour per line, in the report palette's order (plot_style.hpp).
constexpr std::array<const char*, 6> kLineColours = {gnuplot::kBlue, gnuplot::kOrange, gnuplot::kGreen,
                                                     gnuplot::kRed,  gnuplot::kPurple, gnuplot::kBrown};
constexpr double kCategoryMargin = 0.5;  // categories sit at 0..k-1; half a slot either side
constexpr double kNumericMargin = 0.05;  // share of the x range left either side of the points
constexpr std::size_t kIndexDigits = 2;

// The whole text is one finite number ("4", "0.5", "1e3"); JSON strings and words are not.
bool reads_as_number(const std::string& text, double* value) {
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0' && std::isfinite(*value);
}

// The parameter's axis: its values as numbers when they all are, else category indexes.
std::vector<double> axis_positions(const VariedParameter& p, bool* numeric) {
  std::vector<double> positions;
  *numeric = true;
  for (const std::string& value : p.values) {
    double x = 0;
    *numeric = *numeric && reads_as_number(value, &x);
    positions.push_back(x);
  }
  if (!*numeric)
    for (std::size_t i = 0; i < positions.size(); ++i) positions[i] = static_cast<double>(i);
  return positions;
}

// "a=1, b=x": a variant's settings other than the plotted parameter's.
std::string others_title(const Variant& v, std::size_t parameter) {
  std::string title;
  for (std::size_t k = 0; k < v.settings.size(); ++k) {
    if (k == parameter) continue;
    title += (title.empty() ? "" : ", ") + v.settings[k].path + "=" + v.settings[k].value;
  }
  return title;
}

std::string slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (keep) out += c;
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::string data_blocks(const SweepPlotData& data) {
  std::string out;
  for (std::size_t i = 0; i < data.lines.size(); ++i) {
    out += "$line" + std::to_string(i) + " << EOD\n";
    for (const SweepPoint& p : data.lines[i].points)
      out += number(p.x) + " " + number(p.mean) + " " + number(p.half_width) + "\n";
    out += "EOD\n";
  }
  return out;
}

std::string x_axis(const SweepPlotData& data, const std::string& parameter) {
  std::string out = "set xlabel " + quoted(parameter) + "\n";
  if (data.numeric_x) return out + "set offsets graph " + number(kNumericMargin) + ", graph " + number(kNumericMargin) + ", 0, 0\n";
  out += "set xrange [" + number(-kCategoryMargin) + ":" + number(data.x_labels.size() - 1 + kCategoryMargin) + "]\nset xtics (";
  for (std::size_t i = 0; i < data.x_labels.size(); ++i)
    out += (i == 0 ? "" : ", ") + quoted(data.x_labels[i]) + " " + std::to_string(i);
  return out + ")\n";
}

std::string plot_settings(const SweepPlotData& data, const std::string& metric, const std::string& parameter,
                          const std::string& title) {
  return data_blocks(data) + gnuplot::axes_settings(title) + (data.lines.size() == 1 ? "unset key\n" : "") +
         x_axis(data, parameter) +
         // %g: whatever the figure's magnitude, tick labels stay distinct (3e-06, 3.5e-06).
         "set format y '%g'\nset ylabel " + quoted(metric + " (mean, 95 % interval)") + "\n";
}

std::string plot_drawing(const SweepPlotData& data) {
  std::string out = "plot ";
  for (std::size_t i = 0; i < data.lines.size(); ++i) {
    const std::string& title = data.lines[i].title;
    out += (i == 0 ? "" : ", ") + std::string("$line") + std::to_string(i) +
           " using 1:2:3 with yerrorlines linewidth 2 pointtype 7 linecolor rgb " +
           quoted(kLineColours[i % kLineColours.size()]) + (title.empty() ? " notitle" : " title " + quoted(title));
  }
  return out + "\n";
}

}  // namespace

SweepPlotData sweep_plot_data(const SweepDefinition& sweep, const std::vector<VariantResult>& variants,
                              const std::string& metric, std::size_t parameter) {
  SweepPlotData data;
  const VariedParameter& p = sweep.vary.at(parameter);
  const std::vector<double> positions = axis_positions(p, &data.numeric_x);
  if (!data.numeric_x) data.x_labels = p.values;
  std::map<std::string, std::size_t> line_of;  // others' title -> index in data.lines
  for (const VariantResult& v : variants) {
    const std::string title = others_title(v.variant, parameter);
    auto [it, first] = line_of.try_emplace(title, data.lines.size());
    if (first) data.lines.push_back(SweepLine{title, {}});
    const FigureSummary* f = v.find(metric);
    if (f == nullptr) continue;
    std::size_t value_index = 0;
    while (p.values[value_index] != v.variant.settings[parameter].value) ++value_index;
    data.lines[it->second].points.push_back({positions[value_index], f->mean, f->half_width.value_or(0.0)});
  }
  return data;
}

bool write_sweep_plot(const SweepDefinition& sweep, const std::vector<VariantResult>& variants,
                      const std::string& metric, std::size_t parameter, const fs::path& out_dir,
                      const std::string& stem, std::string* error) {
  const SweepPlotData data = sweep_plot_data(sweep, variants, metric, parameter);
  const std::string& path = sweep.vary.at(parameter).path;
  const std::string title = fs::path(sweep.scenario).stem().string() + ": " + metric + " by " + path;
  gnuplot::Figure figure = gnuplot::report_figure("sweep plot of " + metric);
  bool any_point = false;
  for (const SweepLine& line : data.lines) any_point = any_point || !line.points.empty();
  if (any_point) {
    figure.settings = plot_settings(data, metric, path, title);
    figure.drawing = plot_drawing(data);
  } else {
    figure.drawing = gnuplot::message_drawing(title, gnuplot::kTitleFont, "no run reported " + metric);
  }
  return gnuplot::write_svg_and_png(figure, out_dir, stem + ".svg", stem + ".png", error);
}

std::string sweep_plot_stem(const std::string& metric, std::size_t metric_index, const std::string& parameter_path,
                            std::size_t parameter_index) {
  return "m" + zero_padded(metric_index + 1, kIndexDigits) + "p" + zero_padded(parameter_index + 1, kIndexDigits) + "-" +
         slug(metric) + "-by-" + slug(parameter_path);
}

}  // namespace whatsim
