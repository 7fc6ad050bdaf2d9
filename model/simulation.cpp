#include "model/simulation.hpp"

#include <chrono>
#include <memory>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "model/asset_server.hpp"
#include "model/broker.hpp"
#include "model/cdn_pop.hpp"
#include "model/chat_server.hpp"
#include "model/crypto_report.hpp"
#include "model/fault_injector.hpp"
#include "model/group_handler.hpp"
#include "model/group_report.hpp"
#include "model/group_service_shard.hpp"
#include "model/manager_shard.hpp"
#include "model/media_report.hpp"
#include "model/media_services.hpp"
#include "model/message_shard.hpp"
#include "model/platform.hpp"
#include "model/population.hpp"
#include "model/storage_host.hpp"
#include "model/tier_report.hpp"
#include "model/user_service_shard.hpp"
#include "src/fault/fault_schedule.hpp"
#include "src/workload/profile_assignment.hpp"

namespace whatsim {

namespace sg = simgrid::s4u;

namespace {

// The stopper wakes this many times per run: progress lines and storage samples.
constexpr int kProgressSteps = 100;

void sample_storage(const std::vector<std::unique_ptr<MessageShard>>& shards, StorageReport& storage) {
  storage.offline_bytes_end = 0;
  storage.offline_frames_end = 0;
  for (const auto& shard : shards) {
    storage.offline_bytes_end += shard->stored_bytes();
    storage.offline_frames_end += shard->stored_frames();
  }
  storage.offline_bytes_peak = std::max(storage.offline_bytes_peak, storage.offline_bytes_end);
  storage.offline_frames_peak = std::max(storage.offline_frames_peak, storage.offline_frames_end);
}

// Every server of a tier gets one worker actor per core, all daemons: the run ends when the
// stopper actor returns.
template <class Server>
void start_workers(World& world, const Platform& platform, Tier tier, std::vector<std::unique_ptr<Server>>& servers) {
  for (std::uint32_t i = 0; i < world.layout.count(tier); ++i) {
    servers.push_back(std::make_unique<Server>(world, i));
    Server* server = servers.back().get();
    for (std::uint32_t w = 0; w < world.post.workers(tier, i); ++w) {
      sg::Actor::create(world.layout.slot(tier, i).host_name + "/core" + std::to_string(w), platform.host(tier, i),
                        [&world, tier, i, w, server] {
                          sg::Actor::self()->daemonize();
                          serve_frames(world, tier, i, w, *server);
                        });
    }
  }
}

// The message service deletes copies older than the retention period, checking periodically.
void start_expiry(const Platform& platform, std::vector<std::unique_ptr<MessageShard>>& shards, double interval_s) {
  for (std::uint32_t i = 0; i < shards.size(); ++i) {
    MessageShard* shard = shards[i].get();
    sg::Actor::create("expiry-" + std::to_string(i), platform.host(Tier::message_service, i), [shard, interval_s] {
      sg::Actor::self()->daemonize();
      for (;;) {
        sg::this_actor::sleep_for(interval_s);
        shard->expire(sg::Engine::get_clock());
      }
    });
  }
}

// Heartbeats keep every connection's "last seen" fresh. Their cost is charged in bulk once
// per interval (connections x cycles) rather than as one event per device.
void start_heartbeats(World& world, const Platform& platform) {
  for (std::uint32_t i = 0; i < world.layout.count(Tier::chat_server); ++i) {
    sg::Actor::create("heartbeats-" + std::to_string(i), platform.host(Tier::chat_server, i), [&world, i] {
      sg::Actor::self()->daemonize();
      ServerStats& stats = world.post.stats(Tier::chat_server, i);
      for (;;) {
        sg::this_actor::sleep_for(world.costs().heartbeat_interval_s);
        const double cycles = static_cast<double>(stats.connections()) * world.costs().heartbeat_cycles;
        stats.background(sg::Engine::get_clock(), cycles);
        if (cycles > 0) sg::this_actor::execute(cycles);
      }
    });
  }
}

// Queue depth over simulated time: at the end of every availability window, the frames
// waiting for a core summed over all servers, one sum per window (cheap: a look at each
// server's counter), for the report's timeline.
void start_queue_sampler(World& world, const Platform& platform, double window_s) {
  sg::Actor::create("queue-sampler", platform.device_hosts[0], [&world, window_s] {
    sg::Actor::self()->daemonize();
    for (std::uint64_t windows_ended = 1;; ++windows_ended) {
      // Sleeping until a multiple of the window, not by it, so the sample times do not drift.
      const double window_end_s = static_cast<double>(windows_ended) * window_s;
      sg::this_actor::sleep_until(window_end_s);
      std::uint64_t queued = 0;
      for (int t = 0; t < kTierCount; ++t)
        for (std::uint32_t i = 0; i < world.layout.count(static_cast<Tier>(t)); ++i)
          queued += world.post.stats(static_cast<Tier>(t), i).waiting_at(window_end_s);
      world.recorder.queued_frames(window_end_s, queued);
    }
  });
}

GroupSizeDraw size_draw(const GroupsSpec& g) {
  return {g.size.kind == "lognormal", g.size.mean_members, g.size.sigma, g.size.min_members, g.size_limit};
}

// The groups that exist at time 0: every device of every member is entitled from the
// group's first record on.
void record_initial_members(const GroupDirectory& groups, const DeviceDirectory& devices, Recorder& recorder) {
  for (GroupId g = 1; g <= groups.groups(); ++g) {
    for (UserId u : groups.group(g).members) {
      const DeviceId first = devices.first_device(u);
      for (DeviceId d = first; d < first + devices.device_count(u); ++d)
        recorder.record({0, EventKind::member_from, {}, group_stream(g), 1, d, 0});
    }
  }
}

// The media side's server processes, when the scenario has media.
struct MediaServers {
  std::vector<std::unique_ptr<AssetServer>> assets;
  std::vector<std::unique_ptr<StorageHost>> storage;
  std::vector<std::unique_ptr<CdnPop>> pops;
};

// Their workers, and a courier per region and lane to move the files (courier.hpp).
void start_media(World& world, const Platform& platform, MediaServices& media, MediaServers& servers) {
  start_workers(world, platform, Tier::asset_service, servers.assets);
  start_workers(world, platform, Tier::blob_storage, servers.storage);
  start_workers(world, platform, Tier::cdn_pop, servers.pops);
  media.couriers.resize(platform.device_hosts.size());
  for (std::uint32_t r = 0; r < platform.device_hosts.size(); ++r) {
    for (std::uint32_t lane = 0; lane < platform.file_lanes; ++lane) {
      const std::string name = "courier-" + std::to_string(r) + "-" + std::to_string(lane);
      media.couriers[r].push_back(std::make_unique<Courier>(world.post, world.platform, name, lane));
      Courier* courier = media.couriers[r].back().get();
      sg::Actor::create(name, platform.device_hosts[r], [courier] {
        sg::Actor::self()->daemonize();
        courier->run();
      });
    }
  }
}

}  // namespace

RunReport run_simulation(const Scenario& s, const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  // SimGrid's own INFO lines (configuration, comms cut off by the end of the run) are noise here.
  char name[] = "whatsim";
  char quiet[] = "--log=root.thresh:critical";
#ifdef WHATSIM_SANITIZE
  // ASan cannot follow SimGrid's hand-made stack switches; real threads it can.
  char contexts[] = "--cfg=contexts/factory:thread";
  char* argv[] = {name, quiet, contexts, nullptr};
  int argc = 3;
#else
  char* argv[] = {name, quiet, nullptr};
  int argc = 2;
#endif
  sg::Engine engine(&argc, argv);
  sg::Engine::set_config("network/model:" + s.simulation.network_model);
  sg::Engine::set_config("network/crosstraffic:0");

  const Layout layout = plan_layout(s);
  const Platform platform = build_platform(s, layout);
  const RandomStreams streams(s.simulation.seed);
  Rng directory_rng = streams.stream("devices");
  const DeviceDirectory devices(layout.users, s.population.devices_per_user_weights, directory_rng);
  const ContactGraph contacts(layout.users, s.population.contacts.contacts_per_user, s.population.contacts.zipf_exponent,
                              streams.derive("contacts", 0));
  PostOffice post(s, layout, platform);
  const bool with_media = s.media.message_share > 0;
  Recorder recorder(s, options.history, with_media);
  ReplicaDirectory replicas(layout.count(Tier::message_service), s.replication.mode != "none");
  FaultState faults(layout, streams.stream("network-faults"));
  post.set_faults(&faults, &replicas);

  GroupDirectory groups(s.groups.size_limit);
  Rng group_rng = streams.stream("groups");
  populate_groups(groups, layout.users, s.groups.groups_per_user, size_draw(s.groups), group_rng,
                  static_cast<std::uint32_t>(s.groups.metadata_bytes));
  const GroupActivity activity(groups.groups(), s.groups.activity_skew, group_rng);
  const TopicPartitioner partitioner(s.groups.log.partitions, layout.count(Tier::broker), s.groups.log.replication_factor);
  ConsumerGroup consumers(s.groups.log.partitions, layout.count(Tier::group_handler));
  record_initial_members(groups, devices, recorder);
  std::unique_ptr<MediaServices> media;
  if (with_media) {
    Rng catalog_rng = streams.stream("media-catalog");
    media = std::make_unique<MediaServices>(s.media, layout.count(Tier::blob_storage), catalog_rng);
  }
  std::vector<double> profile_shares;
  for (const DeviceProfile& p : s.phone.profiles) profile_shares.push_back(p.share);
  Rng profile_rng = streams.stream("device-profiles");
  const std::vector<std::uint8_t> profile_of_user = assign_profiles(layout.users, profile_shares, profile_rng);
  recorder.crypto().profiles.resize(s.phone.profiles.size());
  PrekeyStore prekeys(devices.devices(), s.crypto.prekeys.batch, s.crypto.prekeys.low_threshold);
  ConfidentialityLedger confidentiality;
  World world{s,        layout,     devices,         post,    recorder,       streams,
              groups,   partitioner, consumers,      activity, platform,      media.get(),
              profile_of_user, prekeys, confidentiality, faults, replicas};

  std::vector<std::unique_ptr<ChatServer>> chat;
  std::vector<std::unique_ptr<ManagerShard>> managers;
  std::vector<std::unique_ptr<MessageShard>> shards;
  start_workers(world, platform, Tier::chat_server, chat);
  start_workers(world, platform, Tier::websocket_manager, managers);
  start_workers(world, platform, Tier::message_service, shards);
  std::vector<std::unique_ptr<GroupServiceShard>> group_services;
  std::vector<std::unique_ptr<Broker>> brokers;
  std::vector<std::unique_ptr<GroupHandler>> handlers;
  start_workers(world, platform, Tier::group_service, group_services);
  start_workers(world, platform, Tier::broker, brokers);
  start_workers(world, platform, Tier::group_handler, handlers);
  std::vector<std::unique_ptr<UserServiceShard>> user_services;
  start_workers(world, platform, Tier::user_service, user_services);  // none when end-to-end is off
  MediaServers media_servers;
  if (media) start_media(world, platform, *media, media_servers);
  start_expiry(platform, shards, s.costs.expiry_sweep_interval_s);
  start_heartbeats(world, platform);
  start_queue_sampler(world, platform, s.availability.window_s);

  std::vector<std::unique_ptr<Population>> regions;
  for (std::uint32_t r = 0; r < layout.region_count(); ++r) {
    regions.push_back(std::make_unique<Population>(world, r, contacts, streams));
    Population* p = regions.back().get();
    for (const auto& c : p->start_sessions()) {
      const UserId user = devices.owner(c.device);
      const Epoch epoch = managers[layout.manager_of(user)]->adopt(user, c.device, c.server);
      chat[c.server]->adopt(user, c.device, epoch);
    }
    sg::Actor::create("devices-" + std::to_string(r), platform.device_hosts[r], [p] {
      sg::Actor::self()->daemonize();
      p->run();
    });
  }

  std::map<std::string, std::uint32_t> servers_per_tier;
  for (int t = 0; t < kTierCount; ++t) servers_per_tier[to_string(static_cast<Tier>(t))] = layout.count(static_cast<Tier>(t));
  FaultInjector injector(world, FaultTargets{chat, managers, shards, regions}, resolve_faults(s, servers_per_tier));
  for (const FaultWindow& w : injector.windows()) recorder.add_fault(w);
  sg::Actor::create("faults", platform.device_hosts[0], [&injector] {
    sg::Actor::self()->daemonize();
    injector.run();
  });
  if (s.replication.mode == "async") FaultInjector::start_shipping(world, shards);

  RunReport report;
  PartitionLagSamples lag;
  sg::Actor::create("stopper", platform.device_hosts[0], [&] {
    const double step = s.simulation.duration_s / kProgressSteps;
    for (int i = 0; i < kProgressSteps; ++i) {
      sg::this_actor::sleep_for(step);
      sample_storage(shards, report.storage);
      if (sg::Engine::get_clock() > s.simulation.warmup_s) lag.sample(brokers);
      if (media) recorder.media_sample(sg::Engine::get_clock());
      if (options.progress)
        options.progress(sg::Engine::get_clock(),
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count());
    }
    const double end = sg::Engine::get_clock();
    auto is_online = [&](DeviceId d) {
      for (const auto& p : regions)
        if (p->homes(d)) return p->online(d);
      return false;
    };
    for (auto& shard : shards) shard->record_pending(end, is_online);
    for (auto& broker : brokers) broker->record_unfinished(end);
    report.tiers = tier_reports(world, end);
    report.groups = group_report(world, brokers, lag, end);
    report.crypto = crypto_report(world, end);
    report.availability = recorder.availability(end);
    if (media) {
      std::uint64_t uploads_pending = 0;
      for (const auto& p : regions) uploads_pending += p->uploads_pending();
      report.media = media_report(world, media_servers.pops, media_servers.storage, uploads_pending, end);
    }
  });
  engine.run();

  report.scenario_name = s.name;
  report.scenario_file = options.scenario_file;
  report.seed = s.simulation.seed;
  report.scale = layout.scale;
  report.messages = recorder.counts();
  report.latency_ms = recorder.latency_summaries();
  report.latency_breakdown = recorder.latency_breakdowns();
  report.consistency = recorder.finish();
  report.replication = s.replication.mode;
  report.sim = {s.simulation.duration_s, s.simulation.warmup_s, 0, post.frames_sent(), faults.frames_dropped()};
  for (int t = 0; t < kTierCount; ++t)
    for (std::uint32_t i = 0; i < layout.servers[t].size(); ++i) report.sim.frames += post.stats(static_cast<Tier>(t), i).frames();
  return report;
}

}  // namespace whatsim
