#pragma once
// What the injected faults do right now: which servers are down or slowed, which region
// pairs cannot talk (a partition or a link down, per direction), and the loss and extra
// latency on a link. The post office consults it for every frame it sends, a server's
// workers for every frame they take. Faults may overlap: every effect is counted, so each
// heals on its own.
#include <cstdint>
#include <vector>

#include "model/layout.hpp"
#include "src/core/random_streams.hpp"

namespace whatsim {

class FaultState {
 public:
  FaultState(const Layout& layout, Rng loss_rng);

  bool server_up(Tier t, std::uint32_t i) const { return down_[static_cast<int>(t)][i] == 0; }
  void server_down(Tier t, std::uint32_t i, bool down) { down_[static_cast<int>(t)][i] += down ? 1 : -1; }
  // How many times longer the server's CPU takes (1: healthy).
  double slow_factor(Tier t, std::uint32_t i) const { return slow_[static_cast<int>(t)][i]; }
  void slow_down(Tier t, std::uint32_t i, double factor, bool on);

  // Frames from region `from` to region `to` are dropped while blocked.
  void block(std::uint32_t from, std::uint32_t to, bool on) {
    pair(blocked_, from, to) += on ? 1 : -1;
    network_effects_ += on ? 1 : -1;
  }
  // Both directions of the link between regions a and b.
  void lossy(std::uint32_t a, std::uint32_t b, double loss_share, bool on);
  void slow_link(std::uint32_t a, std::uint32_t b, double extra_latency_s, bool on);

  // Whether any region pair is blocked, lossy or slowed now: without, frames need no look.
  bool network_faulty() const { return network_effects_ > 0; }
  // Whether a frame from region `from` to region `to` is lost on the way (draws for loss).
  bool drops(std::uint32_t from, std::uint32_t to);
  double extra_latency_s(std::uint32_t from, std::uint32_t to) const { return pair(extra_latency_s_, from, to); }
  std::uint64_t frames_dropped() const { return dropped_; }
  void count_drop() { ++dropped_; }

 private:
  template <class T>
  T& pair(std::vector<T>& v, std::uint32_t a, std::uint32_t b) { return v[a * regions_ + b]; }
  template <class T>
  const T& pair(const std::vector<T>& v, std::uint32_t a, std::uint32_t b) const { return v[a * regions_ + b]; }

  std::uint32_t regions_;
  std::vector<int> down_[kTierCount];
  std::vector<double> slow_[kTierCount];
  std::vector<int> blocked_;
  std::vector<double> loss_share_;
  std::vector<double> extra_latency_s_;
  int network_effects_ = 0;  // region-pair effects in force
  Rng loss_rng_;
  std::uint64_t dropped_ = 0;
};

}  // namespace whatsim
