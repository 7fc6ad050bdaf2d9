#pragma once
// Modeled hardware in SimGrid, built from the scenario: per region a switch, the servers of
// every tier (cores and clock from their hardware profile; 1 flop = 1 CPU cycle), and a
// "devices" host standing for the region's phones behind their access network. Blob-storage
// hosts have a disk with the profile's bandwidths.
//
// Media files move on a network of their own. Every host that moves files (asset servers,
// storage hosts, CDN PoPs, each region's phones) has a "bulk" twin: a host with no actors whose
// link is the server's NIC (the profile's nic_gbps) or the phones' radio, joined through a bulk
// switch per region by links like the deployment's. Why: SimGrid re-solves the bandwidth sharing
// of every flow connected, through shared links, to a flow that starts or ends. A file takes
// seconds; frames start and end hundreds of thousands of times a simulated second. On one
// network each frame re-solved every file in flight (the run spent most of its time in
// lmm::MaxMin::do_solve and slowed as files accumulated). Apart, files still share NICs,
// radios and the backbone with each other, and frames with each other. (A region's files
// remain one sharing system through its phones' radio link; SimGrid 3.32 cannot cap a
// host-to-host flow by rate instead: Comm::set_rate is refused once sendto_init has set its
// hosts, and not passed on to the flow otherwise.) The assumption: frames
// are a negligible part of a media NIC's or a backbone link's bytes, so the two classes do
// not slow each other; each sees the link's full bandwidth.
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

  std::unordered_map<const simgrid::s4u::Host*, simgrid::s4u::Host*> bulk_twins;  // file-moving host -> its twin

  simgrid::s4u::Host* host(Tier t, std::uint32_t i) const { return hosts[static_cast<int>(t)][i]; }
  // The twin a file from or to `h` moves through (see above).
  simgrid::s4u::Host* bulk_twin(const simgrid::s4u::Host* h) const { return bulk_twins.at(h); }
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
  // A deployment link's SimGrid links (the frames' and the files'), under both orders of its regions.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::string>> region_link_names;
  std::vector<std::vector<double>> route_latency_s;  // by host index, both ends
};

// Where route latency is applied: by the model at the receiver (what whatsim runs; see
// arrival_queue.hpp), or by SimGrid's links (the bare relay benchmark: SimGrid used as is).
enum class LinkLatency { applied_by_model, in_simgrid_links };

// Creates the SimGrid platform; call once, before any actor is created.
Platform build_platform(const Scenario& s, const Layout& layout, LinkLatency latency = LinkLatency::applied_by_model);

}  // namespace whatsim
