#pragma once
// A sweep's figures: one chosen metric against one varied parameter, each point the mean over
// replications with its confidence interval as an error bar. When several parameters vary,
// each combination of the others' values is its own line, so no point averages over a
// parameter the reader cannot see.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/sweep_aggregate.hpp"

namespace whatsim {

struct SweepPoint {
  double x = 0;           // the parameter's value, or its index when the values are not numbers
  double mean = 0;
  double half_width = 0;  // 0 with one replication: no bar rather than no point
};

struct SweepLine {
  std::string title;  // the other parameters' values, "a=1, b=x"; empty when only one varies
  std::vector<SweepPoint> points;
};

struct SweepPlotData {
  // Numeric when every value of the parameter reads as a number (the axis is then to scale);
  // otherwise the values are categories at 0, 1, 2, ... labelled by x_labels.
  bool numeric_x = true;
  std::vector<std::string> x_labels;
  std::vector<SweepLine> lines;  // in the grid's order; a variant without the metric has no point
};

// The lines of `metric` against sweep.vary[parameter].
SweepPlotData sweep_plot_data(const SweepDefinition& sweep, const std::vector<VariantResult>& variants,
                              const std::string& metric, std::size_t parameter);

// Draws that figure as out_dir/<stem>.svg and .png (gnuplot_runner's guarantees). Returns false
// and sets *error (one line) when gnuplot fails.
bool write_sweep_plot(const SweepDefinition& sweep, const std::vector<VariantResult>& variants,
                      const std::string& metric, std::size_t parameter, const std::filesystem::path& out_dir,
                      const std::string& stem, std::string* error);

// A file stem for the figure of metric number `metric` and parameter number `parameter`,
// readable and unique within a sweep: "fig01-latency_ms_server_ack_p99-by-deployment_chat_servers".
std::string sweep_plot_stem(const std::string& metric, std::size_t metric_index, const std::string& parameter_path,
                            std::size_t parameter_index);

}  // namespace whatsim
