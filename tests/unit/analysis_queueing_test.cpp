#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "analysis/queueing.hpp"

using whatsim::erlang_c;
using whatsim::mg1;
using whatsim::mgc;
using whatsim::mmc;

namespace {

// Erlang C from its textbook definition, P0 = 1 / (Σ_{k<c} a^k/k! + a^c/c! · c/(c − a)),
// summed in log space (lgamma) so it also works where a^c overflows a double.
double erlang_c_by_sum(unsigned servers, double offered_load) {
  const double c = servers;
  auto term = [&](double k) { return std::exp(k * std::log(offered_load) - std::lgamma(k + 1)); };
  double below_c = 0;
  for (unsigned k = 0; k < servers; ++k) below_c += term(k);
  const double waiting = term(c) * c / (c - offered_load);
  return waiting / (below_c + waiting);
}

}  // namespace

TEST_CASE("an M/M/1 station at half load waits one service time", "[analysis][queueing]") {
  // λ = 0.5/s, μ = 1/s: ρ = 0.5, W = ρ / (μ − λ) = 1 s, R = W + 1/μ = 2 s, Lq = λW = 0.5.
  const auto r = mmc(0.5, 1.0, 1);
  CHECK(r.utilization == Approx(0.5));
  CHECK(r.wait_s == Approx(1.0));
  CHECK(r.response_s == Approx(2.0));
  CHECK(r.queue_length == Approx(0.5));
}

TEST_CASE("Erlang C for two servers at one Erlang is one third", "[analysis][queueing]") {
  // a^c/c! · c/(c − a) = 1/2 · 2 = 1; Σ_{k<2} a^k/k! = 2; C = 1 / (2 + 1).
  CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3));
  CHECK(erlang_c(1, 0.7) == Approx(0.7));  // one server: the chance of waiting is ρ
}

TEST_CASE("Erlang C for four servers at 90% agrees with the direct sum", "[analysis][queueing]") {
  const double a = 4 * 0.9;
  // Direct: Σ_{k<4} 3.6^k/k! = 1 + 3.6 + 6.48 + 7.776 = 18.856; 3.6^4/4! · 4/0.4 = 69.984.
  const double direct = 69.984 / (18.856 + 69.984);
  CHECK(erlang_c(4, a) == Approx(direct));
  CHECK(erlang_c(4, a) == Approx(erlang_c_by_sum(4, a)));

  // W = C / (cμ − λ) with μ = 1/s, λ = 3.6/s.
  const auto r = mmc(3.6, 1.0, 4);
  CHECK(r.utilization == Approx(0.9));
  CHECK(r.wait_s == Approx(direct / (4 - 3.6)));
  CHECK(r.queue_length == Approx(3.6 * r.wait_s));
}

TEST_CASE("Erlang C stays finite for hundreds of servers where the textbook sum overflows", "[analysis][queueing]") {
  // 450^500 is about 1e1326, beyond a double; the recurrence never forms it.
  const double c = erlang_c(500, 450.0);
  CHECK(std::isfinite(c));
  CHECK(c > 0);
  CHECK(c < 1);
  CHECK(c == Approx(erlang_c_by_sum(500, 450.0)).epsilon(1e-9));
}

TEST_CASE("Erlang C rejects a load at or above the servers and zero servers", "[analysis][queueing]") {
  CHECK_THROWS_AS(erlang_c(2, 2.0), std::invalid_argument);
  CHECK_THROWS_WITH(erlang_c(2, 2.5), Catch::Contains("2.5") && Catch::Contains("servers 2"));
  CHECK_THROWS_WITH(erlang_c(0, 0.5), Catch::Contains("servers must be >= 1"));
  CHECK_THROWS_AS(erlang_c(2, -0.1), std::invalid_argument);
}

TEST_CASE("an M/D/1 station waits half as long as an M/M/1 station", "[analysis][queueing]") {
  const auto deterministic = mg1(0.8, 1.0, 0.0);
  const auto exponential = mmc(0.8, 1.0, 1);
  // M/M/1: W = 0.8 / (1 − 0.8) = 4 s; M/D/1: 2 s.
  CHECK(exponential.wait_s == Approx(4.0));
  CHECK(deterministic.wait_s == Approx(exponential.wait_s / 2));
  CHECK(deterministic.response_s == Approx(3.0));
  CHECK(deterministic.queue_length == Approx(1.6));
}

TEST_CASE("Pollaczek-Khinchine with exponential service is M/M/1", "[analysis][queueing]") {
  const auto pk = mg1(3.0, 0.25, 1.0);
  const auto mm1 = mmc(3.0, 0.25, 1);
  CHECK(pk.utilization == Approx(0.75));
  CHECK(pk.wait_s == Approx(mm1.wait_s));
  CHECK(pk.wait_s == Approx(0.75 / (4.0 - 3.0)));  // ρ / (μ − λ)
}

TEST_CASE("Pollaczek-Khinchine grows with the service time's variability", "[analysis][queueing]") {
  // W = λ(1 + scv)S² / (2(1 − ρ)); λ = 0.5, S = 1, scv = 4: 0.5 · 5 / 1 = 2.5 s.
  CHECK(mg1(0.5, 1.0, 4.0).wait_s == Approx(2.5));
}

TEST_CASE("M/G/c with exponential service equals M/M/c", "[analysis][queueing]") {
  const auto approx = mgc(3.6, 1.0, 4, 1.0);
  const auto exact = mmc(3.6, 1.0, 4);
  CHECK(approx.utilization == Approx(exact.utilization));
  CHECK(approx.wait_s == Approx(exact.wait_s));
  CHECK(approx.response_s == Approx(exact.response_s));
  CHECK(approx.queue_length == Approx(exact.queue_length));
}

TEST_CASE("M/G/c scales the M/M/c wait by (1 + scv) / 2 and is Pollaczek-Khinchine for one server",
          "[analysis][queueing]") {
  CHECK(mgc(3.6, 1.0, 4, 0.0).wait_s == Approx(mmc(3.6, 1.0, 4).wait_s / 2));
  CHECK(mgc(3.6, 1.0, 4, 3.0).wait_s == Approx(mmc(3.6, 1.0, 4).wait_s * 2));
  CHECK(mgc(0.6, 1.0, 1, 0.3).wait_s == Approx(mg1(0.6, 1.0, 0.3).wait_s));
}

TEST_CASE("an idle station has no wait", "[analysis][queueing]") {
  const auto r = mmc(0.0, 0.2, 8);
  CHECK(r.utilization == 0);
  CHECK(r.wait_s == 0);
  CHECK(r.response_s == Approx(0.2));
  CHECK(r.queue_length == 0);
}

TEST_CASE("an unstable station throws naming its utilization", "[analysis][queueing]") {
  CHECK_THROWS_WITH(mmc(1.0, 1.0, 1), Catch::Contains("utilization 1"));
  CHECK_THROWS_WITH(mmc(5.0, 1.0, 4), Catch::Contains("utilization 1.25"));
  CHECK_THROWS_WITH(mg1(2.0, 1.0, 0.0), Catch::Contains("M/G/1") && Catch::Contains("utilization 2"));
  CHECK_THROWS_WITH(mgc(9.0, 1.0, 4, 0.5), Catch::Contains("M/G/c") && Catch::Contains("utilization 2.25"));
}

TEST_CASE("station formulas reject negative, non-finite and meaningless inputs", "[analysis][queueing]") {
  CHECK_THROWS_AS(mmc(-1.0, 1.0, 1), std::invalid_argument);
  CHECK_THROWS_AS(mmc(0.5, std::nan(""), 1), std::invalid_argument);
  CHECK_THROWS_AS(mmc(0.5, 1.0, 0), std::invalid_argument);
  CHECK_THROWS_AS(mg1(0.5, 1.0, -0.5), std::invalid_argument);
  CHECK_THROWS_AS(mgc(0.5, 1.0, 2, -0.5), std::invalid_argument);
}
