#pragma once
// The report's timeline figure: throughput, availability, queue depth and acknowledgement
// latency over simulated time, with every injected fault shaded, so a reader sees what each
// fault did and how long the system took to recover. gnuplot draws it, run as a child process
// (gnuplot_runner.hpp): plotting is its job, and the report stays readable without a plotting
// library linked into whatsim.
#include <filesystem>
#include <string>

#include "analysis/run_report.hpp"

namespace whatsim {

// The files write_timeline_plot creates in its out_dir; report.md links the PNG.
inline constexpr const char* kTimelineSvgFile = "timeline.svg";
inline constexpr const char* kTimelinePngFile = "timeline.png";

// Writes timeline.svg and timeline.png into out_dir (created if missing): a figure of four
// stacked panels over simulated time (throughput: delivered copies per second; availability:
// share of sends acknowledged in time; queue depth: frames waiting for a core on all servers
// at each window's end; latency: mean send-to-ack ms), every fault window shaded and
// labelled in each panel. A report without windows gives a figure that says so.
// Identical input gives byte-identical files. Returns false and sets *error (one line, naming
// gnuplot; error may be null) when gnuplot is missing or fails; files appear only complete
// (written to temporary names, then renamed), and a failure leaves no partial file behind.
bool write_timeline_plot(const AvailabilityReport& availability, const std::string& title,
                         const std::filesystem::path& out_dir, std::string* error);

}  // namespace whatsim
