#include "analysis/model_comparison.hpp"

#include <cmath>
#include <sstream>

#include "analysis/report_format.hpp"

namespace whatsim {

namespace {

using namespace report_format;
using Json = nlohmann::ordered_json;

bool within_share(double model, double simulated, double share) {
  return std::fabs(model - simulated) <= share * std::fabs(simulated);
}

// Which assumption a disagreeing figure most likely broke, from what the scenario does.
std::string suspect(const Scenario& s, const std::string& figure, const RunReport& r) {
  if (!r.availability.faults.empty()) return "no faults: the run injected faults";
  auto about = [&](const char* part) { return figure.find(part) != std::string::npos; };
  if (about("websocket_manager") || about("route_reply"))
    return "route-cache hits as estimated: the caches held routes more (or less) often than the model's estimate";
  if (about("delivered") && s.population.session.mean_offline_s > 0)
    return "offline waits end within the run: a run's mean leaves out the copies still waiting for a device at its end";
  if (about("server_ack") && s.crypto.end_to_end && s.crypto.sessions_at_start_share < 1)
    return "sessions already set up: some sends first fetched key bundles and ran X3DH";
  if (about("broker") || about("group_"))
    return "Poisson arrivals: a group message fans out as a burst of copies";
  if (about("cdn_pop") || about("asset_service") || about("blob_storage"))
    return "cache hits equal the forwarded share: the PoP caches and promotion behaved otherwise";
  if (about("wait_ms")) return "Poisson arrivals and independent stations: frames come in bursts (fan-out, drains)";
  return "stationary sessions and Poisson arrivals over a short run";
}

// Four significant digits; waits of a nearly idle tier (1e-150 ms) are nothing worth printing.
std::string figure(double x) {
  constexpr double kNothing = 1e-4;
  if (!std::isfinite(x)) return "saturated";
  return std::fabs(x) < kNothing && x != 0 ? "< 0.0001" : significant(x, 4);
}

void add(ModelComparison& c, const Scenario& s, const RunReport& r, ComparisonRow row) {
  if (!row.agrees) {
    row.broken_assumption = suspect(s, row.figure, r);
    c.disagreements += 1;
  }
  c.rows.push_back(std::move(row));
}

void compare_tier(ModelComparison& c, const Scenario& s, const RunReport& r, const StationLoad& st, const TierReport& t) {
  const double measured_s = r.sim.simulated_seconds - r.sim.warmup_seconds;
  const double frames_per_s = measured_s > 0 && t.servers > 0 ? static_cast<double>(t.frames_measured) / t.servers / measured_s : 0;
  add(c, s, r, {"cpu_utilization." + st.tier, st.cpu_utilization, t.cpu_utilization_mean, "2 percentage points",
                std::fabs(st.cpu_utilization - t.cpu_utilization_mean) <= kUtilizationPoints, ""});
  add(c, s, r, {"frames_per_s_per_server." + st.tier, st.frames_per_s, frames_per_s, "10 %",
                within_share(st.frames_per_s, frames_per_s, kRelativeTolerance), ""});
  // The simulated wait by Little's law: frames waiting for a core, over their arrival rate.
  const double wait_ms = frames_per_s > 0 ? t.queue_depth_mean / frames_per_s * 1000 : 0;
  const double model_ms = st.wait_s * 1000;
  const bool both_tiny = model_ms < kWaitFloor_ms && wait_ms < kWaitFloor_ms;
  add(c, s, r, {"wait_ms." + st.tier, model_ms, wait_ms, "10 %, or both below 0.01 ms",
                both_tiny || within_share(model_ms, wait_ms, kRelativeTolerance), ""});
  // Response: the wait plus the core time a frame takes: busy core-seconds per frame, the
  // utilization times the cores it is measured against (the capacity cores, at the server's
  // clock) over the frame rate. The same definition on both sides, background work included.
  const double busy_ms = [](double util, double cores, double rate) { return rate > 0 ? util * cores / rate * 1000 : 0; }(
      t.cpu_utilization_mean, t.capacity_cores_per_server, frames_per_s);
  const double model_busy_ms = st.frames_per_s > 0 ? st.cpu_utilization * st.capacity_cores / st.frames_per_s * 1000 : 0;
  add(c, s, r, {"response_ms." + st.tier, model_ms + model_busy_ms, wait_ms + busy_ms, "10 %",
                within_share(model_ms + model_busy_ms, wait_ms + busy_ms, kRelativeTolerance), ""});
}

}  // namespace

ModelComparison compare_with_simulation(const Scenario& s, const CapacityModel& model, const RunReport& report) {
  ModelComparison c;
  for (const StationLoad& st : model.stations) {
    for (const TierReport& t : report.tiers)
      if (t.name == st.tier) compare_tier(c, s, report, st, t);
  }
  for (const ClassLatency& cl : model.classes) {
    const auto it = report.latency_ms.find(cl.name);
    if (it == report.latency_ms.end() || it->second.count == 0) continue;
    add(c, s, report, {"latency_ms." + cl.name + ".mean", cl.mean_ms, it->second.mean_ms, "10 %",
                       within_share(cl.mean_ms, it->second.mean_ms, kRelativeTolerance), ""});
  }
  return c;
}

Json to_json(const ModelComparison& c) {
  Json rows = Json::array();
  for (const ComparisonRow& r : c.rows) {
    rows.push_back(Json{{"figure", r.figure},
                        {"model", std::isfinite(r.model) ? Json(round_sig(r.model)) : Json(nullptr)},
                        {"simulated", round_sig(r.simulated)},
                        {"tolerance", r.tolerance},
                        {"agrees", r.agrees},
                        {"broken_assumption", r.broken_assumption}});
  }
  return Json{{"disagreements", c.disagreements}, {"rows", rows}};
}

std::string comparison_markdown(const ModelComparison& c) {
  std::ostringstream md;
  md << "## Model versus simulation\n\n"
     << "The analytic model (`whatsim plan`'s, for the simulated deployment and hours) against what this run measured. "
     << c.disagreements << " of " << c.rows.size() << " figures disagree beyond their tolerance.\n\n"
     << "| figure | model | simulated | tolerance | agrees | assumption that broke |\n|---|---|---|---|---|---|\n";
  for (const ComparisonRow& r : c.rows) {
    md << "| " << r.figure << " | " << figure(r.model) << " | " << figure(r.simulated) << " | "
       << r.tolerance << " | " << (r.agrees ? "yes" : "**no**") << " | " << r.broken_assumption << " |\n";
  }
  return md.str();
}

}  // namespace whatsim
