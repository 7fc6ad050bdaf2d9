#pragma once
// Modeled hardware in SimGrid, built from the scenario: per region a switch, the servers of
// every tier (cores and clock from their hardware profile; 1 flop = 1 CPU cycle), and a
// "devices" host standing for the region's phones behind their access network. Blob-storage
// hosts have a disk with the profile's bandwidths.
//
// Media files move on networks of their own, built of "twins": hosts with no actors whose link
// is a server's NIC (the profile's nic_gbps) or a region's phones' radio, joined through a
// switch per region by links like the deployment's. Why: SimGrid re-solves the bandwidth
// sharing of every flow connected, through shared links, to a flow that starts or ends. A file
// takes seconds; frames start and end hundreds of thousands of times a simulated second. On
// one network each frame re-solved every file in flight. The assumption: frames are a
// negligible part of a media NIC's or a backbone link's bytes, so the two classes do not slow
// each other; each sees the link's full bandwidth.
//
// Files between servers (asset service to storage, storage to a PoP) have one network, each
// server's twin with its whole NIC. Files to or from phones (uploads to the asset service,
// downloads from a PoP) move in `file_lanes` lanes: copies of a network of the phone-facing
// servers and the phones, every NIC and backbone link split evenly between the lanes (a
// phone's radio is a fat pipe, the phone's own in any lane); a file takes the next lane in
// turn. Why lanes: SimGrid's sharing is a single system per group of flows that share links,
// so with one lane every file's start or end re-solves all of a PoP's downloads, and a run's
// cost grows with the square of its files in flight. The assumptions: a server's phone traffic
// and its server traffic flow in opposite directions of a full-duplex NIC (a PoP receives from
// storage and sends to phones; the asset service receives from phones and sends to storage),
// so they do not slow each other; and a NIC split evenly between lanes that each carry an
// equal share of the files saturates at the same load as one shared NIC.
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
  std::uint32_t file_lanes = 1;                         // lanes of the phones' files (above)

  simgrid::s4u::Host* host(Tier t, std::uint32_t i) const { return hosts[static_cast<int>(t)][i]; }
  simgrid::s4u::Host* device_host(std::uint32_t region) const { return device_hosts[region]; }
  simgrid::s4u::Disk* storage_disk(std::uint32_t i) const { return storage_disks[i]; }
  // The twins a file from `from` to `to` moves between: in lane `lane` when one end is a
  // region's phones, on the servers' files network otherwise.
  std::pair<simgrid::s4u::Host*, simgrid::s4u::Host*> file_ends(const simgrid::s4u::Host* from,
                                                                const simgrid::s4u::Host* to,
                                                                std::uint32_t lane) const;
  // Sum of link latencies on the route between two hosts that run actors. SimGrid's links
  // carry bandwidth only; the model adds this delay itself (arrival_queue.hpp says why).
  double latency_s(const simgrid::s4u::Host* from, const simgrid::s4u::Host* to) const {
    return route_latency_s[host_index.at(from)][host_index.at(to)];
  }

  std::uint32_t region_of(const simgrid::s4u::Host* h) const { return host_region[host_index.at(h)]; }

  std::unordered_map<const simgrid::s4u::Host*, simgrid::s4u::Host*> server_file_twins;  // media server -> twin
  std::unordered_map<const simgrid::s4u::Host*, std::vector<simgrid::s4u::Host*>> lane_twins;  // by lane
  std::unordered_map<const simgrid::s4u::Host*, std::uint32_t> host_index;  // hosts that run actors
  std::vector<std::uint32_t> host_region;            // by host index
  // A deployment link's SimGrid links (the frames', the server files' and every lane's), under
  // both orders of its regions.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::string>> region_link_names;
  std::vector<std::vector<double>> route_latency_s;  // by host index, both ends
};

// Where route latency is applied: by the model at the receiver (what whatsim runs; see
// arrival_queue.hpp), or by SimGrid's links (the bare relay benchmark: SimGrid used as is).
enum class LinkLatency { applied_by_model, in_simgrid_links };

// Creates the SimGrid platform; call once, before any actor is created.
Platform build_platform(const Scenario& s, const Layout& layout, LinkLatency latency = LinkLatency::applied_by_model);

}  // namespace whatsim
