#include "model/fault_state.hpp"

#include <algorithm>

#include <boost/random/bernoulli_distribution.hpp>

namespace whatsim {

FaultState::FaultState(const Layout& layout, Rng loss_rng)
    : regions_(layout.region_count()),
      blocked_(regions_ * regions_, 0),
      loss_share_(regions_ * regions_, 0.0),
      extra_latency_s_(regions_ * regions_, 0.0),
      loss_rng_(loss_rng) {
  for (int t = 0; t < kTierCount; ++t) {
    down_[t].assign(layout.servers[t].size(), 0);
    slow_[t].assign(layout.servers[t].size(), 1.0);
  }
}

void FaultState::slow_down(Tier t, std::uint32_t i, double factor, bool on) {
  double& f = slow_[static_cast<int>(t)][i];
  f = on ? f * factor : f / factor;
}

// Overlapping losses on one link add up (capped by the draw: a share above 1 drops all).
void FaultState::lossy(std::uint32_t a, std::uint32_t b, double loss_share, bool on) {
  const double delta = on ? loss_share : -loss_share;
  network_effects_ += on ? 1 : -1;
  pair(loss_share_, a, b) += delta;
  if (a != b) pair(loss_share_, b, a) += delta;
}

void FaultState::slow_link(std::uint32_t a, std::uint32_t b, double extra_latency_s, bool on) {
  const double delta = on ? extra_latency_s : -extra_latency_s;
  network_effects_ += on ? 1 : -1;
  pair(extra_latency_s_, a, b) += delta;
  if (a != b) pair(extra_latency_s_, b, a) += delta;
}

bool FaultState::drops(std::uint32_t from, std::uint32_t to) {
  if (pair(blocked_, from, to) > 0) return true;
  const double share = pair(loss_share_, from, to);
  if (share <= 1e-12) return false;
  return boost::random::bernoulli_distribution<double>(std::min(1.0, share))(loss_rng_);
}

}  // namespace whatsim
