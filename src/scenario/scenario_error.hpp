#pragma once
// The one error type for everything wrong with a scenario: unreadable file, bad JSON,
// schema violation, bad --set override, inconsistent values. It names where the problem
// is (file and JSON path) and what is allowed, in one line; the CLI maps it to exit code 2.
#include <stdexcept>
#include <string>
#include <utility>

namespace whatsim {

struct ScenarioError : std::runtime_error {
  std::string file;     // scenario file (or other origin) the problem is in; may be empty
  std::string path;     // JSON path like deployment.regions[1].user_share; may be empty
  std::string problem;  // what is wrong and what is allowed

  ScenarioError(std::string file_, std::string path_, std::string problem_)
      : std::runtime_error(format(file_, path_, problem_)),
        file(std::move(file_)),
        path(std::move(path_)),
        problem(std::move(problem_)) {}

  // The validator knows the JSON path but not the file; the loader adds the file.
  ScenarioError in_file(const std::string& origin) const {
    return ScenarioError(file.empty() ? origin : file, path, problem);
  }

  // "scenario error: FILE: PATH: PROBLEM", leaving out the parts that are empty.
  static std::string format(const std::string& file, const std::string& path,
                            const std::string& problem) {
    std::string out = "scenario error: ";
    if (!file.empty()) out += file + ": ";
    if (!path.empty()) out += path + ": ";
    return out + problem;
  }
};

// Throws the ScenarioError for `problem` at JSON path `path`: the checks that find it know the
// path, and the loader adds the file (ScenarioError::in_file).
[[noreturn]] inline void fail_at(const std::string& path, const std::string& problem) {
  throw ScenarioError("", path, problem);
}

}  // namespace whatsim
