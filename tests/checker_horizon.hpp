#pragma once
// A history checked twice, keeping every message and forgetting settled ones
// after a few seconds: the two must find the same anomalies, named the same, while the
// second really forgot (analysis/consistency_checker.hpp, "Bounded memory").
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/consistency_checker.hpp"
#include "analysis/history.hpp"

namespace whatsim::checker_horizon {

struct Checked {
  ConsistencyCounts counts;
  std::size_t most_held = 0;
  std::size_t most_device_states = 0;
  std::uint64_t forgotten = 0;
};

inline Checked check(const std::vector<LifecycleEvent>& history, double horizon_s, bool sync) {
  ConsistencyChecker checker(5, sync, horizon_s);
  Checked out;
  for (const auto& e : history) {
    checker.on_event(e);
    out.most_held = std::max(out.most_held, checker.messages_held());
    out.most_device_states = std::max(out.most_device_states, checker.device_states_held());
  }
  out.forgotten = checker.messages_forgotten();
  out.counts = checker.finish();
  return out;
}

inline std::vector<std::string> examples(const ConsistencyCounts& c) {
  std::vector<std::string> out;
  for (const Anomaly& a : c.examples)
    out.push_back(a.kind + " " + std::to_string(a.id.packed()) + " " + std::to_string(a.device) + " " + a.detail);
  return out;
}

inline void require_agreement(const std::vector<LifecycleEvent>& history, double horizon_s, bool sync = false) {
  const Checked exact = check(history, 0, sync);
  const Checked bounded = check(history, horizon_s, sync);
  CHECK(bounded.counts.total() == exact.counts.total());
  CHECK(examples(bounded.counts) == examples(exact.counts));
  CHECK(bounded.forgotten > 0);
  CHECK(bounded.most_held < exact.most_held / 2);
}

}  // namespace whatsim::checker_horizon
