#include "analysis/open_network.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace whatsim {

namespace {

// Routing probabilities come from shares in the scenario, so sums like 0.3 + 0.7 may miss 1
// by a rounding error; anything within this of 1 counts as 1.
constexpr double kProbabilityTolerance = 1e-9;
// Relative residual |(I − Pᵀ)λ − γ| / (|I − Pᵀ|·|λ| + |γ|) a solution must reach; a
// nearly singular system (an exit probability of 1e-15) fails it instead of returning noise.
constexpr double kResidualTolerance = 1e-9;

[[noreturn]] void fail(const std::string& why) { throw std::invalid_argument("open network: " + why); }

void require_sizes(const OpenNetwork& n) {
  const auto stations = static_cast<Eigen::Index>(n.stations.size());
  if (n.routing.rows() != stations || n.routing.cols() != stations || n.external_per_s.size() != stations) {
    std::ostringstream why;
    why << n.stations.size() << " stations need a " << stations << "x" << stations << " routing matrix and "
        << stations << " external rates, got " << n.routing.rows() << "x" << n.routing.cols() << " and "
        << n.external_per_s.size();
    fail(why.str());
  }
}

void require_probabilities(const OpenNetwork& n) {
  for (Eigen::Index i = 0; i < n.routing.rows(); ++i) {
    const std::string& name = n.stations[static_cast<std::size_t>(i)].name;
    if (!n.routing.row(i).allFinite() || (n.routing.row(i).array() < 0).any()) {
      fail("routing from station \"" + name + "\" has a negative or non-finite probability");
    }
    if (!n.fan_out && n.routing.row(i).sum() > 1 + kProbabilityTolerance) {
      std::ostringstream why;
      why << "routing from station \"" << name << "\" sums to " << n.routing.row(i).sum() << ", above 1";
      fail(why.str());
    }
    const double external = n.external_per_s(i);
    if (!(external >= 0) || !std::isfinite(external)) {
      std::ostringstream why;
      why << "external arrivals at station \"" << name << "\" must be a finite number >= 0, got " << external;
      fail(why.str());
    }
  }
}

// Stations from which no chain of routes ever leaves the network: a job reaching them
// circulates forever, and (I − Pᵀ) is singular. Found by spreading "can leave" backwards
// from the stations with an exit probability, along every route with a positive probability.
std::vector<std::size_t> stations_without_exit(const Eigen::MatrixXd& routing) {
  const Eigen::Index count = routing.rows();
  std::vector<bool> can_leave(static_cast<std::size_t>(count));
  for (Eigen::Index i = 0; i < count; ++i) {
    can_leave[static_cast<std::size_t>(i)] = routing.row(i).sum() < 1 - kProbabilityTolerance;
  }
  for (bool spread = true; spread;) {
    spread = false;
    for (Eigen::Index i = 0; i < count; ++i) {
      if (can_leave[static_cast<std::size_t>(i)]) continue;
      for (Eigen::Index j = 0; j < count; ++j) {
        if (routing(i, j) > 0 && can_leave[static_cast<std::size_t>(j)]) {
          can_leave[static_cast<std::size_t>(i)] = spread = true;
          break;
        }
      }
    }
  }
  std::vector<std::size_t> trapped;
  for (std::size_t i = 0; i < can_leave.size(); ++i) {
    if (!can_leave[i]) trapped.push_back(i);
  }
  return trapped;
}

// With forks, jobs multiply: the network empties only when each generation is smaller than
// the last, i.e. the routing matrix's spectral radius is below 1.
void require_shrinking_generations(const OpenNetwork& n) {
  const double radius = n.routing.eigenvalues().cwiseAbs().maxCoeff();
  if (radius < 1 - kProbabilityTolerance) return;
  std::ostringstream why;
  why << "the fan-out routing matrix has spectral radius " << radius
      << " (>= 1): every job makes at least one more, so the network never empties";
  fail(why.str());
}

void require_exit(const OpenNetwork& n) {
  if (n.fan_out) return require_shrinking_generations(n);
  const std::vector<std::size_t> trapped = stations_without_exit(n.routing);
  if (trapped.empty()) return;
  std::string names;
  for (std::size_t i : trapped) names += (names.empty() ? "\"" : ", \"") + n.stations[i].name + "\"";
  fail("jobs at stations " + names +
       " can never leave (every route from them ends in a closed loop with no exit); the traffic equations are singular");
}

StationResult solve_station(const Station& station, double arrival_per_s) {
  try {
    if (station.service_scv == 1) return mmc(arrival_per_s, station.service_s, station.servers);
    return mgc(arrival_per_s, station.service_s, station.servers, station.service_scv);
  } catch (const std::invalid_argument& e) {
    fail("station \"" + station.name + "\": " + e.what());
  }
}

}  // namespace

Eigen::VectorXd solve_traffic(const OpenNetwork& n) {
  require_sizes(n);
  require_probabilities(n);
  require_exit(n);
  const Eigen::Index count = n.routing.rows();
  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(count, count) - n.routing.transpose();
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(system);
  if (qr.rank() < count) fail("the traffic equations (I - P^T) lambda = gamma are singular");
  const Eigen::VectorXd arrival_per_s = qr.solve(n.external_per_s);
  const double residual = (system * arrival_per_s - n.external_per_s).norm();
  const double scale = system.norm() * arrival_per_s.norm() + n.external_per_s.norm();
  if (!arrival_per_s.allFinite() || residual > kResidualTolerance * scale) {
    std::ostringstream why;
    why << "the traffic equations are ill-conditioned (residual " << residual << "); is an exit probability near 0?";
    fail(why.str());
  }
  // With every probability >= 0 the exact solution is >= 0; clear rounding's -1e-17s so a
  // station with no traffic reads 0, not a negative rate the station formulas reject.
  return arrival_per_s.cwiseMax(0.0);
}

NetworkResult solve(const OpenNetwork& n) {
  NetworkResult result;
  result.arrival_per_s = solve_traffic(n);
  result.stations.reserve(n.stations.size());
  for (std::size_t i = 0; i < n.stations.size(); ++i) {
    result.stations.push_back(solve_station(n.stations[i], result.arrival_per_s(static_cast<Eigen::Index>(i))));
  }
  return result;
}

double mean_response_s(const NetworkResult& r, const Eigen::VectorXd& visits) {
  if (visits.size() != static_cast<Eigen::Index>(r.stations.size())) {
    std::ostringstream why;
    why << "visits has " << visits.size() << " entries for " << r.stations.size() << " stations";
    fail(why.str());
  }
  Eigen::VectorXd response_s(visits.size());
  for (Eigen::Index i = 0; i < visits.size(); ++i) response_s(i) = r.stations[static_cast<std::size_t>(i)].response_s;
  return visits.dot(response_s);
}

}  // namespace whatsim
