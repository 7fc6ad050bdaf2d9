#include "analysis/gnuplot_runner.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <locale>
#include <sstream>
#include <system_error>
#include <utility>

extern char** environ;

namespace whatsim::gnuplot {

namespace fs = std::filesystem;

namespace {

constexpr int kDataDigits = 10;  // enough that nothing plotted is visibly rounded

std::string terminal(const std::string& name, const FigureStyle& style) {
  return "set terminal " + name + " size " + std::to_string(style.width_px) + "," + std::to_string(style.height_px) +
         " noenhanced font " + quoted(style.font) + " background rgb 'white'\n";
}

// One figure drawn by one terminal into one file.
std::string render(const std::string& terminal_name, const Figure& figure, const fs::path& path) {
  return terminal(terminal_name, figure.style) + "set output " + quoted(path.string()) + "\n" + figure.drawing +
         "unset output\n";
}

std::string script(const Figure& figure, const fs::path& svg_path, const fs::path& png_path) {
  return "set encoding utf8\n" + figure.settings + render("svg fixed", figure, svg_path) +
         render("pngcairo", figure, png_path);
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
  std::string name = (dir / "whatsim-plot-XXXXXX.gp").string();
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

std::string quoted(const std::string& text) {
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

std::string number(double x) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out.precision(kDataDigits);
  out << x;
  return out.str();
}

std::string message_drawing(const std::string& title, const std::string& title_font, const std::string& message) {
  return "unset border\nunset tics\nunset key\nset xrange [0:1]\nset yrange [0:1]\nset title " + quoted(title) +
         " font " + quoted(title_font) + "\nset label 1 " + quoted(message) +
         " at graph 0.5, graph 0.5 center\nplot NaN notitle\n";
}

bool write_svg_and_png(const Figure& figure, const fs::path& out_dir, const std::string& svg_file,
                       const std::string& png_file, std::string* error) {
  std::string unreported;
  if (error == nullptr) error = &unreported;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    *error = "cannot create " + out_dir.string() + " for the " + figure.what + ": " + ec.message();
    return false;
  }
  const fs::path svg = out_dir / svg_file;
  const fs::path png = out_dir / png_file;
  const fs::path svg_tmp = temporary_twin(svg);
  const fs::path png_tmp = temporary_twin(png);
  // Whatever fails, nothing half-written stays behind (after a success they are already gone).
  const RemovedAtScopeExit svg_cleanup(svg_tmp);
  const RemovedAtScopeExit png_cleanup(png_tmp);

  const fs::path script_path = write_temporary_script(script(figure, svg_tmp, png_tmp), error);
  if (script_path.empty()) return false;
  const RemovedAtScopeExit script_cleanup(script_path);
  if (!run_gnuplot(script_path, error)) return false;
  if (!publish(svg_tmp, svg, error)) return false;
  if (publish(png_tmp, png, error)) return true;
  fs::remove(svg, ec);  // the pair appears together or not at all
  return false;
}

}  // namespace whatsim::gnuplot
