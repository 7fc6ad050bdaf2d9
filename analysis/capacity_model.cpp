#include "analysis/capacity_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "analysis/frame_flows.hpp"
#include "analysis/path_latency.hpp"
#include "analysis/tier_stations.hpp"
#include "src/scenario/server_placement.hpp"
#include "src/workload/zipf_weights.hpp"

namespace whatsim {

namespace {

constexpr double kSecondsPerDay = 86400;
constexpr double kSecondsPerHour = 3600;
constexpr double kBitsPerByte = 8;
constexpr double kHoursPerDay = 24;

double mean_devices(const PopulationSpec& p) {
  double mean = 0;
  for (std::size_t k = 0; k < p.devices_per_user_weights.size(); ++k) mean += (k + 1) * p.devices_per_user_weights[k];
  return mean;
}

// The diurnal multiplier a run's measured window (after the warm-up) sees on average, or
// the profile's busiest hour.
double diurnal_multiplier(const Scenario& s, bool peak_hour) {
  const auto& profile = s.population.diurnal_profile;
  if (peak_hour) return *std::max_element(profile.begin(), profile.end());
  const double from_s = s.simulation.warmup_s, to_s = std::max(s.simulation.duration_s, from_s + 1e-9);
  double weighted = 0;
  for (double t = from_s; t < to_s;) {
    const double hour = std::fmod(s.population.start_hour + t / kSecondsPerHour, kHoursPerDay);
    const double next = std::min(to_s, t + (std::floor(hour) + 1 - hour) * kSecondsPerHour);
    weighted += profile[static_cast<std::size_t>(hour) % profile.size()] * (next - t);
    t = next;
  }
  return weighted / (to_s - from_s);
}

double group_members(const Scenario& s) {
  return std::clamp(s.groups.size.mean_members, static_cast<double>(s.groups.size.min_members),
                    static_cast<double>(std::max(s.groups.size_limit, s.groups.size.min_members)));
}

double mean_media_bytes(const MediaSpec& m) {
  double bytes = 0;
  for (const MediaTypeSpec& t : m.types) bytes += t.share * t.size.mean_bytes * t.compression_ratio;
  return bytes;
}

bool groups_on(const Scenario& s) { return s.groups.message_share > 0 && s.groups.groups_per_user > 0; }
bool media_on(const Scenario& s) { return s.media.message_share > 0; }

double modeled_users(const Scenario& s, ModelSize size) {
  if (size == ModelSize::full) return static_cast<double>(s.population.users);
  return static_cast<double>(simulated_users(s));
}

TrafficRates traffic_rates(const Scenario& s, const ModelOptions& o) {
  const SessionModel& session = s.population.session;
  TrafficRates r;
  r.users = modeled_users(s, o.size);
  const double d = mean_devices(s.population);
  r.devices = r.users * d;
  const double connectable = r.devices * (1 - session.always_offline_share);
  r.online_devices = connectable * session.mean_online_s / (session.mean_online_s + session.mean_offline_s);
  r.diurnal_multiplier = diurnal_multiplier(s, o.peak_hour);
  r.messages_per_s = r.users * s.traffic.messages_per_user_per_day / kSecondsPerDay * r.diurnal_multiplier * o.load_factor;
  r.group_per_s = groups_on(s) ? r.messages_per_s * s.groups.message_share : 0;
  r.one_to_one_per_s = r.messages_per_s - r.group_per_s;
  r.media_per_s = media_on(s) ? r.messages_per_s * s.media.message_share : 0;
  r.device_copies_per_s = r.one_to_one_per_s * d + r.group_per_s * std::max(0.0, group_members(s) * d - 1);
  // A read receipt leaves only if the reader is still connected when it opens the message:
  // with exponential sessions and reading delays, a share on / (on + delay) is.
  const double still_online = session.mean_online_s / (session.mean_online_s + s.traffic.mean_read_delay_s);
  // Copies for devices that never connect are never delivered, so never acknowledged.
  r.receipts_per_s = r.device_copies_per_s * (1 - session.always_offline_share) * (1 + s.traffic.read_share * still_online);
  r.heartbeats_per_s = r.online_devices / s.costs.heartbeat_interval_s;
  r.connects_per_s = connectable / (session.mean_online_s + session.mean_offline_s);
  return r;
}

// Route caches. The chance that a chat server still has a user's routes cached when it needs them: the
// last event for that (server, user) pair was a lookup, not a change of the user's routes
// (which invalidates it). Lookups for a user come from the servers of its correspondents,
// the effective number of them from the Zipf weights of its contacts (inverse Simpson
// index); its routes change at every connect and disconnect of its devices.
void route_cache(const Scenario& s, const TrafficRates& r, FlowShares& f, std::uint32_t chat_servers) {
  const std::vector<double> w = zipf_weights(s.population.contacts.contacts_per_user, s.population.contacts.zipf_exponent);
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  double simpson = 0;
  for (double p : w) simpson += (p / total) * (p / total);
  const double correspondents = simpson > 0 ? 1 / simpson : 0;
  const double servers = chat_servers;
  const double asking_servers = servers * (1 - std::pow(1 - 1 / servers, correspondents));
  const double lookups_per_user_s = (r.one_to_one_per_s + r.receipts_per_s) * (1 - f.all_devices_local) / r.users;
  const double per_server_s = asking_servers > 0 ? lookups_per_user_s / asking_servers : 0;
  const SessionModel& m = s.population.session;
  const double changes_per_user_s = 2 * f.devices_per_user * (1 - m.always_offline_share) / (m.mean_online_s + m.mean_offline_s);
  f.route_cache_hit = per_server_s + changes_per_user_s > 0 ? per_server_s / (per_server_s + changes_per_user_s) : 0;
  // A server holds the routes when a change comes with the same probability a lookup hits.
  f.cache_holders = asking_servers * f.route_cache_hit;
}

// Of the receipts, the delivered ones (each delivered copy sends one) and those that find the
// sending device offline. A session outlasts an exponential delay of mean d with probability
// on / (on + d); a delivered receipt waits for an offline recipient's return (mean_offline_s,
// memoryless) and a read receipt also for the reader.
void receipt_shares(const Scenario& s, FlowShares& f) {
  const SessionModel& m = s.population.session;
  const double recipient_offline = m.mean_offline_s / (m.mean_online_s + m.mean_offline_s);
  auto gone_after = [&](double delay_s) { return delay_s / (m.mean_online_s + delay_s); };
  const double still_online = m.mean_online_s / (m.mean_online_s + s.traffic.mean_read_delay_s);
  const double reads = s.traffic.read_share * still_online;  // read receipts per delivered one
  f.delivered_receipt_share = 1 / (1 + reads);
  const double delivered_gone = recipient_offline * gone_after(m.mean_offline_s);
  const double read_gone = gone_after(s.traffic.mean_read_delay_s + recipient_offline * m.mean_offline_s);
  f.sender_offline_share = (delivered_gone + reads * read_gone) / (1 + reads);
}

FlowShares flow_shares(const Scenario& s, const TrafficRates& r, std::uint32_t chat_servers,
                       std::uint32_t message_shards) {
  FlowShares f;
  const PopulationSpec& p = s.population;
  f.devices_per_user = mean_devices(p);
  f.online_share = r.devices > 0 ? r.online_devices / r.devices : 0;
  // The balancer picks a chat server of the region at random: a recipient in the sender's
  // region shares its server with probability 1 / (servers there).
  const auto per_region = servers_per_region(chat_servers, s.deployment.regions);
  for (std::size_t g = 0; g < per_region.size(); ++g) {
    const double share = s.deployment.regions[g].user_share, one = 1.0 / per_region[g];
    f.same_server += share * share * one;
    for (std::size_t k = 0; k < p.devices_per_user_weights.size(); ++k)
      f.all_devices_local += share * share * p.devices_per_user_weights[k] * std::pow(f.online_share * one, k + 1.0);
  }
  route_cache(s, r, f, chat_servers);
  receipt_shares(s, f);
  const double copies_per_device_s = r.devices > 0 ? r.device_copies_per_s / r.devices : 0;
  f.pending_per_drain = copies_per_device_s * p.session.mean_offline_s;
  f.group_members = groups_on(s) ? group_members(s) : 0;
  const double shards = message_shards;
  f.group_shards_touched = shards * (1 - std::pow(1 - 1 / shards, f.group_members * f.devices_per_user));
  f.cdn_hit_share = s.media.popularity.forwarded_share;
  f.dedup_share = s.media.popularity.forwarded_share;
  f.body_bytes = s.traffic.size.mean_bytes;
  f.media_bytes = mean_media_bytes(s.media);
  return f;
}

// The seeds' storage arithmetic: a day's bodies, kept for the retention period if nobody
// deleted them (the upper bound of what the message service may have to hold), and the
// bandwidth they need at the day's mean rate. Always the whole deployment, at load_factor.
StorageModel storage_model(const Scenario& s, const ModelOptions& o, const FlowShares& f) {
  StorageModel st;
  const auto& profile = s.population.diurnal_profile;
  const double day_multiplier = std::accumulate(profile.begin(), profile.end(), 0.0) / profile.size();
  const double messages_per_day = static_cast<double>(s.population.users) * s.traffic.messages_per_user_per_day * day_multiplier * o.load_factor;
  ModelOptions full = o;
  full.size = ModelSize::full;
  const TrafficRates r = traffic_rates(s, full);
  const double copies_per_message = r.messages_per_s > 0 ? r.device_copies_per_s / r.messages_per_s : 0;
  st.message_bytes_per_day = messages_per_day * f.body_bytes;
  st.retention_bytes = st.message_bytes_per_day * s.costs.retention_days;
  st.ingress_bits_per_s = st.message_bytes_per_day * kBitsPerByte / kSecondsPerDay;
  st.egress_bits_per_s = st.ingress_bits_per_s * copies_per_message;
  const SessionModel& m = s.population.session;
  const double waiting_s = m.always_offline_share * s.costs.retention_days * kSecondsPerDay +
                           (1 - m.always_offline_share) * (1 - f.online_share) * m.mean_offline_s;
  st.offline_bytes_steady = messages_per_day / kSecondsPerDay * copies_per_message * waiting_s * (s.costs.frame_overhead_bytes + f.body_bytes);
  for (int day = 1; day <= static_cast<int>(std::ceil(s.costs.retention_days)); ++day)
    st.growth_bytes_by_day.push_back(st.message_bytes_per_day * std::min<double>(day, s.costs.retention_days));
  return st;
}

}  // namespace

CapacityModel build_capacity_model(const Scenario& s, const ModelOptions& options) {
  if (s.population.users == 0) throw std::invalid_argument("population.users must be positive for the capacity model");
  if (s.deployment.chat_servers == 0) throw std::invalid_argument("deployment.chat_servers must be positive for the capacity model");
  CapacityModel m;
  m.options = options;
  m.rates = traffic_rates(s, options);
  const std::uint32_t chat = tier_servers(s, options.size, "chat_server");
  const std::uint32_t shards = tier_servers(s, options.size, "message_service");
  m.shares = flow_shares(s, m.rates, chat, shards);
  m.frames = solve_frame_flows(s, m.rates, m.shares);
  m.stations = tier_stations(s, options.size, m.rates, m.shares, m.frames);
  m.classes = class_latencies(s, m.stations, m.frames, m.shares);
  m.storage = storage_model(s, options, m.shares);
  for (const StationLoad& st : m.stations) {
    m.stable = m.stable && st.cpu_utilization < 1;
    const StationLoad* worst = find_station(m, m.bottleneck);
    if (worst == nullptr || st.binding_utilization > worst->binding_utilization) m.bottleneck = st.tier;
  }
  return m;
}

const StationLoad* find_station(const CapacityModel& model, const std::string& tier) {
  for (const StationLoad& s : model.stations)
    if (s.tier == tier) return &s;
  return nullptr;
}

const ClassLatency* find_class(const CapacityModel& model, const std::string& name) {
  for (const ClassLatency& c : model.classes)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace whatsim
