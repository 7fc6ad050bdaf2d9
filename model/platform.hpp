#pragma once
// Modeled hardware in SimGrid, built from the scenario: per region a switch, the servers of
// every tier (cores and clock from their hardware profile; 1 flop = 1 CPU cycle), and a
// "devices" host standing for the region's phones behind their access network.
#include <unordered_map>
#include <vector>

#include <simgrid/s4u/Host.hpp>

#include "model/layout.hpp"
#include "model/topology.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

struct Platform {
  Topology topology;
  std::vector<simgrid::s4u::Host*> hosts[kTierCount];  // by tier, then tier index
  std::vector<simgrid::s4u::Host*> device_hosts;        // by region

  simgrid::s4u::Host* host(Tier t, std::uint32_t i) const { return hosts[static_cast<int>(t)][i]; }
  // Unloaded transit time of `bytes` from one host to another: route latency plus bytes over
  // the narrowest link. Used to tell when a frame has arrived and starts waiting for a core.
  double transit_s(const simgrid::s4u::Host* from, const simgrid::s4u::Host* to, double bytes) const;

  struct Path {
    double latency_s = 0;
    double bandwidth_bytes_per_s = 0;
  };
  std::unordered_map<const simgrid::s4u::Host*, std::uint32_t> host_index;
  std::vector<std::vector<Path>> paths;  // by host index, both ends
};

// Creates the SimGrid platform; call once, before any actor is created.
Platform build_platform(const Scenario& s, const Layout& layout);

}  // namespace whatsim
