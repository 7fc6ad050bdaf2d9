#pragma once
// The capacity report's figures: latency against load with its knee, utilization per tier
// (model against simulation), the latency CDF per class, and offline storage growing over the
// retention window. Each is drawn by gnuplot (gnuplot_runner.hpp) as NAME.svg, inlined by
// report.html, and NAME.png, linked from report.md. Identical input gives byte-identical
// files. Every writer creates out_dir if missing and returns false with *error set (one line,
// naming gnuplot when it is missing or fails; error may be null), leaving no partial file.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "analysis/capacity_model.hpp"
#include "analysis/latency_histogram.hpp"
#include "analysis/load_curve.hpp"

namespace whatsim {

// The files the writers below create in their out_dir; report.md links the PNGs.
inline constexpr const char* kLoadCurveSvgFile = "load_curve.svg";
inline constexpr const char* kLoadCurvePngFile = "load_curve.png";
inline constexpr const char* kUtilizationSvgFile = "utilization.svg";
inline constexpr const char* kUtilizationPngFile = "utilization.png";
inline constexpr const char* kLatencyCdfSvgFile = "latency_cdf.svg";
inline constexpr const char* kLatencyCdfPngFile = "latency_cdf.png";
inline constexpr const char* kStorageGrowthSvgFile = "storage_growth.svg";
inline constexpr const char* kStorageGrowthPngFile = "storage_growth.png";

// load_curve.{svg,png}: the modeled mean server_ack and delivered latency and the bottleneck
// tier's response per frame (ms, left log axis: a frame's time at a server is far below a path's) against the whole deployment's messages per
// second, the knee marked with a point and a label on the bottleneck's curve (where it is
// found), and the bottleneck tier's utilization (%, right axis). A curve
// without points gives a figure that says so.
bool write_load_curve_plot(const LoadCurve& curve, const std::string& title, const std::filesystem::path& out_dir,
                           std::string* error);

// One tier's CPU utilization, 0..1 (above 1: saturated), as the analytic model predicts it and
// as the simulation measured it; NaN for the side that has no figure (a tier not simulated, or
// a run compared with no model).
struct UtilizationBar {
  std::string tier;
  double model = 0;
  double simulated = 0;
};

// utilization.{svg,png}: per tier, in the given order, a model bar and a simulation bar, in
// percent from 0 to 100 (further when a bar is above 100 %, with 100 % marked). A side that is
// NaN for every tier is left out of the figure and its legend.
bool write_utilization_plot(const std::vector<UtilizationBar>& bars, const std::string& title,
                            const std::filesystem::path& out_dir, std::string* error);

// latency_cdf.{svg,png}: one curve per latency class (share of samples against latency in ms,
// log axis), classes in the map's order; classes without points, and points at 0 ms (no place
// on a log axis), are left out. Without any point the figure says so.
bool write_latency_cdf_plot(const std::map<std::string, std::vector<CdfPoint>>& cdf_by_class,
                            const std::string& title, const std::filesystem::path& out_dir, std::string* error);

// storage_growth.{svg,png}: stored message bytes at the end of each day of the retention
// window (storage.growth_bytes_by_day, day 1 first), in TB (10^12 bytes), and the storage
// capacity as a line when capacity_bytes > 0 (0: no capacity to compare with). Without days
// the figure says so.
bool write_storage_growth_plot(const StorageModel& storage, double capacity_bytes, const std::string& title,
                               const std::filesystem::path& out_dir, std::string* error);

}  // namespace whatsim
