#include "analysis/queueing.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace whatsim {

namespace {

// Rates and times must be finite and non-negative; NaN fails every comparison, so the
// same test catches it.
void require_non_negative(const char* what, const char* name, double value) {
  if (value >= 0 && std::isfinite(value)) return;
  std::ostringstream message;
  message << what << ": " << name << " must be a finite number >= 0, got " << value;
  throw std::invalid_argument(message.str());
}

void require_servers(const char* what, std::uint32_t servers) {
  if (servers > 0) return;
  throw std::invalid_argument(std::string(what) + ": servers must be >= 1, got 0");
}

// Utilization per server; throws when the queue would grow without bound.
double stable_utilization(const char* what, double arrival_per_s, double service_s, std::uint32_t servers) {
  require_non_negative(what, "arrival_per_s", arrival_per_s);
  require_non_negative(what, "service_s", service_s);
  require_servers(what, servers);
  const double utilization = arrival_per_s * service_s / servers;
  if (utilization < 1) return utilization;
  std::ostringstream message;
  message << what << ": unstable, utilization " << utilization << " >= 1 (arrival " << arrival_per_s
          << "/s x service " << service_s << " s / " << servers << " servers)";
  throw std::invalid_argument(message.str());
}

StationResult with_wait(double arrival_per_s, double service_s, double utilization, double wait_s) {
  StationResult r;
  r.utilization = utilization;
  r.wait_s = wait_s;
  r.response_s = wait_s + service_s;
  r.queue_length = arrival_per_s * wait_s;
  return r;
}

}  // namespace

double erlang_c(std::uint32_t servers, double offered_load) {
  require_servers("erlang_c", servers);
  require_non_negative("erlang_c", "offered_load", offered_load);
  const double c = servers;
  if (offered_load >= c) {
    std::ostringstream message;
    message << "erlang_c: offered_load " << offered_load << " must be < servers " << servers;
    throw std::invalid_argument(message.str());
  }
  double blocking = 1;  // Erlang B with 0 servers: every arrival is blocked
  for (std::uint32_t k = 1; k <= servers; ++k) {
    blocking = offered_load * blocking / (k + offered_load * blocking);
  }
  return c * blocking / (c - offered_load * (1 - blocking));
}

StationResult mmc(double arrival_per_s, double service_s, std::uint32_t servers) {
  const double utilization = stable_utilization("M/M/c", arrival_per_s, service_s, servers);
  const double offered_load = arrival_per_s * service_s;
  // W = C / (cμ − λ), written with the service time so a zero service time gives no wait.
  const double wait_s = erlang_c(servers, offered_load) * service_s / (servers - offered_load);
  return with_wait(arrival_per_s, service_s, utilization, wait_s);
}

StationResult mg1(double arrival_per_s, double service_s, double service_scv) {
  const double utilization = stable_utilization("M/G/1", arrival_per_s, service_s, 1);
  require_non_negative("M/G/1", "service_scv", service_scv);
  const double second_moment_s2 = (1 + service_scv) * service_s * service_s;
  const double wait_s = arrival_per_s * second_moment_s2 / (2 * (1 - utilization));
  return with_wait(arrival_per_s, service_s, utilization, wait_s);
}

StationResult mgc(double arrival_per_s, double service_s, std::uint32_t servers, double service_scv) {
  require_non_negative("M/G/c", "service_scv", service_scv);
  stable_utilization("M/G/c", arrival_per_s, service_s, servers);  // so an error names M/G/c
  const StationResult exponential = mmc(arrival_per_s, service_s, servers);
  const double wait_s = exponential.wait_s * (1 + service_scv) / 2;
  return with_wait(arrival_per_s, service_s, exponential.utilization, wait_s);
}

}  // namespace whatsim
