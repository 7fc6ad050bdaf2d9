#include "model/platform.hpp"

#include <algorithm>
#include <map>

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>

#include "model/units.hpp"

namespace whatsim {
namespace {

namespace sg = simgrid::s4u;

constexpr double kLoopbackBytesPerS = 1e12;  // memory copy, not a network: effectively free
const HardwareProfile kNoWork{"twin", 1, 1, 0, 0, 0, 0};  // a twin runs no actor

bool moves_media(Tier t) { return t == Tier::asset_service || t == Tier::blob_storage || t == Tier::cdn_pop; }
// Servers phones send files to or fetch them from (the rest move files between servers only).
bool faces_phones(Tier t) { return t == Tier::asset_service || t == Tier::cdn_pop; }

TopologyLink segment_link(const std::string& name, const NetworkSegment& seg, bool shared) {
  return {name, seg.latency_ms / kMsPerS, bytes_per_s_from_gbps(seg.bandwidth_gbps), shared};
}

// The networks of platform.hpp: hosts of different networks have no route between them.
constexpr std::uint32_t kFrames = 0;
constexpr std::uint32_t kServerFiles = 1;
constexpr std::uint32_t kFirstLane = 2;

struct Builder {
  Builder(const Scenario& scenario, const Layout& l, LinkLatency where)
      : s(scenario), layout(l), latency(where), zone(sg::create_full_zone("whatsim")) {
    platform.file_lanes = file_lanes(s);
  }

  const Scenario& s;
  const Layout& layout;
  LinkLatency latency;
  Platform platform;
  sg::NetZone* zone;
  bool with_files = false;                          // a media tier has servers: build the files' networks
  std::vector<std::vector<Topology::Vertex>> switches;  // by network, then region
  struct HostVertex {
    sg::Host* host;
    Topology::Vertex vertex;
    std::uint32_t region;
    std::uint32_t network;
    bool phones;  // a region's phones, or their twin
  };
  std::vector<HostVertex> host_vertices;
  // A region's phones send over their uplink and receive over their downlink: the radio's
  // two directions have different rates. The topology graph holds the uplink (one edge per
  // phone host); routes that end at phones swap it for the downlink.
  std::map<std::size_t, TopologyLink> downlink_of_uplink;
  std::size_t last_edge = 0;

  std::uint32_t networks() const { return with_files ? kFirstLane + platform.file_lanes : 1; }
  static std::string lane_suffix(std::uint32_t network) {
    return network == kServerFiles ? "-bulk" : "-lane" + std::to_string(network - kFirstLane);
  }
  // A lane has an even part of every shared link's bandwidth.
  NetworkSegment part_for(std::uint32_t network, NetworkSegment seg) const {
    if (network >= kFirstLane) seg.bandwidth_gbps /= platform.file_lanes;
    return seg;
  }

  sg::Host* add_host(const std::string& name, const HardwareProfile& p, std::uint32_t region, const NetworkSegment& seg,
                     bool shared_link, bool with_disk = false, std::uint32_t network = kFrames, bool phones = false) {
    sg::Host* h = zone->create_host(name, p.clock_ghz * 1e9);
    h->set_core_count(static_cast<int>(p.cores));
    if (with_disk) {
      platform.storage_disks.push_back(
          h->create_disk(name + "-disk", bytes_per_s_from_mb_per_s(p.disk_read_mbps),
                         bytes_per_s_from_mb_per_s(p.disk_write_mbps))->seal());
    }
    h->seal();
    const auto v = platform.topology.add_node();
    last_edge = platform.topology.add_link(v, switches[network][region], segment_link(name + "-link", seg, shared_link));
    host_vertices.push_back({h, v, region, network, phones});
    return h;
  }

  // `of`'s twin on a files' network; its link is `seg` (the server's NIC, or the phones'
  // radio: the uplink, the downlink being swapped in on routes to them, as for frames).
  sg::Host* add_twin(const sg::Host* of, std::uint32_t region, const NetworkSegment& seg, bool shared_link,
                     std::uint32_t network) {
    return add_host(of->get_name() + lane_suffix(network), kNoWork, region, part_for(network, seg), shared_link, false,
                    network);
  }

  void add_regions() {
    for (int t : {static_cast<int>(Tier::asset_service), static_cast<int>(Tier::blob_storage), static_cast<int>(Tier::cdn_pop)})
      with_files = with_files || !layout.servers[t].empty();
    switches.resize(networks());
    for (auto& of_network : switches) {
      of_network.resize(s.deployment.regions.size());
      for (auto& sw : of_network) sw = platform.topology.add_node();
    }
    std::map<std::string, std::uint32_t> index;
    for (std::uint32_t r = 0; r < s.deployment.regions.size(); ++r) index[s.deployment.regions[r].name] = r;
    for (const auto& l : s.deployment.links) {
      const std::uint32_t a = index.at(l.from), b = index.at(l.to);
      const NetworkSegment seg{l.latency_ms, l.bandwidth_gbps};
      std::vector<std::string> names;
      for (std::uint32_t n = 0; n < networks(); ++n) {
        names.push_back(l.from + "-" + l.to + (n == kFrames ? "" : lane_suffix(n)));
        platform.topology.add_link(switches[n][a], switches[n][b], segment_link(names.back(), part_for(n, seg), true));
      }
      platform.region_link_names[{a, b}] = platform.region_link_names[{b, a}] = names;
    }
  }

  void add_servers() {
    for (int t = 0; t < kTierCount; ++t) {
      if (layout.servers[t].empty()) continue;  // media tiers when media is off: their profiles need not exist
      const auto tier = static_cast<Tier>(t);
      const HardwareProfile& p = layout.hardware_of(tier);
      const NetworkSegment nic{s.deployment.datacenter.latency_ms, p.nic_gbps};
      for (const auto& slot : layout.servers[t]) {
        sg::Host* h = add_host(slot.host_name, p, slot.region, s.deployment.datacenter, true, tier == Tier::blob_storage);
        platform.hosts[t].push_back(h);
        if (moves_media(tier)) platform.server_file_twins[h] = add_twin(h, slot.region, nic, true, kServerFiles);
        if (!faces_phones(tier)) continue;
        for (std::uint32_t lane = 0; lane < platform.file_lanes; ++lane)
          platform.lane_twins[h].push_back(add_twin(h, slot.region, nic, true, kFirstLane + lane));
      }
    }
  }

  // Phones do not share a CPU or a radio: their host is fast and its links fat pipes, which
  // give every transfer the phone's own rate (uplink or downlink) whatever else is in flight,
  // so contention is modeled on the servers' side only.
  void add_device_hosts() {
    const HardwareProfile phones{"phones", 1, 1000.0, 0, 0, 0, 0};
    const double latency_ms = s.deployment.access.latency_ms;
    const NetworkSegment uplink{latency_ms, s.phone.uplink_mbps / 1000.0};
    const TopologyLink downlink{"-downlink", latency_ms / kMsPerS, bytes_per_s_from_mbps(s.phone.downlink_mbps), false};
    auto swap_in_downlink = [&](const sg::Host* h) {
      downlink_of_uplink[last_edge] = {h->get_name() + downlink.name, downlink.latency_s, downlink.bandwidth_bytes_per_s,
                                       false};
    };
    for (std::uint32_t r = 0; r < s.deployment.regions.size(); ++r) {
      sg::Host* h = add_host(s.deployment.regions[r].name + "-devices", phones, r, uplink, false, false, kFrames, true);
      platform.device_hosts.push_back(h);
      swap_in_downlink(h);
      if (!with_files) continue;
      for (std::uint32_t lane = 0; lane < platform.file_lanes; ++lane) {
        // A fat pipe: the lane's part of the bandwidth would be wrong for a phone's own radio.
        sg::Host* twin = add_host(h->get_name() + lane_suffix(kFirstLane + lane), kNoWork, r, uplink, false, false,
                                  kFirstLane + lane, true);
        platform.lane_twins[h].push_back(twin);
        swap_in_downlink(twin);
      }
    }
  }

  // Frames a server sends to itself (one core's worker to another's) cross no network.
  void add_loopback(sg::Host* h) {
    sg::Link* loop = zone->create_link(h->get_name() + "-loopback", kLoopbackBytesPerS);
    loop->set_sharing_policy(sg::Link::SharingPolicy::FATPIPE);
    loop->seal();
    zone->add_route(h->get_netpoint(), h->get_netpoint(), nullptr, nullptr, {sg::LinkInRoute(loop)}, false);
  }

  void create_links() {
    std::vector<TopologyLink> all = platform.topology.links();
    for (const auto& [uplink, downlink] : downlink_of_uplink) all.push_back(downlink);
    for (const auto& l : all) {
      sg::Link* link = zone->create_link(l.name, l.bandwidth_bytes_per_s);
      if (latency == LinkLatency::in_simgrid_links) link->set_latency(l.latency_s);
      link->set_sharing_policy(l.shared ? sg::Link::SharingPolicy::SHARED : sg::Link::SharingPolicy::FATPIPE);
      link->seal();
    }
  }

  // Which pairs have a route: on the frames' and the server files' networks every pair; in a
  // lane only phones and servers, the only pairs a lane's file moves between (a full cell
  // has thousands of lane twins).
  static bool has_route(const HostVertex& a, const HostVertex& b) {
    if (a.network != b.network) return false;
    return a.network < kFirstLane || a.phones != b.phones;
  }

  void add_routes() {
    const auto n = static_cast<std::uint32_t>(host_vertices.size());
    std::vector<std::uint32_t> actor_hosts;  // indices of host_vertices on the frames' network
    for (std::uint32_t a = 0; a < n; ++a) {
      if (host_vertices[a].network != kFrames) continue;
      platform.host_index[host_vertices[a].host] = static_cast<std::uint32_t>(actor_hosts.size());
      platform.host_region.push_back(host_vertices[a].region);
      actor_hosts.push_back(a);
    }
    platform.route_latency_s.assign(actor_hosts.size(), std::vector<double>(actor_hosts.size(), 0.0));
    for (std::uint32_t a = 0; a < n; ++a) {
      const HostVertex& src = host_vertices[a];
      const Topology::Routes routes = platform.topology.routes_from(src.vertex);
      for (std::uint32_t b = 0; b < n; ++b) {
        const HostVertex& dst = host_vertices[b];
        if (!has_route(src, dst)) continue;
        if (src.host == dst.host) {
          if (src.network == kFrames) add_loopback(src.host);
          continue;
        }
        std::vector<sg::LinkInRoute> links;
        double latency_s = 0;
        const std::vector<std::size_t> path = routes.to(dst.vertex);
        for (std::size_t i : path) {
          auto down = downlink_of_uplink.find(i);
          const bool to_phones = i == path.back() && down != downlink_of_uplink.end();
          const TopologyLink& l = to_phones ? down->second : platform.topology.links()[i];
          links.emplace_back(sg::Link::by_name(l.name));
          latency_s += l.latency_s;
        }
        zone->add_route(src.host->get_netpoint(), dst.host->get_netpoint(), nullptr, nullptr, links, false);
        if (src.network == kFrames)
          platform.route_latency_s[platform.host_index.at(src.host)][platform.host_index.at(dst.host)] = latency_s;
      }
    }
  }
};

}  // namespace

std::pair<sg::Host*, sg::Host*> Platform::file_ends(const sg::Host* from, const sg::Host* to, std::uint32_t lane) const {
  const bool phones = std::find(device_hosts.begin(), device_hosts.end(), from) != device_hosts.end() ||
                      std::find(device_hosts.begin(), device_hosts.end(), to) != device_hosts.end();
  if (phones) return {lane_twins.at(from).at(lane), lane_twins.at(to).at(lane)};
  return {server_file_twins.at(from), server_file_twins.at(to)};
}

Platform build_platform(const Scenario& s, const Layout& layout, LinkLatency latency) {
  Builder b(s, layout, latency);
  b.add_regions();
  b.add_servers();
  b.add_device_hosts();
  b.create_links();
  b.add_routes();
  b.zone->seal();
  return std::move(b.platform);
}

}  // namespace whatsim
