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
const HardwareProfile kNoWork{"bulk", 1, 1, 0, 0, 0, 0};  // a bulk twin runs no actor

bool moves_media(Tier t) { return t == Tier::asset_service || t == Tier::blob_storage || t == Tier::cdn_pop; }

TopologyLink segment_link(const std::string& name, const NetworkSegment& seg, bool shared) {
  return {name, seg.latency_ms / kMsPerS, bytes_per_s_from_gbps(seg.bandwidth_gbps), shared};
}

struct Builder {
  Builder(const Scenario& scenario, const Layout& l, LinkLatency where)
      : s(scenario), layout(l), latency(where), zone(sg::create_full_zone("whatsim")) {}

  const Scenario& s;
  const Layout& layout;
  LinkLatency latency;
  Platform platform;
  sg::NetZone* zone;
  bool with_files = false;                     // a media tier has servers: build the files' network
  std::vector<Topology::Vertex> switches;      // the frames' network, by region
  std::vector<Topology::Vertex> bulk_switches;  // the files' network (platform.hpp), by region
  std::vector<std::pair<sg::Host*, Topology::Vertex>> host_vertices;
  std::vector<std::uint32_t> host_regions;  // parallel to host_vertices
  std::vector<bool> on_bulk_side;           // parallel to host_vertices: a twin, on the files' network
  // A region's phones send over their uplink and receive over their downlink: the radio's
  // two directions have different rates. The topology graph holds the uplink (one edge per
  // phone host); routes that end at phones swap it for the downlink.
  std::map<std::size_t, TopologyLink> downlink_of_uplink;
  std::size_t last_edge = 0;

  sg::Host* add_host(const std::string& name, const HardwareProfile& p, std::uint32_t region, const NetworkSegment& seg,
                     bool shared_link, bool with_disk = false, bool bulk = false) {
    sg::Host* h = zone->create_host(name, p.clock_ghz * 1e9);
    h->set_core_count(static_cast<int>(p.cores));
    if (with_disk) {
      platform.storage_disks.push_back(
          h->create_disk(name + "-disk", bytes_per_s_from_mb_per_s(p.disk_read_mbps),
                         bytes_per_s_from_mb_per_s(p.disk_write_mbps))->seal());
    }
    h->seal();
    const auto v = platform.topology.add_node();
    last_edge = platform.topology.add_link(v, (bulk ? bulk_switches : switches)[region],
                                           segment_link(name + "-link", seg, shared_link));
    host_vertices.emplace_back(h, v);
    host_regions.push_back(region);
    on_bulk_side.push_back(bulk);
    return h;
  }

  // `of`'s twin on the files' network; its link is `seg`: the server's NIC, or the phones'
  // radio (uplink; the downlink is swapped in on routes to them, as for frames).
  sg::Host* add_bulk_twin(const sg::Host* of, std::uint32_t region, const NetworkSegment& seg, bool shared_link) {
    sg::Host* twin = add_host(of->get_name() + "-bulk", kNoWork, region, seg, shared_link, false, true);
    platform.bulk_twins[of] = twin;
    return twin;
  }

  void add_regions() {
    for (int t : {static_cast<int>(Tier::asset_service), static_cast<int>(Tier::blob_storage), static_cast<int>(Tier::cdn_pop)})
      with_files = with_files || !layout.servers[t].empty();
    switches.resize(s.deployment.regions.size());
    for (auto& sw : switches) sw = platform.topology.add_node();
    if (with_files) {
      bulk_switches.resize(s.deployment.regions.size());
      for (auto& sw : bulk_switches) sw = platform.topology.add_node();
    }
    std::map<std::string, std::uint32_t> index;
    for (std::uint32_t r = 0; r < s.deployment.regions.size(); ++r) index[s.deployment.regions[r].name] = r;
    for (const auto& l : s.deployment.links) {
      const std::uint32_t a = index.at(l.from), b = index.at(l.to);
      const NetworkSegment seg{l.latency_ms, l.bandwidth_gbps};
      const std::string name = l.from + "-" + l.to;
      std::vector<std::string> names{name};
      platform.topology.add_link(switches[a], switches[b], segment_link(name, seg, true));
      if (with_files) {
        names.push_back(name + "-bulk");
        platform.topology.add_link(bulk_switches[a], bulk_switches[b], segment_link(names.back(), seg, true));
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
        if (moves_media(tier)) add_bulk_twin(h, slot.region, nic, true);
      }
    }
  }

  // Phones do not share a CPU or a radio: their host is fast and its links fat pipes, which
  // give every transfer the phone's own rate (uplink or downlink) whatever else is in flight,
  // so contention is modeled on the servers' side only.
  void add_device_hosts() {
    const HardwareProfile phones{"phones", 1, 1000.0, 0, 0, 0, 0};
    const double latency_ms = s.deployment.access.latency_ms;
    for (std::uint32_t r = 0; r < s.deployment.regions.size(); ++r) {
      const std::string name = s.deployment.regions[r].name + "-devices";
      const NetworkSegment uplink{latency_ms, s.phone.uplink_mbps / 1000.0};
      const TopologyLink downlink{"-downlink", latency_ms / kMsPerS, bytes_per_s_from_mbps(s.phone.downlink_mbps), false};
      platform.device_hosts.push_back(add_host(name, phones, r, uplink, false));
      downlink_of_uplink[last_edge] = {name + downlink.name, downlink.latency_s, downlink.bandwidth_bytes_per_s, false};
      if (!with_files) continue;
      const sg::Host* twin = add_bulk_twin(platform.device_hosts.back(), r, uplink, false);
      downlink_of_uplink[last_edge] = {twin->get_name() + downlink.name, downlink.latency_s,
                                       downlink.bandwidth_bytes_per_s, false};
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

  void add_routes() {
    const auto n = static_cast<std::uint32_t>(host_vertices.size());
    platform.route_latency_s.assign(n, std::vector<double>(n, 0.0));
    platform.host_region = host_regions;
    for (std::uint32_t a = 0; a < n; ++a) {
      const auto& [src, sv] = host_vertices[a];
      platform.host_index[src] = a;
      for (std::uint32_t b = 0; b < n; ++b) {
        const auto& [dst, dv] = host_vertices[b];
        if (on_bulk_side[a] != on_bulk_side[b]) continue;  // the two networks are not joined
        if (src == dst) {
          add_loopback(src);
          continue;
        }
        std::vector<sg::LinkInRoute> links;
        const std::vector<std::size_t> path = platform.topology.route(sv, dv);
        for (std::size_t i : path) {
          auto down = downlink_of_uplink.find(i);
          const bool to_phones = i == path.back() && down != downlink_of_uplink.end();
          const TopologyLink& l = to_phones ? down->second : platform.topology.links()[i];
          links.emplace_back(sg::Link::by_name(l.name));
          platform.route_latency_s[a][b] += l.latency_s;
        }
        zone->add_route(src->get_netpoint(), dst->get_netpoint(), nullptr, nullptr, links, false);
      }
    }
  }
};

}  // namespace

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
