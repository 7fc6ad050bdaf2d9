// One replication is a host with `servers` cores, an arrival actor and one worker actor per
// core, sharing a FIFO queue; idle workers sleep on a semaphore until an arrival wakes one
// (the producer/consumer pattern of SimGrid's synchro-semaphore example). With as many workers as
// cores, each Exec gets a whole core, so a demand of d flops takes d / core speed seconds.
#include "model/textbook_station.hpp"

#include <cmath>
#include <deque>
#include <iterator>
#include <memory>
#include <stdexcept>

#include <boost/random/exponential_distribution.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include "src/core/random_streams.hpp"

namespace whatsim {
namespace {

namespace sg = simgrid::s4u;

// Any speed works (demands are drawn in seconds and converted); this one keeps flops readable.
constexpr double kCoreFlopsPerS = 1e9;

struct Customer {
  double arrival_s;
  double demand_flops;
};

// What one replication's actors share. Actors are scheduled cooperatively (one runs at a
// time, switching only inside SimGrid calls), so plain fields need no locking.
struct Replication {
  std::deque<Customer> queue;                          // FIFO: served from the front
  sg::SemaphorePtr wake = sg::Semaphore::create(0);   // an idle worker sleeps on it
  std::uint32_t idle_workers = 0;  // asleep on `wake`, or woken and not yet running
  bool arrivals_done = false;
  std::uint64_t started = 0;       // customers whose service has started (= arrival order: FIFO)
  double measured_wait_s = 0;      // sum over the customers after the warm-up
};

void validate(const StationConfig& c) {
  if (c.servers < 1) throw std::invalid_argument("station: servers must be >= 1");
  if (!(c.utilization > 0 && c.utilization < 1))
    throw std::invalid_argument("station: utilization must be in (0, 1)");
  if (!(c.mean_service_s > 0 && std::isfinite(c.mean_service_s)))
    throw std::invalid_argument("station: mean service time must be a positive number");
  if (c.replications < 2) throw std::invalid_argument("station: needs at least 2 replications for an interval");
  if (c.measured_customers < 1) throw std::invalid_argument("station: needs at least 1 measured customer");
}

double draw_demand_s(const StationConfig& c, Rng& rng) {
  if (c.service == ServiceDistribution::deterministic) return c.mean_service_s;
  return boost::random::exponential_distribution<double>(1.0 / c.mean_service_s)(rng);
}

// Wakes one idle worker, if any. A busy worker takes the next customer from the queue itself
// when its service ends, so under load most customers cost no semaphore call: two fewer of
// the half-dozen SimGrid calls a customer costs, each a thread switch under the sanitizers.
void wake_one(Replication& rep) {
  if (rep.idle_workers == 0) return;
  --rep.idle_workers;
  rep.wake->release();
}

// Poisson arrivals; each customer's service demand is drawn when it arrives, from its own
// stream, so the same seed gives the same customers whatever order the workers run in.
void arrive(Replication& rep, const StationConfig& c, Rng arrivals, Rng services) {
  boost::random::exponential_distribution<double> gap_s(c.arrival_per_s());
  const std::uint64_t customers = c.warmup_customers + c.measured_customers;
  for (std::uint64_t i = 0; i < customers; ++i) {
    sg::this_actor::sleep_for(gap_s(arrivals));
    rep.queue.push_back({sg::Engine::get_clock(), draw_demand_s(c, services) * kCoreFlopsPerS});
    wake_one(rep);
  }
  rep.arrivals_done = true;
  while (rep.idle_workers > 0) wake_one(rep);  // so they see there is nothing left and end
}

// Serves from the front of the queue until no customer is left to arrive. A woken worker
// may find the queue empty (a worker ending its service at the same instant took the
// customer): it then sleeps again.
void serve(Replication& rep, std::uint64_t warmup_customers) {
  for (;;) {
    while (rep.queue.empty()) {
      if (rep.arrivals_done) return;
      ++rep.idle_workers;
      rep.wake->acquire();
    }
    const Customer customer = rep.queue.front();
    rep.queue.pop_front();
    if (rep.started++ >= warmup_customers) rep.measured_wait_s += sg::Engine::get_clock() - customer.arrival_s;
    sg::this_actor::execute(customer.demand_flops);
  }
}

void start_replication(std::uint32_t index, Replication& rep, const StationConfig& c, const RandomStreams& streams,
                       sg::NetZone* zone) {
  const std::string name = "replication-" + std::to_string(index);
  sg::Host* host = zone->create_host(name, kCoreFlopsPerS);
  host->set_core_count(static_cast<int>(c.servers));
  host->seal();
  sg::Actor::create(name + "-arrivals", host, [&rep, &c, &streams, index] {
    arrive(rep, c, streams.stream("station-arrivals", index), streams.stream("station-services", index));
  });
  for (std::uint32_t core = 0; core < c.servers; ++core) {
    sg::Actor::create(name + "-server-" + std::to_string(core), host,
                      [&rep, &c] { serve(rep, c.warmup_customers); });
  }
}

}  // namespace

std::string to_string(ServiceDistribution service) {
  return service == ServiceDistribution::exponential ? "exponential" : "deterministic";
}

ServiceDistribution service_distribution_from_string(const std::string& name) {
  if (name == "exponential") return ServiceDistribution::exponential;
  if (name == "deterministic") return ServiceDistribution::deterministic;
  throw std::invalid_argument("service must be exponential or deterministic, got " + name);
}

std::vector<double> simulate_station(const StationConfig& config) {
  validate(config);
  // SimGrid's INFO lines are noise here. Under the sanitizers, actors run on threads:
  // ASan cannot follow SimGrid's hand-made stack switches (as in model/simulation.cpp).
  char name[] = "whatsim-station";
  char quiet[] = "--log=root.thresh:critical";
#ifdef WHATSIM_SANITIZE
  char contexts[] = "--cfg=contexts/factory:thread";
  char* argv[] = {name, quiet, contexts, nullptr};
#else
  char* argv[] = {name, quiet, nullptr};
#endif
  int argc = static_cast<int>(std::size(argv)) - 1;
  sg::Engine engine(&argc, argv);
  sg::NetZone* zone = sg::create_empty_zone("stations");  // no network: nothing is sent
  const RandomStreams streams(config.seed);
  std::vector<std::unique_ptr<Replication>> replications;
  for (std::uint32_t r = 0; r < config.replications; ++r) {
    replications.push_back(std::make_unique<Replication>());
    start_replication(r, *replications.back(), config, streams, zone);
  }
  zone->seal();
  engine.run();

  std::vector<double> mean_wait_s;
  for (const auto& rep : replications)
    mean_wait_s.push_back(rep->measured_wait_s / static_cast<double>(config.measured_customers));
  return mean_wait_s;
}

}  // namespace whatsim
