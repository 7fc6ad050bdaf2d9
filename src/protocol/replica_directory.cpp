#include "src/protocol/replica_directory.hpp"

#include <algorithm>

namespace whatsim {

ReplicaDirectory::ReplicaDirectory(std::uint32_t hosts, bool replicated)
    : shards_(hosts), up_(hosts, true), replicated_(replicated && hosts > 1) {
  for (std::uint32_t s = 0; s < hosts; ++s) {
    shards_[s].primary = s;
    shards_[s].last_primary = s;
    shards_[s].copies.push_back(s);
    if (replicated_) {
      shards_[s].secondary = (s + 1) % hosts;
      shards_[s].copies.push_back((s + 1) % hosts);
    }
  }
}

void ReplicaDirectory::host_failed(std::uint32_t host) {
  up_[host] = false;
  for (Shard& s : shards_) {
    if (s.primary == host) s.primary.reset();
    if (s.secondary == host) s.secondary.reset();
  }
}

bool ReplicaDirectory::promote(std::uint32_t shard) {
  Shard& s = shards_[shard];
  if (s.primary || !s.secondary) return false;
  s.primary = s.secondary;
  s.last_primary = *s.primary;
  s.secondary.reset();
  return true;
}

// Only the copy that was primary last has every acknowledged write (a secondary may lag
// under async replication), so only it may resume a shard nobody answers for.
std::vector<std::uint32_t> ReplicaDirectory::host_returned(std::uint32_t host) {
  up_[host] = true;
  std::vector<std::uint32_t> resumed;
  for (std::uint32_t i = 0; i < shards_.size(); ++i) {
    Shard& s = shards_[i];
    if (!s.primary && s.last_primary == host) {
      s.primary = host;
      resumed.push_back(i);
    }
  }
  return resumed;
}

std::optional<std::uint32_t> ReplicaDirectory::recruit_candidate(std::uint32_t shard) const {
  const Shard& s = shards_[shard];
  if (!replicated_ || !s.primary || s.secondary) return std::nullopt;
  const auto n = static_cast<std::uint32_t>(up_.size());
  for (std::uint32_t step = 1; step < n; ++step) {
    const std::uint32_t h = (*s.primary + step) % n;
    if (up_[h]) return h;
  }
  return std::nullopt;
}

void ReplicaDirectory::caught_up(std::uint32_t shard, std::uint32_t host) {
  Shard& s = shards_[shard];
  if (!up_[host] || !s.primary || s.primary == host || s.secondary) return;  // overtaken by events
  s.secondary = host;
  if (std::find(s.copies.begin(), s.copies.end(), host) == s.copies.end()) s.copies.push_back(host);
}

bool ReplicaDirectory::holds(std::uint32_t host, std::uint32_t shard) const {
  const auto& c = shards_[shard].copies;
  return std::find(c.begin(), c.end(), host) != c.end();
}

}  // namespace whatsim
