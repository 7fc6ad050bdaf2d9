#include "analysis/timeline_plot.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <locale>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "analysis/report_format.hpp"

extern char** environ;

namespace whatsim {

namespace fs = std::filesystem;

namespace {

// How the figure looks. The same for every run, so none of it belongs in a scenario.
constexpr int kFigureWidth_px = 1000;
constexpr int kFigureHeight_px = 900;
constexpr const char* kFont = "sans,10";
constexpr const char* kTitleFont = ",12";
constexpr const char* kFaultLabelFont = ",8";
constexpr const char* kSeriesColour = "#1f77b4";
constexpr const char* kGridColour = "#dddddd";
constexpr int kLeftMargin_chars = 12;
constexpr int kRightMargin_chars = 4;
// Overlapping faults stay apart: each gets the next colour, and its label the next row.
constexpr const char* kFaultColours[] = {"#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"};
constexpr double kFaultShadeOpacity = 0.2;
constexpr std::size_t kFaultLabelRows = 3;
constexpr double kFaultLabelTop_graph = 0.93;     // first row, as a fraction of the panel's height
constexpr double kFaultLabelRowStep_graph = 0.11;
constexpr double kAvailabilityTop = 1.05;         // a little above a share of 1, so the line stays visible
constexpr int kDataDigits = 10;                   // enough that nothing plotted is visibly rounded
constexpr const char* kGap = "NaN";               // undefined to gnuplot: `with lines` breaks there

// A gnuplot string literal holding `text` as it is. Single-quoted strings are taken literally
// (no backslash escapes, no backquote command substitution, no @macros); a quote inside is
// doubled. A line break would end the command, so control characters become spaces.
std::string gnuplot_string(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "''";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Numbers as gnuplot reads them whatever the process locale, and the same bytes for the same value.
std::string number(double x) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out.precision(kDataDigits);
  out << x;
  return out.str();
}

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
    const std::string colour = gnuplot_string(kFaultColours[i % colours]);
    const double label_y = kFaultLabelTop_graph - kFaultLabelRowStep_graph * static_cast<double>(i % kFaultLabelRows);
    out += "set object " + tag + " rect from first " + number(f.start_s) + ", graph 0 to first " + number(f.end_s) +
           ", graph 1 fillcolor rgb " + colour + " fillstyle transparent solid " + number(kFaultShadeOpacity) +
           " noborder behind\n";
    out += "set label " + tag + " " + gnuplot_string(f.label) + " at first " + number(f.start_s) + ", graph " +
           number(label_y) + " left offset character 0.4, 0 font " + gnuplot_string(kFaultLabelFont) +
           " textcolor rgb " + colour + " front\n";
  }
  return out;
}

bool any_latency(const std::vector<AvailabilityWindow>& windows) {
  return std::any_of(windows.begin(), windows.end(), [](const AvailabilityWindow& w) { return w.mean_ack_ms > 0; });
}

std::string availability_axis_label(double ack_within_s) {
  if (ack_within_s <= 0) return "share acked in time";
  return "share acked within " + number(report_format::round_sig(ack_within_s, 3)) + " s";
}

std::string panel(const std::string& ylabel, const std::string& yrange, int column) {
  return "set ylabel " + gnuplot_string(ylabel) + "\nset yrange " + yrange + "\nplot $timeline using 1:" +
         std::to_string(column) + " with lines linewidth 2 linecolor rgb " + gnuplot_string(kSeriesColour) +
         " notitle\n";
}

// Settings every pass (SVG, then PNG) shares; they outlive a terminal change.
std::string shared_settings(const std::vector<AvailabilityWindow>& windows, const AvailabilityReport& availability) {
  const TimeSpan span = plotted_span(windows, availability);
  std::string out = data_block(windows, availability.window_s);
  out += "unset key\nset grid xtics ytics linecolor rgb " + gnuplot_string(kGridColour) + "\n";
  // Fixed margins line the three panels' time axes up whatever their tick labels' widths.
  out += "set lmargin " + std::to_string(kLeftMargin_chars) + "\n";
  out += "set rmargin " + std::to_string(kRightMargin_chars) + "\n";
  out += "set xrange [" + number(span.start_s) + ":" + number(span.end_s) + "]\n";
  return out + fault_commands(availability.faults);
}

// Three panels sharing the time axis; only the bottom one names it.
std::string panels_figure(const std::vector<AvailabilityWindow>& windows, const AvailabilityReport& availability,
                          const std::string& title) {
  // With every window's latency a gap, autoscaling has nothing to scale to and gnuplot stops.
  const std::string latency_range = any_latency(windows) ? "[0:*]" : "[0:1]";
  return "set multiplot layout 3,1 title " + gnuplot_string(title) + " font " + gnuplot_string(kTitleFont) +
         "\nunset xlabel\n" + panel("delivered copies / s", "[0:*]", 2) +
         panel(availability_axis_label(availability.ack_within_s), "[0:" + number(kAvailabilityTop) + "]", 3) +
         "set xlabel 'simulated time, s'\n" + panel("mean send-to-ack, ms", latency_range, 4) + "unset multiplot\n";
}

// With nothing measured, the figure says so rather than showing empty axes.
std::string empty_figure(const std::string& title) {
  return "unset border\nunset tics\nunset key\nset xrange [0:1]\nset yrange [0:1]\nset title " +
         gnuplot_string(title) + " font " + gnuplot_string(kTitleFont) +
         "\nset label 1 'no availability windows to plot' at graph 0.5, graph 0.5 center\nplot NaN notitle\n";
}

std::string terminal(const std::string& name) {
  return "set terminal " + name + " size " + std::to_string(kFigureWidth_px) + "," + std::to_string(kFigureHeight_px) +
         " noenhanced font " + gnuplot_string(kFont) + " background rgb 'white'\n";
}

// One figure drawn by one terminal into one file.
std::string render(const std::string& terminal_name, const fs::path& path, const std::string& figure) {
  return terminal(terminal_name) + "set output " + gnuplot_string(path.string()) + "\n" + figure + "unset output\n";
}

std::vector<AvailabilityWindow> in_time_order(std::vector<AvailabilityWindow> windows) {
  std::stable_sort(windows.begin(), windows.end(),
                   [](const AvailabilityWindow& a, const AvailabilityWindow& b) { return a.start_s < b.start_s; });
  return windows;
}

// Labels are printed as given (noenhanced terminals: no _subscripts from "message_service[0]").
// Neither terminal writes a timestamp, so the same script gives the same bytes.
std::string plot_script(const AvailabilityReport& availability, const std::string& title, const fs::path& svg_path,
                        const fs::path& png_path) {
  const std::vector<AvailabilityWindow> windows = in_time_order(availability.windows);
  std::string out = "set encoding utf8\n";
  if (!windows.empty()) out += shared_settings(windows, availability);
  const std::string figure = windows.empty() ? empty_figure(title) : panels_figure(windows, availability, title);
  return out + render("svg fixed", svg_path, figure) + render("pngcairo", png_path, figure);
}

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// The script goes to a new private file in the temporary directory (not out_dir: nothing but
// the plots may appear there). Returns its path, or an empty path with *error set.
fs::path write_temporary_script(const std::string& text, std::string* error) {
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec);
  if (ec) {
    *error = "cannot write the gnuplot script: no temporary directory: " + ec.message();
    return {};
  }
  std::string name = (dir / "whatsim-timeline-XXXXXX.gp").string();
  const int fd = ::mkstemps(name.data(), 3);  // 3: the ".gp" after the Xs
  if (fd < 0) {
    *error = "cannot write the gnuplot script " + name + ": " + std::strerror(errno);
    return {};
  }
  const bool written = write_all(fd, text);
  const int write_errno = errno;
  ::close(fd);
  if (written) return name;
  *error = "cannot write the gnuplot script " + name + ": " + std::strerror(write_errno);
  fs::remove(name, ec);
  return {};
}

// Removes a file when it goes out of scope, however the function that made it returns.
class RemovedAtScopeExit {
 public:
  explicit RemovedAtScopeExit(fs::path path) : path_(std::move(path)) {}
  ~RemovedAtScopeExit() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove(path_, ignored);
  }
  RemovedAtScopeExit(const RemovedAtScopeExit&) = delete;
  RemovedAtScopeExit& operator=(const RemovedAtScopeExit&) = delete;

 private:
  fs::path path_;
};

std::string read_all(int fd) {
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return out;
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

// gnuplot reports an error over several lines (the command, a caret, then the message): the
// last non-blank line is the message, with the script line it came from.
std::string last_line(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  std::string last;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  }
  return last;
}

// Starts `gnuplot -d SCRIPT` (-d: no ~/.gnuplot, so the user's settings cannot change the
// figure) with its stderr on a pipe; returns its pid, or -1 with *error set.
pid_t spawn_gnuplot(const fs::path& script, int stderr_fd, std::string* error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
  std::string program = "gnuplot";
  std::string defaults = "-d";
  std::string script_arg = script.string();
  char* argv[] = {program.data(), defaults.data(), script_arg.data(), nullptr};
  pid_t pid = -1;
  const int spawn_error = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error == ENOENT) {
    *error = "gnuplot not found on PATH (install gnuplot-nox)";
    return -1;
  }
  if (spawn_error != 0) {
    *error = std::string("cannot start gnuplot: ") + std::strerror(spawn_error);
    return -1;
  }
  return pid;
}

std::string failure_message(int status, const std::string& stderr_text) {
  const std::string said = last_line(stderr_text);
  const std::string detail = said.empty() ? std::string() : ": " + said;
  if (WIFSIGNALED(status)) return "gnuplot was killed by signal " + std::to_string(WTERMSIG(status)) + detail;
  return "gnuplot failed with exit status " + std::to_string(WEXITSTATUS(status)) + detail;
}

// Runs gnuplot on the script to its end; true when it exited with status 0.
bool run_gnuplot(const fs::path& script, std::string* error) {
  int stderr_pipe[2];
  if (::pipe2(stderr_pipe, O_CLOEXEC) != 0) {
    *error = std::string("cannot start gnuplot: ") + std::strerror(errno);
    return false;
  }
  const pid_t pid = spawn_gnuplot(script, stderr_pipe[1], error);
  ::close(stderr_pipe[1]);
  if (pid < 0) {
    ::close(stderr_pipe[0]);
    return false;
  }
  // Reading to the end before waiting: gnuplot never blocks on a full pipe.
  const std::string stderr_text = read_all(stderr_pipe[0]);
  ::close(stderr_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno == EINTR) continue;
    *error = std::string("cannot wait for gnuplot: ") + std::strerror(errno);
    return false;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  *error = failure_message(status, stderr_text);
  return false;
}

fs::path temporary_twin(const fs::path& path) { return path.string() + ".tmp"; }

// Puts a finished file in its place in one step, so a reader never sees half of it.
bool publish(const fs::path& finished, const fs::path& target, std::string* error) {
  std::error_code ec;
  fs::rename(finished, target, ec);
  if (!ec) return true;
  *error = "cannot write " + target.string() + " from gnuplot's " + finished.string() + ": " + ec.message();
  return false;
}

}  // namespace

bool write_timeline_plot(const AvailabilityReport& availability, const std::string& title,
                         const fs::path& out_dir, std::string* error) {
  std::string unreported;
  if (error == nullptr) error = &unreported;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    *error = "cannot create " + out_dir.string() + " for the timeline plot: " + ec.message();
    return false;
  }
  const fs::path svg = out_dir / kTimelineSvgFile;
  const fs::path png = out_dir / kTimelinePngFile;
  const fs::path svg_tmp = temporary_twin(svg);
  const fs::path png_tmp = temporary_twin(png);
  // Whatever fails, nothing half-written stays behind (after a success they are already gone).
  const RemovedAtScopeExit svg_cleanup(svg_tmp);
  const RemovedAtScopeExit png_cleanup(png_tmp);

  const fs::path script = write_temporary_script(plot_script(availability, title, svg_tmp, png_tmp), error);
  if (script.empty()) return false;
  const RemovedAtScopeExit script_cleanup(script);
  if (!run_gnuplot(script, error)) return false;
  return publish(svg_tmp, svg, error) && publish(png_tmp, png, error);
}

}  // namespace whatsim
