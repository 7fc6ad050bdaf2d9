#include <catch2/catch.hpp>

#include <stdexcept>

#include "analysis/open_network.hpp"

using whatsim::mean_response_s;
using whatsim::OpenNetwork;
using whatsim::solve;
using whatsim::solve_traffic;
using whatsim::Station;

namespace {

// Stations with one server each and the given mean service times; no routing, no arrivals.
OpenNetwork network_of(std::initializer_list<double> service_s) {
  OpenNetwork n;
  int index = 0;
  for (double s : service_s) n.stations.push_back(Station{"s" + std::to_string(index++), 1, s, 1});
  const auto count = static_cast<Eigen::Index>(n.stations.size());
  n.routing = Eigen::MatrixXd::Zero(count, count);
  n.external_per_s = Eigen::VectorXd::Zero(count);
  return n;
}

// Everything enters at station 0 and goes on to station 1, then leaves.
OpenNetwork tandem(double external_per_s, double service0_s, double service1_s) {
  OpenNetwork n = network_of({service0_s, service1_s});
  n.routing(0, 1) = 1;
  n.external_per_s(0) = external_per_s;
  return n;
}

}  // namespace

TEST_CASE("a tandem of two stations carries the same traffic through both", "[analysis][open-network]") {
  const Eigen::VectorXd lambda = solve_traffic(tandem(0.5, 1.0, 0.5));
  REQUIRE(lambda.size() == 2);
  CHECK(lambda(0) == Approx(0.5));
  CHECK(lambda(1) == Approx(0.5));
}

TEST_CASE("a feedback loop multiplies the arrivals by 1 / (1 - p)", "[analysis][open-network]") {
  OpenNetwork n = network_of({0.1});
  n.routing(0, 0) = 0.5;
  n.external_per_s(0) = 3;
  CHECK(solve_traffic(n)(0) == Approx(3 / (1 - 0.5)));
}

TEST_CASE("a fork splits the traffic by its routing probabilities", "[analysis][open-network]") {
  OpenNetwork n = network_of({0.1, 0.1, 0.1});
  n.routing(0, 1) = 0.3;
  n.routing(0, 2) = 0.7;
  n.external_per_s(0) = 10;
  const Eigen::VectorXd lambda = solve_traffic(n);
  CHECK(lambda(0) == Approx(10));
  CHECK(lambda(1) == Approx(3));
  CHECK(lambda(2) == Approx(7));
}

TEST_CASE("a station nobody routes to gets exactly zero traffic", "[analysis][open-network]") {
  const Eigen::VectorXd lambda = solve_traffic(network_of({0.1, 0.1}));
  CHECK(lambda(0) == 0);
  CHECK(lambda(1) == 0);
}

TEST_CASE("a closed loop with no exit throws naming its stations", "[analysis][open-network]") {
  OpenNetwork n = network_of({0.1, 0.1, 0.1});
  n.routing(0, 1) = 1;  // s0 -> s1 <-> s2, nobody ever leaves
  n.routing(1, 2) = 1;
  n.routing(2, 1) = 1;
  n.external_per_s(0) = 1;
  CHECK_THROWS_AS(solve_traffic(n), std::invalid_argument);
  CHECK_THROWS_WITH(solve_traffic(n), Catch::Contains("\"s0\", \"s1\", \"s2\"") && Catch::Contains("never leave"));

  n.routing(2, 1) = 0.9;  // one exit anywhere downstream opens the whole network
  CHECK(solve_traffic(n)(1) == Approx(10));
}

TEST_CASE("routing that sums above 1 throws naming the station", "[analysis][open-network]") {
  OpenNetwork n = network_of({0.1, 0.1});
  n.routing(0, 0) = 0.6;
  n.routing(0, 1) = 0.6;
  CHECK_THROWS_WITH(solve_traffic(n), Catch::Contains("\"s0\"") && Catch::Contains("1.2"));
}

TEST_CASE("a network whose sizes disagree or whose rates are negative throws", "[analysis][open-network]") {
  OpenNetwork wrong_size = network_of({0.1, 0.1});
  wrong_size.external_per_s = Eigen::VectorXd::Zero(3);
  CHECK_THROWS_AS(solve_traffic(wrong_size), std::invalid_argument);

  OpenNetwork negative = network_of({0.1, 0.1});
  negative.routing(1, 0) = -0.1;
  CHECK_THROWS_WITH(solve_traffic(negative), Catch::Contains("\"s1\""));

  OpenNetwork negative_arrivals = network_of({0.1});
  negative_arrivals.external_per_s(0) = -1;
  CHECK_THROWS_AS(solve_traffic(negative_arrivals), std::invalid_argument);
}

TEST_CASE("a saturated station throws naming it", "[analysis][open-network]") {
  // λ = 0.5/s at both; s1 takes 2.5 s a job: utilization 1.25.
  CHECK_THROWS_WITH(solve(tandem(0.5, 1.0, 2.5)), Catch::Contains("\"s1\"") && Catch::Contains("utilization 1.25"));
}

TEST_CASE("solving a tandem gives each station its M/M/1 figures", "[analysis][open-network]") {
  const auto r = solve(tandem(0.5, 1.0, 0.5));
  REQUIRE(r.stations.size() == 2);
  // s0: ρ = 0.5, R = S / (1 − ρ) = 2 s. s1: ρ = 0.25, R = 0.5 / 0.75 s.
  CHECK(r.stations[0].utilization == Approx(0.5));
  CHECK(r.stations[0].response_s == Approx(2.0));
  CHECK(r.stations[1].utilization == Approx(0.25));
  CHECK(r.stations[1].response_s == Approx(0.5 / 0.75));
}

TEST_CASE("mean response of a tandem is the sum of its stations' responses", "[analysis][open-network]") {
  const auto r = solve(tandem(0.5, 1.0, 0.5));
  CHECK(mean_response_s(r, Eigen::Vector2d(1, 1)) == Approx(2.0 + 0.5 / 0.75));
  CHECK(mean_response_s(r, Eigen::Vector2d(0, 2)) == Approx(2 * 0.5 / 0.75));
  CHECK_THROWS_AS(mean_response_s(r, Eigen::Vector3d(1, 1, 1)), std::invalid_argument);
}

TEST_CASE("a station with non-exponential service is solved as M/G/c", "[analysis][open-network]") {
  OpenNetwork n = network_of({0.5});
  n.stations[0].servers = 4;
  n.stations[0].service_scv = 0;  // deterministic
  n.external_per_s(0) = 6;        // utilization 0.75
  const auto r = solve(n);
  CHECK(r.stations[0].utilization == Approx(0.75));
  CHECK(r.stations[0].wait_s == Approx(whatsim::mmc(6, 0.5, 4).wait_s / 2));
}

TEST_CASE("with fan-out a station may send more jobs than it gets", "[analysis][open-network]") {
  OpenNetwork n = network_of({0.1, 0.1, 0.1});
  n.external_per_s(0) = 2;
  n.fan_out = true;
  n.routing(0, 1) = 3;    // one message, three device copies
  n.routing(1, 2) = 0.5;  // half of the copies are acknowledged
  const Eigen::VectorXd lambda = solve_traffic(n);
  CHECK(lambda(1) == Approx(6));
  CHECK(lambda(2) == Approx(3));
}

TEST_CASE("fan-out that never dies out throws naming the spectral radius", "[analysis][open-network]") {
  OpenNetwork n = network_of({0.1, 0.1});
  n.external_per_s(0) = 1;
  n.fan_out = true;
  n.routing(0, 1) = 2;
  n.routing(1, 0) = 0.5;  // each job comes back as one: radius 1
  CHECK_THROWS_WITH(solve_traffic(n), Catch::Contains("spectral radius 1"));
  n.routing(1, 0) = 0.4;  // radius sqrt(0.8) < 1: it empties
  CHECK(solve_traffic(n)(0) == Approx(5));
}
