#pragma once
// What the figure and HTML report tests share: a scratch directory per test, PATH changed for
// a test's duration (to hide gnuplot), reading a file's bytes, and what SVG and PNG files begin with.
#include <stdlib.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace whatsim::plot_test {

// A fresh, empty directory for one test, removed with everything in it afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    std::string name = (std::filesystem::temp_directory_path() / "whatsim-plot-test-XXXXXX").string();
    REQUIRE(mkdtemp(name.data()) != nullptr);
    path_ = name;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Sets PATH for the test's duration and puts the old value back, whatever happens.
class PathOverride {
 public:
  explicit PathOverride(const std::string& path) {
    if (const char* old = std::getenv("PATH")) old_ = old;
    setenv("PATH", path.c_str(), 1);
  }
  ~PathOverride() {
    if (old_) {
      setenv("PATH", old_->c_str(), 1);
    } else {
      unsetenv("PATH");
    }
  }
  PathOverride(const PathOverride&) = delete;
  PathOverride& operator=(const PathOverride&) = delete;

 private:
  std::optional<std::string> old_;
};

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

inline bool is_svg(const std::string& bytes) {
  return (starts_with(bytes, "<?xml") || starts_with(bytes, "<svg")) && bytes.find("</svg>") != std::string::npos;
}

inline bool is_png(const std::string& bytes) { return starts_with(bytes, std::string("\x89PNG\r\n\x1a\n", 8)); }

}  // namespace whatsim::plot_test
