// Checks what `whatsim calibrate` wrote (made by the "calibrate: measure crypto costs ..."
// tests, with --clock-ghz 2.5): calibrated.json, a bare fragment, and calibrated-small.json,
// the same extending small.json. The figures are measured, so the checks bound them
// (a broken measurement lands outside) instead of comparing them to values.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/model/run_files.hpp"

using nlohmann::json;
using whatsim::run_files::run_dir;

namespace {

json calibrated(const std::string& file) {
  std::ifstream in(run_dir() + "/" + file);
  REQUIRE(in.good());
  return json::parse(in);
}

// Every number in `doc`, wherever it is.
void collect_numbers(const json& doc, std::vector<double>& numbers) {
  if (doc.is_number()) numbers.push_back(doc.get<double>());
  if (doc.is_structured())
    for (const json& child : doc) collect_numbers(child, numbers);
}

std::vector<double> numbers_in(const json& doc) {
  std::vector<double> numbers;
  collect_numbers(doc, numbers);
  return numbers;
}

double rounded_to_three_digits(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return std::strtod(text, nullptr);
}

const char* const kProfileFigures[] = {"clock_ghz",           "x25519_cycles",           "ed25519_sign_cycles",
                                       "ed25519_verify_cycles", "aes_cbc_cycles_per_byte", "hmac_cycles_per_byte",
                                       "sha256_cycles_per_byte"};

}  // namespace

TEST_CASE("calibrate writes one device profile and the transport costs, every figure positive", "[calibrate]") {
  const json doc = calibrated("calibrated.json");
  REQUIRE(doc["phone"]["profiles"].size() == 1);
  const json& profile = doc["phone"]["profiles"][0];
  CHECK(profile["share"] == 1);
  for (const char* figure : kProfileFigures) {
    INFO(figure);
    REQUIRE(profile.contains(figure));
    CHECK(profile[figure].get<double>() > 0);
  }
  CHECK(doc["crypto"]["transport"]["x25519_cycles"].get<double>() > 0);
  CHECK(doc["crypto"]["transport"]["aes_gcm_cycles_per_byte"].get<double>() > 0);
  const std::vector<double> numbers = numbers_in(doc);
  CHECK(numbers.size() == 10);  // share, the seven profile figures, the two transport ones
  for (double number : numbers) CHECK(number > 0);
}

TEST_CASE("calibrated costs are plausible: X25519 over 1000 cycles, AES and hashing under 100 cycles a byte",
          "[calibrate]") {
  const json doc = calibrated("calibrated.json");
  const json& profile = doc["phone"]["profiles"][0];
  const json& transport = doc["crypto"]["transport"];
  CHECK(profile["x25519_cycles"].get<double>() > 1000);
  CHECK(transport["x25519_cycles"].get<double>() > 1000);
  CHECK(profile["ed25519_sign_cycles"].get<double>() > 1000);
  CHECK(profile["ed25519_verify_cycles"].get<double>() > 1000);
  CHECK(profile["aes_cbc_cycles_per_byte"].get<double>() < 100);
  CHECK(transport["aes_gcm_cycles_per_byte"].get<double>() < 100);
  CHECK(profile["hmac_cycles_per_byte"].get<double>() < 100);
  CHECK(profile["sha256_cycles_per_byte"].get<double>() < 100);
}

TEST_CASE("calibrated figures are rounded to three significant digits", "[calibrate]") {
  for (double number : numbers_in(calibrated("calibrated.json"))) {
    INFO(number);
    CHECK(number == rounded_to_three_digits(number));
  }
}

TEST_CASE("the calibrated description names the clock the cycles are counted at", "[calibrate]") {
  const json doc = calibrated("calibrated.json");
  CHECK(doc["phone"]["profiles"][0]["clock_ghz"] == 2.5);
  CHECK_THAT(doc["description"].get<std::string>(), Catch::Contains("cycles at 2.5 GHz (clock from --clock-ghz)"));
  CHECK_THAT(doc["name"].get<std::string>(), Catch::StartsWith("calibrated-"));
}

TEST_CASE("a bare calibrated fragment extends nothing", "[calibrate]") {
  CHECK_FALSE(calibrated("calibrated.json").contains("extends"));
}

TEST_CASE("a calibrated scenario names its parent by a path relative to itself", "[calibrate]") {
  namespace fs = std::filesystem;
  const json doc = calibrated("calibrated-small.json");
  REQUIRE(doc.contains("extends"));
  const fs::path parent = doc["extends"].get<std::string>();
  CHECK(parent.is_relative());
  CHECK(parent.filename() == "small.json");
  CHECK(fs::is_regular_file(fs::path(run_dir()) / parent));
  CHECK(doc["phone"]["profiles"].size() == 1);
}
