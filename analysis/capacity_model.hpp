#pragma once
// The analytic capacity model: the scenario's deployment as an open queueing network of
// stations (one per tier, each server an M/G/c station of its cores), fed by the scenario's
// traffic mix, solved with the traffic equations (open_network.hpp) and Erlang C /
// Pollaczek–Khinchine (queueing.hpp). It answers in microseconds at any size, so
// `whatsim plan` can size the full 2B-user deployment, and every run can be compared with it.
//
// What it assumes (the report names the one that broke when the simulation disagrees):
// Poisson arrivals at every station; a server's frames spread evenly over the tier (hashing);
// route-cache hits from how often a user's routes change against how often a server asks
// for them; devices online in the stationary share of their sessions; no faults
// (plan_report.cpp's model_assumptions() lists them all for the report).
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/frame_flows.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

// Which deployment the model describes.
enum class ModelSize {
  simulated,  // the users and servers a run of the scenario simulates (simulation.scale applied)
  full,       // the whole deployment the scenario describes
};

struct ModelOptions {
  ModelSize size = ModelSize::simulated;
  double load_factor = 1;  // multiplies every traffic rate (the latency-versus-load curve)
  // false: traffic at the diurnal multiplier of the simulated window (what a run sees);
  // true: at the profile's busiest hour (what capacity must be planned for).
  bool peak_hour = false;
};

// Rates of the traffic mix, whole deployment, per second.
struct TrafficRates {
  double users = 0;
  double devices = 0;
  double online_devices = 0;     // stationary share of sessions, never-online devices excluded
  double diurnal_multiplier = 0;  // of messages_per_user_per_day / 86400
  double messages_per_s = 0;      // all sends
  double one_to_one_per_s = 0;
  double group_per_s = 0;
  double media_per_s = 0;         // of the sends, those carrying an attachment
  double device_copies_per_s = 0;  // copies stored for recipient devices (one-to-one and group)
  double receipts_per_s = 0;      // delivered and read receipts
  double heartbeats_per_s = 0;
  double connects_per_s = 0;      // (re)connections; as many disconnections
};

// One tier: each of its servers is one station with `cores` servers.
struct StationLoad {
  std::string tier;  // as in report.json's tiers: chat_server, websocket_manager, message_service, ...
  std::uint32_t servers = 0;
  std::uint32_t cores = 0;       // of the server as simulated: frames queue for these, at clock_hz
  double clock_hz = 0;
  // The cores' worth, at clock_hz, that cpu_utilization is measured against: all of `cores`,
  // or in a slice, for a server below one core's worth, the part of its one core it stands
  // for (src/scenario/server_placement.hpp).
  double capacity_cores = 0;
  double frames_per_s = 0;      // arrivals at one server (traffic equations)
  double cycles_per_frame = 0;  // mean CPU demand of one frame
  double background_cycles_per_s = 0;  // CPU work that is not a frame (heartbeat bookkeeping), one server
  double service_scv = 1;       // squared coefficient of variation of the service time
  double cpu_utilization = 0;   // busy share of capacity_cores, frames and background, 0..1 (>= 1: saturated)
  double wait_s = 0;            // mean wait for a core (Erlang C / M/G/c); infinite when saturated
  double service_s = 0;         // mean service time of a frame on one core
  double queue_length = 0;      // mean frames waiting for a core
  double memory_bytes = 0;      // held per server (connections; the offline store)
  double memory_capacity_bytes = 0;
  double nic_bits_per_s = 0;    // the busier direction, one server
  double nic_capacity_bits_per_s = 0;
  double disk_bytes_per_s = 0;  // writes, one server (0 for tiers without a disk role)
  double disk_capacity_bytes_per_s = 0;
  std::string binding;          // the resource closest to its capacity: cpu, memory, nic or disk
  double binding_utilization = 0;  // its share of capacity used
};

// A latency class's modeled mean, by where the time goes (the simulation's breakdown).
struct ClassLatency {
  std::string name;  // server_ack, delivered (the classes the model covers)
  double mean_ms = 0;
  double network_ms = 0;
  double queueing_ms = 0;
  double server_cpu_ms = 0;
  double device_crypto_ms = 0;
  double other_ms = 0;  // waiting for a device to come back online (a sender that left before its ack,
                        // a recipient offline when the message came)
  double p99_ms = 0;  // the queueing part's tail taken as exponential (an approximation)
};

// What the message service keeps and what crosses the chat tier's NICs, whole deployment.
struct StorageModel {
  double message_bytes_per_day = 0;    // messages x mean body size (the seeds' 10 TB/day)
  double retention_bytes = 0;          // a full retention window of that (the seeds' 300 TB)
  double ingress_bits_per_s = 0;       // bodies arriving, at the day's mean rate (the seeds' ~926 Mb/s)
  double egress_bits_per_s = 0;        // bodies leaving (the same for one-to-one)
  double offline_bytes_steady = 0;     // copies waiting for an offline device, steady state
  std::vector<double> growth_bytes_by_day;  // stored bodies at the end of day 1..retention (no deletes)
};

struct CapacityModel {
  ModelOptions options;
  TrafficRates rates;
  std::vector<FrameStation> frames;  // every kind of frame at every tier, with its rate
  FlowShares shares;                 // the derived shares the routing used
  std::vector<StationLoad> stations;
  std::vector<ClassLatency> classes;
  StorageModel storage;
  bool stable = true;          // every station below full CPU utilization
  std::string bottleneck;      // the tier whose binding resource is the most used
};

// Builds and solves the model. Throws std::invalid_argument naming the field when the
// scenario gives the model nothing to work with (no users, no chat servers).
CapacityModel build_capacity_model(const Scenario& scenario, const ModelOptions& options);

// The station of one tier, or nullptr when the scenario has no such tier.
const StationLoad* find_station(const CapacityModel& model, const std::string& tier);
const ClassLatency* find_class(const CapacityModel& model, const std::string& name);

}  // namespace whatsim
