#pragma once
// Where each message-service shard's copies live and which one answers: a primary and, when
// the shard is replicated, a secondary on another host. Shard s starts with its primary on
// host s and its secondary on host s+1 (mod hosts). A failed primary is replaced by its
// secondary (promotion); a shard without a secondary recruits the next live host, which
// becomes the secondary once it has caught up from the primary (a snapshot). Hosts keep
// their copies on disk through a crash (Mnesia's disc copies), so a shard whose every copy
// was down answers again from the first copy that returns.
#include <cstdint>
#include <optional>
#include <vector>

namespace whatsim {

class ReplicaDirectory {
 public:
  ReplicaDirectory(std::uint32_t hosts, bool replicated);

  std::optional<std::uint32_t> primary(std::uint32_t shard) const { return shards_[shard].primary; }
  std::optional<std::uint32_t> secondary(std::uint32_t shard) const { return shards_[shard].secondary; }
  bool host_up(std::uint32_t host) const { return up_[host]; }
  // The host whose copy has every acknowledged write: the primary, or while there is none,
  // the one that was primary last.
  std::uint32_t latest_copy(std::uint32_t shard) const { return shards_[shard].last_primary; }
  std::uint32_t shards() const { return static_cast<std::uint32_t>(shards_.size()); }

  // A host failed: it answers for nothing until it returns. Shards it was primary of have
  // no primary until promote(); shards it was secondary of lose their secondary.
  void host_failed(std::uint32_t host);
  // The failure detector gave up on the primary of `shard`: its secondary (if live) takes over.
  // Returns whether a promotion happened.
  bool promote(std::uint32_t shard);
  // A host is back. Shards with no live copy answering resume on it if it holds one.
  // Returns the shards that resumed on it.
  std::vector<std::uint32_t> host_returned(std::uint32_t host);
  // For a replicated shard with a live primary and no secondary: the host to recruit (the next
  // live host after the primary that is not the primary), if any.
  std::optional<std::uint32_t> recruit_candidate(std::uint32_t shard) const;
  // `host` finished catching up from the primary of `shard`: it is now its secondary.
  void caught_up(std::uint32_t shard, std::uint32_t host);
  // Whether `host` holds a copy of `shard` (primary, secondary, or a stale one on disk).
  bool holds(std::uint32_t host, std::uint32_t shard) const;

 private:
  struct Shard {
    std::optional<std::uint32_t> primary;
    std::optional<std::uint32_t> secondary;
    std::vector<std::uint32_t> copies;  // hosts holding a copy, current or stale, in join order
    std::uint32_t last_primary = 0;     // the copy with every acknowledged write
  };
  std::vector<Shard> shards_;
  std::vector<bool> up_;
  bool replicated_;
};

}  // namespace whatsim
