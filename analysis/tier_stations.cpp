#include "analysis/tier_stations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "analysis/queueing.hpp"
#include "src/scenario/server_placement.hpp"

namespace whatsim {

namespace {

constexpr double kHzPerGhz = 1e9;
constexpr double kBytesPerGb = 1e9;
constexpr double kBitsPerGbit = 1e9;
constexpr double kBitsPerByte = 8;
constexpr double kBytesPerMb = 1e6;
constexpr double kSecondsPerDay = 86400;

struct TierSpec {
  const char* tier;
  std::uint32_t modeled;
  const std::string* profile;
  bool present;
};

std::vector<TierSpec> tiers_of(const Scenario& s) {
  const DeploymentSpec& d = s.deployment;
  const bool groups = s.groups.message_share > 0 && s.groups.groups_per_user > 0;
  const bool media = s.media.message_share > 0;
  return {{"chat_server", d.chat_servers, &d.chat_server_profile, true},
          {"websocket_manager", d.manager_shards, &d.manager_profile, true},
          {"message_service", d.message_shards, &d.message_profile, true},
          {"broker", d.brokers, &d.broker_profile, groups},
          {"group_handler", d.group_handlers, &d.group_handler_profile, groups},
          {"group_service", d.group_service_shards, &d.group_service_profile, groups},
          {"asset_service", d.asset_servers, &d.asset_profile, media},
          {"blob_storage", d.storage_hosts, &d.storage_profile, media},
          {"cdn_pop", d.cdn_pops_per_region, &d.cdn_pop_profile, media}};
}

// The tier's servers: the modeled ones, or those a run of the scenario simulates (a slice's
// share, each server cut to its part of a modeled one: server_placement.hpp).
TierPlacement placement(const Scenario& s, ModelSize size, const TierSpec& t) {
  if (std::string(t.tier) == "cdn_pop") {
    if (size == ModelSize::simulated) return place_pops(s);
    TierPlacement p;
    p.per_region = modeled_pops(s);
    return p;
  }
  if (std::string(t.tier) == "asset_service" && size == ModelSize::simulated) return place_asset_servers(s);
  if (size == ModelSize::simulated)
    return place_tier_servers(s, t.modeled, std::string(t.tier) == "chat_server", fewest_servers(s, t.tier));
  TierPlacement p;
  p.per_region = servers_per_region(t.modeled, s.deployment.regions);
  return p;
}

std::uint32_t count_servers(const Scenario& s, ModelSize size, const TierSpec& t) {
  return placement(s, size, t).count();
}

// Memory a server holds: chat servers their connections, the message service its offline
// copies (Mnesia keeps them in RAM); the other tiers' state is not modeled.
double memory_bytes(const Scenario& s, const StationLoad& st, const TrafficRates& r, const FlowShares& f) {
  if (st.tier == "chat_server") return r.online_devices / st.servers * s.costs.bytes_per_connection;
  if (st.tier != "message_service") return 0;
  // Copies wait until their device reconnects (mean_offline_s), or, for devices that never
  // connect, until they expire after the retention period.
  const SessionModel& m = s.population.session;
  const double never = m.always_offline_share;
  const double waiting_s = never * s.costs.retention_days * kSecondsPerDay + (1 - never) * (1 - f.online_share) * m.mean_offline_s;
  return r.device_copies_per_s * waiting_s * (s.costs.frame_overhead_bytes + f.body_bytes) / st.servers;
}

// Bytes the busier NIC direction carries, one server: media tiers send files, the rest
// send about what they receive.
double nic_bytes_per_s(const StationLoad& st, const TierFrames& in, const std::vector<FrameStation>& frames, const FlowShares& f) {
  double out = in.bytes_in_per_s;
  auto rate = [&](const char* tier, const char* op) {
    const FrameStation* fs = find_frame(frames, tier, op);
    return fs != nullptr ? fs->arrival_per_s : 0.0;
  };
  if (st.tier == "cdn_pop") out = rate("cdn_pop", "download") * f.media_bytes;
  if (st.tier == "blob_storage") out = rate("blob_storage", "read") * f.media_bytes;
  if (st.tier == "asset_service") out = rate("blob_storage", "write") * f.media_bytes;
  return std::max(in.bytes_in_per_s, out) / st.servers;
}

// Disk: blob storage writes new files and reads misses; the message service logs each
// write (Mnesia disc copies). Returns the busier direction's share of its bandwidth.
double disk_share(const ModeledPart& p, StationLoad& st, const std::vector<FrameStation>& frames, const FlowShares& f) {
  auto bytes = [&](const char* tier, const char* op, double each) {
    const FrameStation* fs = find_frame(frames, tier, op);
    return fs != nullptr ? fs->arrival_per_s * each / st.servers : 0.0;
  };
  double write = 0, read = 0;
  if (st.tier == "blob_storage") {
    write = bytes("blob_storage", "write", f.media_bytes);
    read = bytes("blob_storage", "read", f.media_bytes);
  } else if (st.tier == "message_service") {
    write = tier_frames(frames, "message_service").bytes_in_per_s / st.servers;
  } else {
    return 0;
  }
  st.disk_bytes_per_s = write + read;
  st.disk_capacity_bytes_per_s = p.disk_write_mbps * kBytesPerMb;
  const double w = p.disk_write_mbps > 0 ? write / (p.disk_write_mbps * kBytesPerMb) : 0;
  const double r = p.disk_read_mbps > 0 ? read / (p.disk_read_mbps * kBytesPerMb) : 0;
  return std::max(w, r);
}

void name_binding(StationLoad& st, double disk) {
  st.binding = "cpu";
  st.binding_utilization = st.cpu_utilization;
  const std::pair<const char*, double> others[] = {
      {"memory", st.memory_capacity_bytes > 0 ? st.memory_bytes / st.memory_capacity_bytes : 0},
      {"nic", st.nic_capacity_bits_per_s > 0 ? st.nic_bits_per_s / st.nic_capacity_bits_per_s : 0},
      {"disk", disk}};
  for (const auto& [name, share] : others) {
    if (share > st.binding_utilization) {
      st.binding = name;
      st.binding_utilization = share;
    }
  }
}

}  // namespace

std::uint32_t tier_servers(const Scenario& s, ModelSize size, const std::string& tier) {
  for (const TierSpec& t : tiers_of(s))
    if (tier == t.tier) return count_servers(s, size, t);
  return 0;
}

void solve_station_queue(StationLoad& st) {
  const double capacity_cycles_per_s = st.capacity_cores * st.clock_hz;
  const double hardware_cycles_per_s = st.cores * st.clock_hz;
  const double frame_cycles_per_s = st.frames_per_s * st.cycles_per_frame;
  st.cpu_utilization = (frame_cycles_per_s + st.background_cycles_per_s) / capacity_cycles_per_s;
  st.service_s = st.cycles_per_frame / st.clock_hz;
  // Frames queue for the cores the server runs on, whose busy share is below cpu_utilization
  // for a server standing for part of its one core (server_placement.hpp).
  const double cores_busy_share = (frame_cycles_per_s + st.background_cycles_per_s) / hardware_cycles_per_s;
  if (cores_busy_share >= 1) {
    st.wait_s = st.queue_length = std::numeric_limits<double>::infinity();
    return;
  }
  if (st.frames_per_s <= 0 || st.service_s <= 0) return;
  // Each core has its own FIFO queue: a server hashes frames to its cores by user, so that one
  // user's frames keep their order. A server is `cores` M/G/1 queues, each with its share of
  // the arrivals, not one M/G/c queue.
  const double background_share = st.background_cycles_per_s / hardware_cycles_per_s;
  const double stretched_s = st.service_s / (1 - background_share);
  const StationResult r = mg1(st.frames_per_s / st.cores, stretched_s, st.service_scv);
  st.wait_s = r.wait_s;
  st.queue_length = r.queue_length * st.cores;
}

double frame_response_s(const StationLoad& tier, double frame_cycles) {
  const double background_share = tier.background_cycles_per_s / (tier.cores * tier.clock_hz);
  return tier.wait_s + frame_cycles / tier.clock_hz / std::max(1e-12, 1 - background_share);
}

std::vector<StationLoad> tier_stations(const Scenario& s, ModelSize size, const TrafficRates& rates,
                                       const FlowShares& shares, const std::vector<FrameStation>& frames) {
  std::vector<StationLoad> out;
  for (const TierSpec& t : tiers_of(s)) {
    if (!t.present) continue;
    const TierPlacement where = placement(s, size, t);
    // The server as the simulation builds it, and what it stands for (server_placement.hpp).
    const SimulatedServer server = simulated_server(s.profile(*t.profile), where.server_share);
    StationLoad st;
    st.tier = t.tier;
    st.servers = where.count();
    st.cores = server.hardware.cores;
    st.capacity_cores = server.capacity_cores;
    st.clock_hz = server.hardware.clock_ghz * kHzPerGhz;
    const TierFrames in = tier_frames(frames, st.tier);
    st.frames_per_s = in.frames_per_s / st.servers;
    st.cycles_per_frame = in.frames_per_s > 0 ? in.cycles_per_s / in.frames_per_s : 0;
    const double second = in.frames_per_s > 0 ? in.cycles_second_moment / in.frames_per_s : 0;
    st.service_scv = st.cycles_per_frame > 0 ? std::max(0.0, second / (st.cycles_per_frame * st.cycles_per_frame) - 1) : 1;
    if (st.tier == "chat_server") st.background_cycles_per_s = rates.heartbeats_per_s * s.costs.heartbeat_cycles / st.servers;
    solve_station_queue(st);
    st.memory_bytes = memory_bytes(s, st, rates, shares);
    st.memory_capacity_bytes = server.stands_for.ram_gb * kBytesPerGb;
    st.nic_bits_per_s = nic_bytes_per_s(st, in, frames, shares) * kBitsPerByte;
    st.nic_capacity_bits_per_s = server.stands_for.nic_gbps * kBitsPerGbit;
    name_binding(st, disk_share(server.stands_for, st, frames, shares));
    out.push_back(st);
  }
  return out;
}

}  // namespace whatsim
