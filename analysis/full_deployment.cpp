#include "analysis/full_deployment.hpp"

#include <sstream>

#include "analysis/report_format.hpp"

namespace whatsim {

using namespace report_format;

namespace {

constexpr const char* kMeasured = "measured";
constexpr const char* kScaled = "scaled";
// The class the p99 target is about: one-way delivery to a connected device (a copy that
// waited for its device to come online waited on the phone, not on the design).
constexpr const char* kTargetLatencyClass = "delivery_online";

void add_measured(FullDeployment& d, std::string name, double value, std::string unit) {
  d.figures.push_back({std::move(name), value, value, std::move(unit), kMeasured});
}

void add_scaled(FullDeployment& d, std::string name, double value, std::string unit) {
  d.figures.push_back({std::move(name), value, value * d.factor, std::move(unit), kScaled});
}

void add_check(FullDeployment& d, std::string name, double actual, double limit) {
  d.checks.push_back({std::move(name), actual, limit, actual <= limit});
}

void tier_figures(FullDeployment& d, const Scenario& s, const RunReport& r) {
  for (const TierReport& t : r.tiers) {
    if (t.servers == 0) continue;
    add_measured(d, t.name + " CPU utilization (mean)", t.cpu_utilization_mean, "share");
    add_measured(d, t.name + " CPU utilization (busiest server)", t.cpu_utilization_max, "share");
    add_measured(d, t.name + " frames waiting per core (mean)",
                 t.cores_per_server > 0 ? t.queue_depth_mean / t.cores_per_server : 0, "frames");
    add_check(d, t.name + " CPU utilization (busiest server)", t.cpu_utilization_max, s.targets.max_utilization);
    if (t.memory_bytes_peak > 0) add_check(d, t.name + " memory (busiest server, share of RAM)", memory_share(t), 1);
    if (t.name == "chat_server") {
      add_measured(d, "connections per chat server (busiest)", static_cast<double>(t.peak_connections), "connections");
      add_check(d, "connections per chat server (busiest)", static_cast<double>(t.peak_connections),
                s.deployment.connections_per_chat_server);
    }
  }
}

void latency_figures(FullDeployment& d, const Scenario& s, const RunReport& r) {
  for (const char* cls : {"server_ack", kTargetLatencyClass, "delivered"}) {
    const auto it = r.latency_ms.find(cls);
    if (it == r.latency_ms.end() || it->second.count == 0) continue;
    add_measured(d, std::string(cls) + " p50", it->second.p50_ms, "ms");
    add_measured(d, std::string(cls) + " p99", it->second.p99_ms, "ms");
  }
  const auto target = r.latency_ms.find(kTargetLatencyClass);
  if (target != r.latency_ms.end() && target->second.count > 0)
    add_check(d, std::string(kTargetLatencyClass) + " p99 (ms)", target->second.p99_ms, s.targets.p99_ms);
}

std::string slice_assumptions(const FullDeployment& d) {
  if (d.factor == 1) return "none: the whole deployment was simulated";
  std::ostringstream out;
  out << "cells are alike (users are sharded by a hash, so each of the " << d.cells
      << " cells gets the same mix of users, devices, sessions and traffic); every simulated server carries its "
         "tier's share of the simulated cells, so its load per unit of capacity is a modeled server's; a simulated "
         "user's contacts are simulated users, so traffic that would leave the slice is folded back into it and what "
         "enters balances what leaves, as symmetry gives; frames cross only the regions of the simulated cells";
  return out.str();
}

}  // namespace

FullDeployment extrapolate_to_full(const Scenario& s, const RunReport& r) {
  FullDeployment d;
  d.cells = s.simulation.cells;
  d.simulated_cells = s.simulation.simulated_cells;
  d.factor = s.simulation.cells / s.simulation.simulated_cells;
  d.users = static_cast<double>(s.population.users);
  d.messages_per_day = d.users * s.traffic.messages_per_user_per_day;
  d.assumptions = slice_assumptions(d);
  add_scaled(d, "users", static_cast<double>(r.scale.users_simulated), "users");
  add_scaled(d, "chat servers", static_cast<double>(r.scale.chat_servers_simulated), "servers");
  const double seconds = r.sim.simulated_seconds;
  add_scaled(d, "messages sent per second (whole run)", seconds > 0 ? r.messages.sent / seconds : 0, "1/s");
  add_scaled(d, "device copies delivered per second (whole run)", seconds > 0 ? r.messages.delivered / seconds : 0, "1/s");
  add_scaled(d, "offline store, peak", static_cast<double>(r.storage.offline_bytes_peak), "bytes");
  tier_figures(d, s, r);
  latency_figures(d, s, r);
  add_check(d, "messages lost, duplicated or out of order", static_cast<double>(r.consistency.total()), 0);
  d.met = true;
  for (const TargetCheck& c : d.checks) d.met = d.met && c.met;
  return d;
}

nlohmann::ordered_json to_json(const FullDeployment& d) {
  using Json = nlohmann::ordered_json;
  Json figures = Json::array(), checks = Json::array();
  for (const DeploymentFigure& f : d.figures)
    figures.push_back({{"name", f.name}, {"simulated", round_sig(f.simulated)}, {"full", round_sig(f.full)},
                       {"unit", f.unit}, {"basis", f.basis}});
  for (const TargetCheck& c : d.checks)
    checks.push_back({{"name", c.name}, {"actual", round_sig(c.actual)}, {"limit", round_sig(c.limit)}, {"met", c.met}});
  return Json{{"cells", d.cells},           {"simulated_cells", round_sig(d.simulated_cells)},
              {"factor", round_sig(d.factor)}, {"users", d.users},
              {"messages_per_day", d.messages_per_day}, {"met", d.met},
              {"assumptions", d.assumptions}, {"checks", checks},
              {"figures", figures}};
}

namespace {

std::string figure_value(double value, const std::string& unit) {
  if (unit == "share") return percent(value);
  if (unit == "ms") return ms(value) + " ms";
  if (unit == "bytes") return human_bytes(value);
  return significant(value, 4) + (unit == "1/s" ? " /s" : "");
}

}  // namespace

std::string full_deployment_markdown(const FullDeployment& d) {
  std::ostringstream md;
  md << "## Full deployment\n\n**" << significant(d.users, 4) << " users sending " << significant(d.messages_per_day, 4)
     << " messages a day: " << (d.met ? "target met" : "target NOT met") << "** (simulated " << significant(d.simulated_cells, 4)
     << " of " << d.cells << " cells; totals scaled by " << significant(d.factor, 4) << ").\n\n"
     << "Assumptions: " << d.assumptions << ".\n\n| check | this run | limit | met |\n|---|---:|---:|---|\n";
  for (const TargetCheck& c : d.checks)
    md << "| " << c.name << " | " << significant(c.actual, 4) << " | " << significant(c.limit, 4) << " | "
       << (c.met ? "yes" : "**no**") << " |\n";
  md << "\n| figure | simulated | full deployment | basis |\n|---|---:|---:|---|\n";
  for (const DeploymentFigure& f : d.figures)
    md << "| " << f.name << " | " << figure_value(f.simulated, f.unit) << " | " << figure_value(f.full, f.unit) << " | "
       << (f.basis == kScaled ? "scaled x" + significant(d.factor, 4) : std::string("measured, per cell")) << " |\n";
  md << '\n';
  return md.str();
}

}  // namespace whatsim
