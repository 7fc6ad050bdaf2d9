#pragma once
// An open (Jackson-style) queueing network: stations with Poisson arrivals from outside,
// probabilistic routing between them, and every job eventually leaving. The analytic
// capacity model (issue 7) describes the deployment's tiers this way; solving the traffic
// equations gives each station's total arrival rate, and each station is then treated as an
// independent M/M/c (or approximate M/G/c) queue, which is exact for Jackson networks with
// exponential service and an approximation otherwise.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "analysis/queueing.hpp"

namespace whatsim {

struct Station {
  std::string name;
  std::uint32_t servers = 1;
  double service_s = 0;    // mean service time of one visit
  double service_scv = 1;  // squared coefficient of variation of service time; 1 = exponential
};

struct OpenNetwork {
  std::vector<Station> stations;
  Eigen::MatrixXd routing;         // routing(i, j): probability a job leaving i goes to j (rows sum to <= 1; the rest leaves)
  Eigen::VectorXd external_per_s;  // γ: arrivals from outside at each station
  // A messaging system forks: one stored message becomes a frame per recipient device. With
  // fan_out, routing(i, j) is the mean number of jobs i sends to j per job it completes, rows
  // may sum above 1, and the network must still empty: the spectral radius of the routing
  // matrix must be below 1 (each generation of jobs smaller than the one before).
  bool fan_out = false;
};

struct NetworkResult {
  Eigen::VectorXd arrival_per_s;        // λ: total arrivals at each station, external and routed
  std::vector<StationResult> stations;  // in the order of OpenNetwork::stations
};

// Solves the traffic equations (I − Pᵀ)λ = γ. Throws std::invalid_argument when the sizes
// disagree, a probability or rate is negative, a routing row sums above 1 (without fan_out),
// some stations form a closed loop with no exit (the system is singular: jobs would circulate
// forever), or, with fan_out, the routing matrix's spectral radius is 1 or more.
Eigen::VectorXd solve_traffic(const OpenNetwork& n);

// The traffic, then each station by mmc (service_scv == 1) or mgc (otherwise). Throws
// std::invalid_argument naming the first saturated station (utilization >= 1).
NetworkResult solve(const OpenNetwork& n);

// Mean time a job of one class spends in the network: Σ visits_i · response_i, where
// visits_i is how many times the class passes through station i.
double mean_response_s(const NetworkResult& r, const Eigen::VectorXd& visits);

}  // namespace whatsim
