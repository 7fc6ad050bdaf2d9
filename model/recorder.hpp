#pragma once
// Where the model writes down what happened: every lifecycle event goes to the online
// consistency checker and, when asked, to a history file; latency samples go to one
// histogram per class. Messages sent during the warm-up give no latency samples.
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_map>

#include "analysis/availability_meter.hpp"
#include "analysis/consistency_checker.hpp"
#include "analysis/history.hpp"
#include "analysis/latency_histogram.hpp"
#include "analysis/run_report.hpp"
#include "model/layout.hpp"
#include "src/protocol/chat_frame.hpp"

namespace whatsim {

// The media tiers whose outbound bytes are reported.
enum class MediaTier : std::uint8_t { cdn, blob, asset };

class Recorder {
 public:
  // `media`: the run has media, so its latency classes are listed too. `s`: the scenario's
  // availability settings, and whether acknowledgements must wait for replication (sync).
  Recorder(const Scenario& s, std::ostream* history, bool media = false);

  void record(const LifecycleEvent& e);
  // A latency sample of `latency_class` for a message sent at `sent_at`, observed at `now`;
  // `path`: where the time went on the way (network, queueing, server CPU, phone crypto).
  void latency(const char* latency_class, double sent_at, double now, const PathTime& path);

  // Group fan-out: the handler is writing `copies` device copies of group message `f`; each
  // first delivery of it to a device counts one. The first and the last give the
  // group_first_delivery and group_fanout samples.
  void group_planned(const ChatFrame& f, std::uint32_t copies);
  void group_delivered(const ChatFrame& f, double now);
  std::map<std::string, LatencyBreakdown> latency_breakdowns() const;
  CryptoReport& crypto() { return crypto_; }
  // Crypto cycles a server tier spent (transport encryption, key bundles), after the warm-up.
  void crypto_work(Tier tier, double cycles, double now);
  double crypto_cycles(Tier tier) const { return crypto_cycles_[static_cast<int>(tier)]; }
  // Group messages sent after the warm-up whose fan-out had not reached every device.
  std::uint64_t fanouts_incomplete() const;

  // Media: bytes a media tier sent (the measured window's share gives its Gb/s); the viral
  // item's requests at PoPs, reads from blob storage and promotion; one timeline sample.
  void media_egress(MediaTier tier, double bytes, double now);
  void viral_request(double now, bool cdn_hit);
  void viral_blob_read(double now);
  void viral_promoted(double now);
  void media_sample(double now);
  double media_egress_measured_bytes(MediaTier tier) const { return egress_measured_[static_cast<int>(tier)]; }

  MessageCounts& counts() { return counts_; }
  GroupReport& groups() { return groups_; }
  MediaReport& media() { return media_; }
  ConsistencyCounts finish() { return checker_.finish(); }
  // Faults, as windows of time: add them all before the first event.
  void add_fault(const FaultWindow& w) { availability_.add_fault(w); }
  AvailabilityReport availability(double end_s) const { return availability_.finish(end_s); }
  // Frames waiting for a core on all servers at `window_end_s`, the end of an availability window.
  void queued_frames(double window_end_s, std::uint64_t frames) {
    availability_.on_queued_frames(window_end_s, frames);
  }
  std::map<std::string, LatencySummary> latency_summaries() const;

 private:
  double warmup_s_;
  std::ostream* history_;
  ConsistencyChecker checker_;
  AvailabilityMeter availability_;
  std::map<std::string, LatencyHistogram> latency_;
  MessageCounts counts_;
  GroupReport groups_;
  MediaReport media_;
  CryptoReport crypto_;
  double crypto_cycles_[kTierCount] = {};
  std::map<std::string, LatencyBreakdown> breakdown_sums_;  // sums of ms per class; means on output
  double egress_total_[3] = {0, 0, 0};     // by MediaTier, whole run (timeline)
  double egress_measured_[3] = {0, 0, 0};  // by MediaTier, after the warm-up
  struct Fanout {
    double sent_at = 0;
    std::uint32_t remaining = 0;  // copies planned but not yet delivered
    bool first_seen = false;
  };
  std::unordered_map<MessageId, Fanout> fanouts_;
};

}  // namespace whatsim
