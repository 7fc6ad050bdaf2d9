#pragma once
// One fault of a run, resolved against the deployment: what it hits (a server by tier name
// and index, an inter-region link or a partition of the regions, regions by their index in
// deployment.regions), when it is injected and when it heals. The scenario names things;
// a Fault holds what the model needs to act, so the model never looks names up mid-run.
// Tiers stay names: src/ cannot see the model's Tier enum.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace whatsim {

enum class FaultKind : std::uint8_t { crash, slow, link_down, link_loss, latency_spike, partition };
enum class PartitionShape : std::uint8_t { isolate, halves, bridge, majorities_ring, one_way };

// Every kind and every shape, in the enums' order: the names are looked up through these, and
// a random campaign draws among the shapes in this order, so one seed keeps its faults.
inline constexpr FaultKind kFaultKinds[] = {FaultKind::crash,     FaultKind::slow,          FaultKind::link_down,
                                            FaultKind::link_loss, FaultKind::latency_spike, FaultKind::partition};
inline constexpr PartitionShape kPartitionShapes[] = {PartitionShape::isolate, PartitionShape::halves,
                                                      PartitionShape::bridge, PartitionShape::majorities_ring,
                                                      PartitionShape::one_way};

// The scenario's spelling ("link_down", "majorities_ring").
const char* to_string(FaultKind kind);
const char* to_string(PartitionShape shape);
// The inverse; std::invalid_argument naming the text when it is no kind or shape.
FaultKind fault_kind_from(const std::string& text);
PartitionShape partition_shape_from(const std::string& text);

// Whether a shape acts around one named region (isolate, bridge, one_way) or on all of
// them by their order (halves, majorities_ring).
bool shape_names_region(PartitionShape shape);
// The fewest regions a shape can cut: 2, and 3 for bridge (two sides and the bridge) and
// majorities_ring (with 2, a majority of 2 is everyone).
std::uint32_t min_regions(PartitionShape shape);

// An inter-region link as two indices into deployment.regions.
using RegionLink = std::pair<std::uint32_t, std::uint32_t>;

struct Fault {
  FaultKind kind = FaultKind::crash;
  double start_s = 0, end_s = 0;              // injected at start_s, healed at end_s
  std::string tier;                           // crash, slow
  std::uint32_t index = 0;                    // crash, slow: within the tier
  double slow_factor = 1;                     // slow: CPU work takes this many times as long
  std::uint32_t region_a = 0, region_b = 0;   // link faults: the link's two regions
  double loss_share = 0;                      // link_loss: share of crossing frames dropped
  double extra_latency_s = 0;                 // latency_spike: added to every crossing frame
  PartitionShape shape = PartitionShape::isolate;
  std::uint32_t region = 0;                   // partition isolate, one_way, bridge

  // One line for reports and logs: "crash message_service[0]", "slow chat_server[2] x4",
  // "link_down americas-europe", "link_loss americas-europe 30%",
  // "latency_spike americas-europe +200ms", "partition isolate europe-africa",
  // "partition halves". `region_names` is deployment.regions' names in order.
  std::string label(const std::vector<std::string>& region_names) const;
};

}  // namespace whatsim
