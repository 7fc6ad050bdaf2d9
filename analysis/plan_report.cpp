#include "analysis/plan_report.hpp"

#include <cmath>
#include <sstream>

#include "analysis/report_format.hpp"

namespace whatsim {

namespace {

using namespace report_format;
using Json = nlohmann::ordered_json;

// JSON has no infinity: a saturated station's wait is written as null.
Json finite(double x) { return std::isfinite(x) ? Json(round_sig(x)) : Json(nullptr); }

Json station_json(const StationLoad& s) {
  return Json{{"tier", s.tier},
              {"servers", s.servers},
              {"cores", s.cores},
              {"capacity_cores", round_sig(s.capacity_cores)},
              {"frames_per_s", round_sig(s.frames_per_s)},
              {"cycles_per_frame", round_sig(s.cycles_per_frame)},
              {"service_scv", round_sig(s.service_scv)},
              {"cpu_utilization", round_sig(s.cpu_utilization)},
              {"wait_ms", finite(s.wait_s * 1000)},
              {"queue_length", finite(s.queue_length)},
              {"memory_bytes", round_sig(s.memory_bytes)},
              {"memory_capacity_bytes", round_sig(s.memory_capacity_bytes)},
              {"nic_bits_per_s", round_sig(s.nic_bits_per_s)},
              {"nic_capacity_bits_per_s", round_sig(s.nic_capacity_bits_per_s)},
              {"disk_bytes_per_s", round_sig(s.disk_bytes_per_s)},
              {"binding", s.binding},
              {"binding_utilization", round_sig(s.binding_utilization)}};
}

Json class_json(const ClassLatency& c) {
  return Json{{"mean_ms", finite(c.mean_ms)},         {"p99_ms", finite(c.p99_ms)},
              {"network_ms", round_sig(c.network_ms)}, {"queueing_ms", finite(c.queueing_ms)},
              {"server_cpu_ms", round_sig(c.server_cpu_ms)}, {"device_crypto_ms", round_sig(c.device_crypto_ms)},
              {"other_ms", round_sig(c.other_ms)}};
}

Json rates_json(const TrafficRates& r) {
  return Json{{"users", round_sig(r.users)},
              {"online_devices", round_sig(r.online_devices)},
              {"diurnal_multiplier", round_sig(r.diurnal_multiplier)},
              {"messages_per_s", round_sig(r.messages_per_s)},
              {"group_messages_per_s", round_sig(r.group_per_s)},
              {"media_messages_per_s", round_sig(r.media_per_s)},
              {"device_copies_per_s", round_sig(r.device_copies_per_s)},
              {"receipts_per_s", round_sig(r.receipts_per_s)},
              {"heartbeats_per_s", round_sig(r.heartbeats_per_s)},
              {"connects_per_s", round_sig(r.connects_per_s)}};
}

Json storage_json(const StorageModel& s) {
  return Json{{"message_bytes_per_day", round_sig(s.message_bytes_per_day)},
              {"retention_bytes", round_sig(s.retention_bytes)},
              {"ingress_bits_per_s", round_sig(s.ingress_bits_per_s)},
              {"egress_bits_per_s", round_sig(s.egress_bits_per_s)},
              {"offline_bytes_steady", round_sig(s.offline_bytes_steady)}};
}

Json tier_plan_json(const TierPlan& t) {
  Json needs = Json::object();
  for (const ResourceNeed& n : t.needs) needs[n.resource] = n.servers;
  return Json{{"tier", t.tier},
              {"servers_now", t.servers_now},
              {"servers_needed", t.servers_needed},
              {"binding", t.binding},
              {"utilization_now", round_sig(t.utilization_now)},
              {"utilization_planned", round_sig(t.utilization_planned)},
              {"headroom", round_sig(t.headroom)},
              {"servers_needed_by_resource", needs}};
}

}  // namespace

Json to_json(const CapacityModel& m) {
  Json stations = Json::array(), classes = Json::object(), frames = Json::object();
  for (const StationLoad& s : m.stations) stations.push_back(station_json(s));
  for (const FrameStation& f : m.frames) frames[f.tier + "." + f.op] = round_sig(f.arrival_per_s);
  for (const ClassLatency& c : m.classes) classes[c.name] = class_json(c);
  return Json{{"size", m.options.size == ModelSize::full ? "full" : "simulated"},
              {"load_factor", round_sig(m.options.load_factor)},
              {"busiest_hour", m.options.peak_hour},
              {"rates", rates_json(m.rates)},
              {"stations", stations},
              {"frames_per_s", frames},
              {"route_cache_hit", round_sig(m.shares.route_cache_hit)},
              {"latency_ms", classes},
              {"storage", storage_json(m.storage)},
              {"stable", m.stable},
              {"bottleneck", m.bottleneck}};
}

Json to_json(const CapacityPlan& p, const LoadCurve& curve) {
  Json tiers = Json::array(), points = Json::array();
  for (const TierPlan& t : p.tiers) tiers.push_back(tier_plan_json(t));
  for (const LoadPoint& l : curve.points) {
    points.push_back(Json{{"load_factor", round_sig(l.load_factor)},
                          {"messages_per_s", round_sig(l.messages_per_s)},
                          {"server_ack_mean_ms", round_sig(l.server_ack_mean_ms)},
                          {"delivered_mean_ms", round_sig(l.delivered_mean_ms)},
                          {"bottleneck_utilization", round_sig(l.bottleneck_utilization)},
                          {"bottleneck_response_ms", round_sig(l.bottleneck_response_ms)}});
  }
  return Json{{"targets", Json{{"users", round_sig(p.targets.users)},
                               {"messages_per_day", round_sig(p.targets.messages_per_day)},
                               {"max_utilization", round_sig(p.targets.max_utilization)},
                               {"p99_ms", round_sig(p.targets.p99_ms)}}},
              {"met", Json{{"p99", p.p99_met}}},
              {"delivered_p99_ms", finite(p.p99_ms)},
              {"network_floor_ms", round_sig(p.network_floor_ms)},
              {"bottleneck", p.bottleneck},
              {"tiers", tiers},
              {"planned", to_json(p.planned)},
              {"load_curve", Json{{"bottleneck", curve.bottleneck},
                                  {"saturation_load_factor", round_sig(curve.saturation_factor)},
                                  {"knee_index", curve.knee},
                                  {"points", points}}}};
}

const std::vector<std::string>& model_assumptions() {
  static const std::vector<std::string> assumptions = {
      "Arrivals at every station are Poisson. A server hashes frames to its cores by user (keeping each user's frames in "
      "order), so each core is an independent M/G/1 queue (Pollaczek-Khinchine) with its share of the server's frames.",
      "Keys are hashed, so a tier's load is spread evenly over its servers.",
      "A chat server's route cache holds a user's routes when its last lookup for that user came after the user's last "
      "connect or disconnect; lookups for a user come evenly from the servers of its correspondents (the effective number "
      "of its Zipf-weighted contacts). Group fan-out's lookups never hit.",
      "Devices are online in the stationary share of their sessions; a read receipt leaves only if the reader is still "
      "online; copies for offline devices wait the mean offline time (or the retention period for devices that never connect).",
      "Sessions are set up already (no key-bundle fetches), and every send steps the ratchet (the conversation alternates).",
      "A device offline when it is needed is back after the mean offline time (exponential sessions are memoryless); "
      "offline waits beyond the end of a run are not in a simulated mean, so a short run's `delivered` mean is lower.",
      "A PoP answers forwarded (catalog) media from its cache and fetches fresh media from the asset service; the same "
      "share of uploads is deduplicated.",
      "No faults; the user service (key bundles) carries no modeled load.",
  };
  return assumptions;
}

std::string plan_markdown(const std::string& name, const CapacityPlan& p, const LoadCurve& curve) {
  std::ostringstream md;
  const PlanTargets& t = p.targets;
  md << "# Capacity plan: " << name << "\n\n"
     << "The analytic model (`whatsim plan`) at the busiest hour of the diurnal profile, for the whole deployment.\n\n"
     << "## Targets\n\n| target | value | met |\n|---|---|---|\n"
     << "| users | " << significant(t.users, 4) << " | sized |\n"
     << "| messages per day | " << significant(t.messages_per_day, 4) << " | sized |\n"
     << "| highest utilization of any resource | " << percent(t.max_utilization) << " | sized |\n"
     << "| delivery p99 (two checks, recipient online) | " << ms(t.p99_ms) << " ms | "
     << (p.p99_met ? "yes: " : "**no**: ") << ms(p.p99_ms) << " ms |\n\n";
  if (!p.p99_met)
    md << "The p99 target cannot be met by adding servers: the network and the phones' crypto alone take "
       << ms(p.network_floor_ms) << " ms.\n\n";
  md << "## Servers per tier\n\n| tier | servers now | servers needed | binding | utilization now | planned | headroom |\n"
        "|---|---|---|---|---|---|---|\n";
  for (const TierPlan& tier : p.tiers) {
    md << "| " << tier.tier << " | " << tier.servers_now << " | " << tier.servers_needed << " | " << tier.binding << " | "
       << percent(tier.utilization_now) << " | " << percent(tier.utilization_planned) << " | "
       << (tier.headroom > 0 ? significant(tier.headroom, 3) + "x" : "unloaded") << " |\n";
  }
  md << "\nBottleneck: **" << p.bottleneck << "** (least headroom: the load factor the scenario's servers carry before their "
     << "binding resource reaches " << percent(t.max_utilization) << ").\n\n";
  md << "## Latency (planned deployment, busiest hour)\n\n| class | mean ms | p99 ms | network | queueing | server CPU | phone crypto | devices offline |\n"
        "|---|---|---|---|---|---|---|---|\n";
  for (const ClassLatency& c : p.planned.classes) {
    md << "| " << c.name << " | " << ms(c.mean_ms) << " | " << ms(c.p99_ms) << " | " << ms(c.network_ms) << " | "
       << ms(c.queueing_ms) << " | " << ms(c.server_cpu_ms) << " | " << ms(c.device_crypto_ms) << " | " << ms(c.other_ms) << " |\n";
  }
  md << "\np99 is conservative: each core's 99th-percentile wait (M/M/1 tail), added along the path, for devices that stay "
        "online; the mean also holds the waits for devices that were offline.\n\n";
  if (!curve.points.empty()) {
    const LoadPoint& knee = curve.points[curve.knee];
    md << "## Headroom and the knee (planned deployment)\n\n"
       << "The " << curve.bottleneck << " tier saturates at " << significant(curve.saturation_factor, 3)
       << "x the target load. The knee of its response time is at " << significant(knee.load_factor, 3) << "x ("
       << significant(knee.messages_per_s, 4) << " messages/s, " << percent(knee.bottleneck_utilization) << " "
       << curve.bottleneck << " CPU, " << ms(knee.bottleneck_response_ms) << " ms per frame there; delivery "
       << ms(knee.delivered_mean_ms) << " ms mean for devices that stay online).\n\n";
  }
  const StorageModel& st = p.planned.storage;
  md << "## Storage and bandwidth\n\n| figure | value |\n|---|---|\n"
     << "| message bodies per day | " << human_bytes(st.message_bytes_per_day) << " |\n"
     << "| kept for the retention period, if never deleted | " << human_bytes(st.retention_bytes) << " |\n"
     << "| offline copies held, steady state | " << human_bytes(st.offline_bytes_steady) << " |\n"
     << "| bodies in (day's mean) | " << significant(st.ingress_bits_per_s / 1e6, 4) << " Mb/s |\n"
     << "| bodies out (day's mean) | " << significant(st.egress_bits_per_s / 1e6, 4) << " Mb/s |\n\n";
  md << "## Assumptions\n\n";
  for (const std::string& a : model_assumptions()) md << "- " << a << "\n";
  return md.str();
}

std::string run_capacity_markdown(const Scenario& s, const CapacityModel& model, const RunReport& report) {
  std::ostringstream md;
  const TierReport* busiest = nullptr;
  for (const TierReport& t : report.tiers)
    if (t.servers > 0 && (busiest == nullptr || t.cpu_utilization_max > busiest->cpu_utilization_max)) busiest = &t;
  const auto delivered = report.latency_ms.find("delivered");
  const double p99 = delivered != report.latency_ms.end() ? delivered->second.p99_ms : 0;
  md << "## Capacity\n\nThe scenario's targets against this run (`whatsim plan` sizes the full deployment for them).\n\n"
     << "| target | value | this run | met |\n|---|---|---|---|\n";
  if (busiest != nullptr)
    md << "| highest CPU utilization of a server | " << percent(s.targets.max_utilization) << " | "
       << percent(busiest->cpu_utilization_max) << " (" << busiest->name << ") | "
       << (busiest->cpu_utilization_max <= s.targets.max_utilization ? "yes" : "**no**") << " |\n";
  md << "| delivery p99 (two checks; the run's includes waits for offline devices) | " << ms(s.targets.p99_ms) << " ms | "
     << ms(p99) << " ms | "
     << (p99 <= s.targets.p99_ms ? "yes" : "**no**") << " |\n\n"
     << "| tier | servers | CPU (simulated) | binding resource (model) | its utilization (model) |\n|---|---|---|---|---|\n";
  for (const TierReport& t : report.tiers) {
    const StationLoad* st = find_station(model, t.name);
    if (t.servers == 0) continue;
    md << "| " << t.name << " | " << t.servers << " | " << percent(t.cpu_utilization_mean) << " | "
       << (st != nullptr ? st->binding : "no modeled traffic") << " | "
       << (st != nullptr ? percent(st->binding_utilization) : "") << " |\n";
  }
  const StorageModel& st = model.storage;
  md << "\nThe full deployment stores " << human_bytes(st.message_bytes_per_day) << " of bodies a day, "
     << human_bytes(st.retention_bytes) << " over the retention period if none were deleted, and holds "
     << human_bytes(st.offline_bytes_steady) << " of offline copies in steady state (analytic model).\n";
  return md.str();
}

}  // namespace whatsim
