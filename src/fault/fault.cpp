#include "src/fault/fault.hpp"

#include <sstream>
#include <stdexcept>

namespace whatsim {

namespace {

// A region by name when it has one; its index otherwise, so a label never throws.
std::string region_name(std::uint32_t region, const std::vector<std::string>& names) {
  return region < names.size() ? names[region] : "region " + std::to_string(region);
}

}  // namespace

const char* to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::crash: return "crash";
    case FaultKind::slow: return "slow";
    case FaultKind::link_down: return "link_down";
    case FaultKind::link_loss: return "link_loss";
    case FaultKind::latency_spike: return "latency_spike";
    case FaultKind::partition: return "partition";
  }
  return "?";
}

const char* to_string(PartitionShape shape) {
  switch (shape) {
    case PartitionShape::isolate: return "isolate";
    case PartitionShape::halves: return "halves";
    case PartitionShape::bridge: return "bridge";
    case PartitionShape::majorities_ring: return "majorities_ring";
    case PartitionShape::one_way: return "one_way";
  }
  return "?";
}

bool shape_names_region(PartitionShape shape) {
  return shape == PartitionShape::isolate || shape == PartitionShape::bridge || shape == PartitionShape::one_way;
}

std::uint32_t min_regions(PartitionShape shape) {
  return shape == PartitionShape::bridge || shape == PartitionShape::majorities_ring ? 3 : 2;
}

FaultKind fault_kind_from(const std::string& text) {
  for (FaultKind kind : kFaultKinds)
    if (text == to_string(kind)) return kind;
  throw std::invalid_argument("unknown fault kind \"" + text + "\"");
}

PartitionShape partition_shape_from(const std::string& text) {
  for (PartitionShape shape : kPartitionShapes)
    if (text == to_string(shape)) return shape;
  throw std::invalid_argument("unknown partition shape \"" + text + "\"");
}

std::string Fault::label(const std::vector<std::string>& region_names) const {
  std::ostringstream out;
  out << to_string(kind);
  switch (kind) {
    case FaultKind::crash: out << ' ' << tier << '[' << index << ']'; break;
    case FaultKind::slow: out << ' ' << tier << '[' << index << "] x" << slow_factor; break;
    case FaultKind::link_down:
    case FaultKind::link_loss:
    case FaultKind::latency_spike:
      out << ' ' << region_name(region_a, region_names) << '-' << region_name(region_b, region_names);
      if (kind == FaultKind::link_loss) out << ' ' << loss_share * 100 << '%';
      if (kind == FaultKind::latency_spike) out << " +" << extra_latency_s * 1000 << "ms";
      break;
    case FaultKind::partition:
      out << ' ' << to_string(shape);
      if (shape_names_region(shape)) out << ' ' << region_name(region, region_names);
      break;
  }
  return out.str();
}

}  // namespace whatsim
