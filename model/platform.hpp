#pragma once
// Modeled hardware in SimGrid, built from the scenario: per region a switch, the servers of
// every tier (cores and clock from their hardware profile; 1 flop = 1 CPU cycle), and a
// "devices" host standing for the region's phones behind their access network. Media hosts
// (asset service, blob storage, CDN PoPs) move large files, so their link is their NIC
// (the profile's nic_gbps); blob-storage hosts have a disk with the profile's bandwidths.
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <simgrid/s4u/Disk.hpp>
#include <simgrid/s4u/Host.hpp>

#include "model/layout.hpp"
#include "model/topology.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

struct Platform {
  Topology topology;
  std::vector<simgrid::s4u::Host*> hosts[kTierCount];  // by tier, then tier index
  std::vector<simgrid::s4u::Host*> device_hosts;        // by region
  std::vector<simgrid::s4u::Disk*> storage_disks;       // by blob-storage index

  simgrid::s4u::Host* host(Tier t, std::uint32_t i) const { return hosts[static_cast<int>(t)][i]; }
  simgrid::s4u::Host* device_host(std::uint32_t region) const { return device_hosts[region]; }
  simgrid::s4u::Disk* storage_disk(std::uint32_t i) const { return storage_disks[i]; }
  // Sum of link latencies on the route. SimGrid's links carry bandwidth only; the model adds
  // this delay itself (arrival_queue.hpp says why).
  double latency_s(const simgrid::s4u::Host* from, const simgrid::s4u::Host* to) const {
    return route_latency_s[host_index.at(from)][host_index.at(to)];
  }

  std::uint32_t region_of(const simgrid::s4u::Host* h) const { return host_region[host_index.at(h)]; }

  std::unordered_map<const simgrid::s4u::Host*, std::uint32_t> host_index;
  std::vector<std::uint32_t> host_region;            // by host index
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> region_link_names;  // deployment links, both orders
  std::vector<std::vector<double>> route_latency_s;  // by host index, both ends
};

// Where route latency is applied: by the model at the receiver (what whatsim runs; see
// arrival_queue.hpp), or by SimGrid's links (the bare relay benchmark: SimGrid used as is).
enum class LinkLatency { applied_by_model, in_simgrid_links };

// Creates the SimGrid platform; call once, before any actor is created.
Platform build_platform(const Scenario& s, const Layout& layout, LinkLatency latency = LinkLatency::applied_by_model);

}  // namespace whatsim
