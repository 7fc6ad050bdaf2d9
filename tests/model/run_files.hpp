#pragma once
// What a model test run left behind, in the directory the test names in WHATSIM_RUN_DIR:
// its history (read once) and its report.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/history.hpp"

namespace whatsim::run_files {

inline std::string run_dir() {
  const char* dir = std::getenv("WHATSIM_RUN_DIR");
  REQUIRE(dir != nullptr);
  return dir;
}

inline const std::vector<LifecycleEvent>& history() {
  static const std::vector<LifecycleEvent> events = [] {
    std::ifstream in(run_dir() + "/history.csv");
    REQUIRE(in.good());
    return read_history(in);
  }();
  return events;
}

inline nlohmann::json report() {
  std::ifstream in(run_dir() + "/report.json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

}  // namespace whatsim::run_files
