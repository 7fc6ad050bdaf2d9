#pragma once
// The faults of a run, in the order they start: the scenario's scheduled faults and, when
// faults.random.enabled, its random campaign, resolved against the deployment (regions by
// index, heal times). How many servers each tier has comes from the caller (the model's
// layout), so src/ stays free of model/ and no fault aims at a server a reduced run
// (simulation.scale < 1) does not build.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "src/fault/fault.hpp"
#include "src/scenario/scenario.hpp"

namespace whatsim {

// deployment.regions' names, in order: what Fault's region indices index.
std::vector<std::string> region_names(const DeploymentSpec& d);
// deployment.links as region indices, in order.
std::vector<RegionLink> region_links(const DeploymentSpec& d);

// One scheduled fault with its regions looked up and end_s = start_s + duration_s; only the
// fields its kind uses are copied. ScenarioError at `path` (e.g. "faults.scheduled[1]") plus
// the field when a region is unknown, a link fault's from-to is no deployment link (either
// order), a partition lacks the region its shape needs, or the deployment has fewer
// regions than the shape needs. Tier and index are not checked here: see resolve_faults.
Fault resolve_fault(const FaultSpec& spec, const DeploymentSpec& d, const std::string& path);

// The scheduled faults, then the campaign's when faults.random.enabled (its targets:
// `servers_per_tier`, the regions and links), sorted by start_s, ties in that order.
// `servers_per_tier`: servers the run builds, by tier name (chat_server, message_service,
// ...). ScenarioError at faults.scheduled[i].tier or .index when a crash or slow fault
// names a server it does not build.
std::vector<Fault> resolve_faults(const Scenario& s, const std::map<std::string, std::uint32_t>& servers_per_tier);

}  // namespace whatsim
