// `whatsim station`: see station_command.hpp.
#include "cli/station_command.hpp"

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/atomic_file.hpp"
#include "analysis/confidence_interval.hpp"
#include "analysis/queueing.hpp"
#include "analysis/report_format.hpp"
#include "model/textbook_station.hpp"

namespace whatsim {
namespace {

using Json = nlohmann::ordered_json;
namespace fmt = report_format;

constexpr double kConfidence = 0.95;
constexpr double kMeanServiceS = 1.0;  // the unit of time: waits read as multiples of a service
constexpr int kShownDigits = 5;        // significant digits in the printed table
constexpr int kLabelWidth = 26;        // the table's first column

// A flag that must be a number strictly between 0 and 1 (CLI11's Range includes its ends).
CLI::Validator open_unit_interval() {
  return CLI::Validator(
      [](std::string& text) {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        const bool inside = end != text.c_str() && *end == '\0' && value > 0 && value < 1;
        return inside ? std::string() : "must be a number in (0, 1), got " + text;
      },
      "");  // the help text says the range
}

// A whole number of at least `minimum`, said in the flag's own terms (CLI11 2.1's Range
// prints the type's maximum, and unsigned conversion takes "-1" as a huge number).
CLI::Validator whole_number_at_least(std::uint64_t minimum) {
  return CLI::Validator(
      [minimum](std::string& text) {
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        const bool enough = digits && std::strtoull(text.c_str(), nullptr, 10) >= minimum;
        return enough ? std::string() : "must be a whole number >= " + std::to_string(minimum) + ", got " + text;
      },
      "");  // the help text says the bound, beside the default
}

StationConfig station_config(const StationArgs& args) {
  StationConfig config;
  config.servers = args.servers;
  config.utilization = args.utilization;
  config.mean_service_s = kMeanServiceS;
  config.service = service_distribution_from_string(args.service);
  config.replications = args.replications;
  config.warmup_customers = args.warmup;
  config.measured_customers = args.customers;
  config.seed = args.seed;
  return config;
}

// Kendall's notation of what is simulated: M/M/4, M/D/1.
std::string kendall(ServiceDistribution service, std::uint32_t servers) {
  const char* service_letter = service == ServiceDistribution::exponential ? "M" : "D";
  return std::string("M/") + service_letter + "/" + std::to_string(servers);
}

struct Comparison {
  StationConfig config;
  double closed_form_wait_s = 0;  // M/M/c, whatever was simulated
  std::vector<double> replication_wait_s;
  MeanInterval interval;
  bool inside() const { return interval.contains(closed_form_wait_s); }
};

std::string seconds(double x) { return fmt::significant(x, kShownDigits); }

void row(std::ostream& out, const std::string& label, const std::string& value) {
  out << std::left << std::setw(kLabelWidth) << label << value << "\n";
}

void print(const Comparison& c, std::ostream& out) {
  const StationConfig& k = c.config;
  const std::string closed_form = kendall(ServiceDistribution::exponential, k.servers);
  const std::string level = fmt::significant(100 * kConfidence, 2) + "%";
  out << "station " << kendall(k.service, k.servers) << ": utilization " << k.utilization << ", "
      << to_string(k.service) << " service of mean " << k.mean_service_s << " s, " << k.replications
      << " replications of " << k.measured_customers << " customers after " << k.warmup_customers
      << " warm-up, seed " << k.seed << "\n\n";
  row(out, "", "mean wait s");
  row(out, "closed form (" + closed_form + ")", seconds(c.closed_form_wait_s));
  row(out, "simulated", seconds(c.interval.mean));
  row(out, level + " interval",
      seconds(c.interval.low()) + " .. " + seconds(c.interval.high()) + " (+/- " + seconds(c.interval.half_width) +
          ", " + fmt::percent(fmt::share_of(c.interval.half_width, c.interval.mean)) + " of the mean)");
  // The verdict line leads with the verdict (in capitals when it fails), for people and for grep.
  out << "\n" << (c.inside() ? "inside" : "OUTSIDE") << ": the " << closed_form << " closed form "
      << seconds(c.closed_form_wait_s) << " s lies " << (c.inside() ? "inside" : "outside") << " the " << level
      << " interval of the simulated mean\n";
}

Json to_json(const Comparison& c) {
  const StationConfig& k = c.config;
  Json replication_wait_s = Json::array();
  for (const double w : c.replication_wait_s) replication_wait_s.push_back(fmt::round_sig(w));
  return Json{
      {"station", kendall(k.service, k.servers)},
      {"servers", k.servers},
      {"utilization", k.utilization},
      {"service", to_string(k.service)},
      {"mean_service_s", k.mean_service_s},
      {"replications", k.replications},
      {"customers", k.measured_customers},
      {"warmup", k.warmup_customers},
      {"seed", k.seed},
      {"closed_form", {{"model", kendall(ServiceDistribution::exponential, k.servers)},
                       {"wait_s", fmt::round_sig(c.closed_form_wait_s)}}},
      {"simulated", {{"confidence", kConfidence},
                     {"mean_wait_s", fmt::round_sig(c.interval.mean)},
                     {"half_width_s", fmt::round_sig(c.interval.half_width)},
                     {"low_s", fmt::round_sig(c.interval.low())},
                     {"high_s", fmt::round_sig(c.interval.high())},
                     {"replication_wait_s", replication_wait_s}}},
      {"inside", c.inside()},
  };
}

}  // namespace

CLI::App* add_station_command(CLI::App& app, StationArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "station", "simulate an M/M/c (or M/D/c) station and compare its mean wait with the M/M/c closed form");
  cmd->add_option("--servers", args.servers, "servers (cores) of the station, at least 1")
      ->required()->check(whole_number_at_least(1));
  cmd->add_option("--utilization", args.utilization, "utilization per server, in (0, 1)")
      ->required()->check(open_unit_interval());
  cmd->add_option("--service", args.service, "service time distribution")
      ->capture_default_str()
      ->check(CLI::IsMember({"exponential", "deterministic"}));
  cmd->add_option("--replications", args.replications, "independent replications, at least 2")
      ->capture_default_str()
      ->check(whole_number_at_least(2));
  cmd->add_option("--customers", args.customers, "customers measured per replication, at least 1")
      ->capture_default_str()
      ->check(whole_number_at_least(1));
  cmd->add_option("--warmup", args.warmup, "customers discarded first per replication (warm-up)")
      ->capture_default_str()
      ->check(whole_number_at_least(0));
  cmd->add_option("--seed", args.seed, "random seed")->capture_default_str()->check(whole_number_at_least(0));
  cmd->add_option("--json", args.json, "write the comparison as JSON to this file (replaced whole)");
  cmd->footer("Exit 0: the closed form is inside the 95% interval. 1: outside. 2: bad flags.");
  return cmd;
}

int station_command(const StationArgs& args) {
  Comparison c;
  c.config = station_config(args);
  c.closed_form_wait_s = mmc(c.config.arrival_per_s(), c.config.mean_service_s, c.config.servers).wait_s;
  c.replication_wait_s = simulate_station(c.config);
  c.interval = mean_interval(c.replication_wait_s, kConfidence);
  if (!args.json.empty()) write_file_atomically(args.json, to_json(c).dump(2) + "\n");
  print(c, std::cout);
  return c.inside() ? 0 : 1;
}

}  // namespace whatsim
