#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "analysis/availability_meter.hpp"

using namespace whatsim;

namespace {

// Every figure below is worked out by hand from the sends each test makes.
constexpr double kAckWithinS = 2;
constexpr double kWindowS = 10;
constexpr double kTolerance = 0.1;
constexpr DeviceId kSender = 10;
const StreamId kStream = stream_of(1, 2);

// Makes sends with increasing ids; each is acked after a delay, or never.
class Sends {
 public:
  explicit Sends(AvailabilityMeter& meter) : meter_(meter) {}

  MessageId send(double t, StreamId stream = kStream) {
    const MessageId id{kSender, ++counter_};
    meter_.on_event({t, EventKind::sent, id, stream, 0, kSender, 0});
    return id;
  }
  void ack(MessageId id, double t) { meter_.on_event({t, EventKind::acked, id, kStream, 1, kSender, 1}); }
  void acked_after(double t, double delay_s) { ack(send(t), t + delay_s); }
  void delivered(double t) { meter_.on_event({t, EventKind::delivered, MessageId{kSender, 999}, kStream, 1, 20, 0}); }

 private:
  AvailabilityMeter& meter_;
  std::uint32_t counter_ = 0;
};

std::vector<double> starts(const AvailabilityReport& r) {
  std::vector<double> out;
  for (const AvailabilityWindow& w : r.windows) out.push_back(w.start_s);
  return out;
}

}  // namespace

TEST_CASE("a window whose sends were all acknowledged late has share 0", "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 0);
  Sends sends(meter);
  for (double t : {1.0, 2.0, 3.0}) sends.acked_after(t, 2.5);
  const auto r = meter.finish(20);
  REQUIRE(r.windows.size() == 1);  // [10, 20) ends too close to the end for an ack in time
  CHECK(r.windows[0].sends == 3);
  CHECK(r.windows[0].acked_in_time == 0);
  CHECK(r.windows[0].share == 0);
  CHECK(r.windows[0].mean_ack_ms == Approx(2500));
  CHECK(r.overall == 0);
  CHECK(r.during_faults == 1);  // no faults: nothing sent during one
  CHECK(r.outside_faults == 0);
  CHECK(r.ack_within_s == kAckWithinS);
  CHECK(r.window_s == kWindowS);
}

TEST_CASE("only a send's first acknowledgement gives its latency", "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 0);
  Sends sends(meter);
  const MessageId id = sends.send(1);
  sends.ack(id, 1.5);
  sends.ack(id, 7);  // a retry acknowledged again
  const auto r = meter.finish(12);
  REQUIRE(r.windows.size() == 1);
  CHECK(r.windows[0].sends == 1);
  CHECK(r.windows[0].acked_in_time == 1);
  CHECK(r.windows[0].mean_ack_ms == Approx(500));
}

TEST_CASE("windows inside the warm-up or too close to the end are not reported", "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 15);
  // [0, 10) ends in the warm-up; [10, 20) reaches past it; [30, 40) is the last window whose
  // sends all had their 2 s before the end at 42 (at 41.9, a send made at 39.95 had not).
  CHECK(starts(meter.finish(42)) == std::vector<double>{10, 20, 30});
  CHECK(starts(meter.finish(41.9)) == std::vector<double>{10, 20});
}

TEST_CASE("sends made during a fault are counted apart from the others", "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 0);
  meter.add_fault({"crash message_service[0]", 12, 18});
  Sends sends(meter);
  for (double t : {1.0, 2.0, 3.0, 4.0}) sends.acked_after(t, 0.1);  // outside, in time
  sends.acked_after(11, 0.1);                                      // outside, in time
  sends.acked_after(13, 0.1);                                      // during, in time
  sends.send(14);                                                  // during, never acknowledged
  sends.acked_after(15, 5);                                        // during, late
  sends.acked_after(17, 3);                                        // during, late
  sends.acked_after(21, 0.1);                                      // outside, in time
  sends.ack(sends.send(22, group_stream(7)), 22.2);                 // a group message is a send too
  for (double t : {25.0, 26.0, 27.0}) sends.delivered(t);
  const auto r = meter.finish(32);

  CHECK(r.during_faults == Approx(1.0 / 4));  // 13 in time of 13, 14, 15, 17
  CHECK(r.outside_faults == 1);               // 7 sends, all in time
  CHECK(r.overall == Approx(8.0 / 11));
  REQUIRE(r.windows.size() == 3);
  CHECK(r.windows[1].sends == 5);
  CHECK(r.windows[1].acked_in_time == 2);
  CHECK(r.windows[1].share == Approx(0.4));
  CHECK(r.windows[1].mean_ack_ms == Approx((100 + 100 + 5000 + 3000) / 4.0));  // the unacked send has no latency
  CHECK(r.windows[2].sends == 2);
  CHECK(r.windows[2].mean_ack_ms == Approx(150));
  CHECK(r.windows[2].delivered == 3);
  CHECK(r.windows[0].delivered == 0);
  REQUIRE(r.faults.size() == 1);
  CHECK(r.faults[0].label == "crash message_service[0]");
}

TEST_CASE("a healed fault recovers when a window is back at the pre-fault level", "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 0);
  meter.add_fault({"partition isolate europe", 20, 30});
  Sends sends(meter);
  for (double t : {1.0, 5.0, 11.0, 15.0}) sends.acked_after(t, 0.2);  // before: share 1, 200 ms
  sends.send(21);                                                     // during: nothing acknowledged
  sends.send(25);
  sends.acked_after(31, 0.3);  // [30, 40): share 0.5 is below 1 - 0.1
  sends.send(35);
  sends.acked_after(41, 0.25);  // [40, 50): share 1 is back; 250 ms is above 200 * 1.1
  sends.acked_after(45, 0.25);
  sends.acked_after(51, 0.21);  // [50, 60): 210 ms is back
  sends.acked_after(55, 0.21);
  const auto r = meter.finish(62);

  REQUIRE(r.recoveries.size() == 1);
  const FaultRecovery& rec = r.recoveries[0];
  CHECK(rec.label == "partition isolate europe");
  CHECK(rec.healed_at_s == 30);
  CHECK(rec.pre_fault_share == 1);
  CHECK(rec.pre_fault_ack_ms == Approx(200));
  CHECK(rec.availability_recovered_after_s == Approx(20));  // the end of [40, 50), from the heal at 30
  CHECK(rec.latency_recovered_after_s == Approx(30));       // the end of [50, 60)
  CHECK(r.windows[2].share == 0);
}

TEST_CASE("a fault that never recovers says -1, and recoveries follow the faults' start order",
          "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 0);
  meter.add_fault({"slow chat_server[1]", 30, 35});  // added first, starts second
  meter.add_fault({"crash chat_server[0]", 20, 25});
  Sends sends(meter);
  for (double t : {1.0, 11.0}) sends.acked_after(t, 0.2);
  for (double t : {21.0, 31.0, 41.0, 51.0}) sends.acked_after(t, 1.5);  // in time, but never as fast again
  const auto r = meter.finish(62);

  REQUIRE(r.recoveries.size() == 2);
  CHECK(r.faults[0].label == "crash chat_server[0]");
  CHECK(r.recoveries[0].label == "crash chat_server[0]");
  CHECK(r.recoveries[1].label == "slow chat_server[1]");
  for (const FaultRecovery& rec : r.recoveries) {
    CHECK(rec.pre_fault_ack_ms == Approx(200));
    CHECK(rec.latency_recovered_after_s == -1);
  }
  CHECK(r.recoveries[0].availability_recovered_after_s == Approx(15));  // [30, 40) ends 15 s after 25
  CHECK(r.recoveries[1].availability_recovered_after_s == Approx(15));  // [40, 50) ends 15 s after 35
}

TEST_CASE("without a window before the first fault there is no level to recover to", "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 0);
  meter.add_fault({"crash broker[0]", 5, 8});
  Sends sends(meter);
  for (double t : {1.0, 11.0, 21.0}) sends.acked_after(t, 0.1);
  const auto r = meter.finish(32);
  REQUIRE(r.recoveries.size() == 1);
  CHECK(r.recoveries[0].availability_recovered_after_s == -1);
  CHECK(r.recoveries[0].latency_recovered_after_s == -1);
  CHECK(r.during_faults == 1);  // nothing was sent while it lasted
}

TEST_CASE("a queue sample at a window's end is that window's queued frames", "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 0);
  Sends sends(meter);
  sends.acked_after(1, 0.1);
  meter.on_queued_frames(kWindowS, 7);
  // A time reached by adding window lengths may fall a hair short of the boundary: still window 2.
  meter.on_queued_frames(2 * kWindowS - 1e-9, 40);
  const auto r = meter.finish(40);
  REQUIRE(r.windows.size() == 3);
  CHECK(r.windows[0].queued_frames == 7);
  CHECK(r.windows[1].queued_frames == 40);
  CHECK(r.windows[2].queued_frames == 0);  // never sampled
}

TEST_CASE("a queue sample taken before any window ended is ignored", "[analysis][availability]") {
  AvailabilityMeter meter(kAckWithinS, kWindowS, kTolerance, 0);
  meter.on_queued_frames(0, 99);
  const auto r = meter.finish(30);
  REQUIRE_FALSE(r.windows.empty());
  for (const AvailabilityWindow& w : r.windows) CHECK(w.queued_frames == 0);
}
