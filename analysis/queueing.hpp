#pragma once
// Closed-form mean-value results for one queueing station: the building blocks of the
// analytic capacity model (issue 7), which turns each tier into a station with Poisson
// arrivals and asks how busy it is and how long a request waits for a core.
//
// Time is in seconds throughout. A station is stable only when its utilization is below 1;
// every function here throws std::invalid_argument on an unstable or meaningless input
// rather than return an infinite or negative wait.
#include <cstdint>

namespace whatsim {

struct StationResult {
  double utilization = 0;   // per server, 0..1
  double wait_s = 0;        // mean time queued before service starts
  double response_s = 0;    // mean time in the station: wait + service
  double queue_length = 0;  // mean number waiting (not in service), by Little's law: arrival · wait
};

// Erlang C: the probability that an arrival to an M/M/c station waits for a server.
// offered_load = arrival rate × mean service time, in Erlangs; requires offered_load < servers.
// Computed from the Erlang-B recurrence, which stays finite for hundreds of servers where
// the textbook sum of a^k/k! overflows.
double erlang_c(std::uint32_t servers, double offered_load);

// M/M/c: Poisson arrivals, exponential service, `servers` identical servers, one FIFO queue.
// servers = 1 is M/M/1 (wait = ρ / (μ − λ)).
StationResult mmc(double arrival_per_s, double service_s, std::uint32_t servers);

// M/G/1 by Pollaczek–Khinchine (exact): wait = λ·E[S²] / (2(1 − ρ)), E[S²] = (1 + scv)·E[S]².
// service_scv is the squared coefficient of variation of service time: 1 is exponential
// (M/M/1), 0 is deterministic (M/D/1, half M/M/1's wait).
StationResult mg1(double arrival_per_s, double service_s, double service_scv);

// M/G/c: an APPROXIMATION (Lee–Longton; Allen–Cunneen with Poisson arrivals):
// wait ≈ wait of M/M/c × (1 + scv) / 2. Exact for scv = 1 and for one server (where it is
// Pollaczek–Khinchine); for many servers and scv far from 1 it is typically within ~10%.
StationResult mgc(double arrival_per_s, double service_s, std::uint32_t servers, double service_scv);

}  // namespace whatsim
