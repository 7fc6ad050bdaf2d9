#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/example_timeline.hpp"

using namespace whatsim;

namespace {

constexpr DeviceId kSender = 10;
constexpr DeviceId kPhone = 20;
constexpr DeviceId kLaptop = 21;
const StreamId kStream = stream_of(1, 2);
const MessageId kLostOne{kSender, 1};
const MessageId kFine{kSender, 2};
const MessageId kDivergent{kSender, 3};

LifecycleEvent ev(double t, EventKind kind, MessageId id, DeviceId device, Seq seq, std::uint32_t count = 0) {
  return {t, kind, id, kStream, seq, device, count};
}

// A history file as the model writes it: the first message never reaches the laptop, the
// second is fine, the third reaches the laptop at the first one's seq.
std::string history_text() {
  const std::vector<LifecycleEvent> events = {
      ev(1, EventKind::sent, kLostOne, kSender, 0),          ev(1.01, EventKind::stored, kLostOne, kPhone, 1),
      ev(1.01, EventKind::stored, kLostOne, kLaptop, 1),     ev(1.02, EventKind::acked, kLostOne, kSender, 1, 2),
      ev(2, EventKind::sent, kFine, kSender, 0),             ev(2.01, EventKind::stored, kFine, kPhone, 2),
      ev(2.02, EventKind::acked, kFine, kSender, 2, 1),      ev(2.05, EventKind::delivered, kFine, kPhone, 2),
      ev(12.345, EventKind::delivered, kLostOne, kPhone, 1), ev(13, EventKind::delivered, kDivergent, kLaptop, 1),
      ev(14, EventKind::receipt, kLostOne, kPhone, 1, 2)};
  std::ostringstream out;
  write_history_header(out);
  for (const LifecycleEvent& e : events) write_event(out, e);
  return out.str();
}

ConsistencyCounts two_examples() {
  ConsistencyCounts c;
  c.lost = 1;
  c.divergences = 1;
  c.examples.push_back(Anomaly{"lost", kLostOne, kLaptop, 14, "stored, never delivered", {}});
  c.examples.push_back(Anomaly{"divergence", kDivergent, kLaptop, 13, "seq 1 was another message", {}});
  return c;
}

}  // namespace

TEST_CASE("a timeline line gives time, kind, seq, device and the count where the kind has one",
          "[analysis][timeline]") {
  CHECK(timeline_line(ev(12.345, EventKind::stored, kLostOne, 17, 4)) == "12.345000 stored seq 4 device 17");
  CHECK(timeline_line(ev(1.5, EventKind::acked, kLostOne, kSender, 4, 2)) == "1.500000 acked seq 4 device 10 count 2");
  CHECK(timeline_line(ev(2, EventKind::receipt, kLostOne, kPhone, 4, 3)) == "2.000000 receipt seq 4 device 20 count 3");
}

TEST_CASE("each example gets its own message's events from the history, in order", "[analysis][timeline]") {
  ConsistencyCounts c = two_examples();
  std::istringstream history(history_text());
  attach_timelines(history, c);
  CHECK(c.examples[0].timeline ==
        std::vector<std::string>{"1.000000 sent seq 0 device 10", "1.010000 stored seq 1 device 20",
                                 "1.010000 stored seq 1 device 21", "1.020000 acked seq 1 device 10 count 2",
                                 "12.345000 delivered seq 1 device 20", "14.000000 receipt seq 1 device 20 count 2"});
  CHECK(c.examples[1].timeline == std::vector<std::string>{"13.000000 delivered seq 1 device 21"});
}

TEST_CASE("a long timeline is cut at max_events and says how many were left out", "[analysis][timeline]") {
  ConsistencyCounts c = two_examples();
  std::istringstream history(history_text());
  attach_timelines(history, c, 2);
  CHECK(c.examples[0].timeline == std::vector<std::string>{"1.000000 sent seq 0 device 10",
                                                           "1.010000 stored seq 1 device 20", "(4 more events)"});
  CHECK(c.examples[1].timeline.size() == 1);
}

TEST_CASE("a malformed history line about an example's message is an error naming its line", "[analysis][timeline]") {
  std::string text = history_text();
  text += "15.0,stored," + std::to_string(kLostOne.packed()) + ",1,1,oops,0\n";  // line 13
  ConsistencyCounts c = two_examples();
  std::istringstream history(text);
  REQUIRE_THROWS_AS(attach_timelines(history, c), std::runtime_error);
  std::istringstream again(text);
  CHECK_THROWS_WITH(attach_timelines(again, c), Catch::Contains("history line 13") && Catch::Contains("device"));
}

TEST_CASE("a file without the history header is refused", "[analysis][timeline]") {
  ConsistencyCounts c = two_examples();
  std::istringstream not_history("a,b,c\n1,2,3\n");
  CHECK_THROWS_WITH(attach_timelines(not_history, c), Catch::Contains("history line 1"));
}

TEST_CASE("without examples the history is not read", "[analysis][timeline]") {
  ConsistencyCounts c;
  std::istringstream history("not a history at all\n");
  attach_timelines(history, c);
  CHECK(history.tellg() == 0);
}
