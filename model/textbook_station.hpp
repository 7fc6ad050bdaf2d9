#pragma once
// A textbook queueing station on SimGrid, to cross-validate the simulator against closed
// forms (issue 7): Poisson arrivals, `servers` identical cores, one FIFO queue, service
// either exponential (M/M/c, which analysis/queueing.hpp solves exactly) or constant
// (M/D/c, which it does not: the check must then fail). Service is a SimGrid Exec on a
// core, so what is validated is the engine's CPU sharing and clock, not a formula.
//
// SimGrid's engine cannot be reset within a process, so the independent replications run
// side by side in one engine: each is its own host, its own actors and its own random
// streams, and none shares anything with another.
#include <cstdint>
#include <string>
#include <vector>

namespace whatsim {

enum class ServiceDistribution { exponential, deterministic };

// "exponential" / "deterministic"; from_string throws std::invalid_argument for any other name.
std::string to_string(ServiceDistribution service);
ServiceDistribution service_distribution_from_string(const std::string& name);

struct StationConfig {
  std::uint32_t servers = 1;
  double utilization = 0.5;   // per server, in (0, 1): arrival rate = utilization · servers / mean service
  double mean_service_s = 1;
  ServiceDistribution service = ServiceDistribution::exponential;
  std::uint32_t replications = 2;
  std::uint64_t warmup_customers = 0;    // per replication, by arrival order: discarded
  std::uint64_t measured_customers = 1;  // per replication, the ones after the warm-up
  std::uint64_t seed = 0;

  double arrival_per_s() const { return utilization * servers / mean_service_s; }
};

// Runs every replication until its last customer is served and returns, per replication,
// the mean wait (arrival to service start, simulated seconds) of its measured customers. Creates a SimGrid engine: call at most once per process. Throws
// std::invalid_argument for a configuration that cannot run.
std::vector<double> simulate_station(const StationConfig& config);

}  // namespace whatsim
