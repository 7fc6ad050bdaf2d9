#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/history.hpp"

using namespace whatsim;

namespace {

std::vector<LifecycleEvent> sample_events() {
  std::vector<LifecycleEvent> events;
  const EventKind kinds[] = {EventKind::sent,      EventKind::acked,       EventKind::stored,
                             EventKind::delivered, EventKind::receipt,     EventKind::expired,
                             EventKind::pending_at_end, EventKind::sequenced, EventKind::member_from,
                             EventKind::member_until};
  std::uint32_t i = 0;
  for (EventKind k : kinds) {
    LifecycleEvent e;
    e.time = 12.5 + i * 0.000001;  // microsecond steps survive the 6-decimal format
    e.kind = k;
    e.id = MessageId{4000000000u + i, 7 + i};
    e.stream = stream_of(3 + i, 4000000000u);
    e.seq = 1 + i;
    e.device = 17 + i;
    e.count = i;
    events.push_back(e);
    ++i;
  }
  return events;
}

std::string history_text(const std::vector<LifecycleEvent>& events) {
  std::ostringstream out;
  write_history_header(out);
  for (const auto& e : events) write_event(out, e);
  return out.str();
}

std::string read_error(const std::string& text) {
  std::istringstream in(text);
  try {
    read_history(in);
  } catch (const std::runtime_error& err) {
    return err.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("event kind names round trip", "[analysis][history]") {
  CHECK(std::string(to_string(EventKind::pending_at_end)) == "pending_at_end");
  CHECK(std::string(to_string(EventKind::receipt)) == "receipt");
  EventKind k = EventKind::sent;
  CHECK(parse_event_kind("expired", k));
  CHECK(k == EventKind::expired);
  CHECK_FALSE(parse_event_kind("Expired", k));
  CHECK_FALSE(parse_event_kind("", k));
}

TEST_CASE("history line format is fixed", "[analysis][history]") {
  LifecycleEvent e;
  e.time = 1.5;
  e.kind = EventKind::delivered;
  e.id = MessageId{1, 2};
  e.stream = stream_of(1, 2);
  e.seq = 3;
  e.device = 9;
  std::ostringstream out;
  write_history_header(out);
  write_event(out, e);
  CHECK(out.str() == "time,kind,message,stream,seq,device,count\n1.500000,delivered,4294967298,4294967298,3,9,0\n");
}

TEST_CASE("history write then read gives the same events", "[analysis][history]") {
  const auto events = sample_events();
  std::istringstream in(history_text(events));
  const auto back = read_history(in);
  REQUIRE(back.size() == events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(back[i].time == Approx(events[i].time).margin(1e-9));
    CHECK(back[i].kind == events[i].kind);
    CHECK(back[i].id == events[i].id);
    CHECK(back[i].stream == events[i].stream);
    CHECK(back[i].seq == events[i].seq);
    CHECK(back[i].device == events[i].device);
    CHECK(back[i].count == events[i].count);
  }
}

TEST_CASE("group events keep their kind names and values", "[analysis][history][group]") {
  CHECK(std::string(to_string(EventKind::sequenced)) == "sequenced");
  CHECK(std::string(to_string(EventKind::member_from)) == "member_from");
  CHECK(std::string(to_string(EventKind::member_until)) == "member_until");
  // Appended after the one-to-one kinds, whose values old histories and tools rely on.
  CHECK(static_cast<int>(EventKind::pending_at_end) == 6);
  CHECK(static_cast<int>(EventKind::sequenced) == 7);
  EventKind k = EventKind::sent;
  CHECK(parse_event_kind("member_until", k));
  CHECK(k == EventKind::member_until);
}

TEST_CASE("group events round trip through a history file", "[analysis][history][group]") {
  const StreamId group = group_stream(4000000000u);
  const auto group_event = [&](EventKind kind, MessageId id, Seq seq, DeviceId device) {
    LifecycleEvent e;
    e.time = 2.25;
    e.kind = kind;
    e.id = id;
    e.stream = group;
    e.seq = seq;
    e.device = device;
    return e;
  };
  const MessageId notice{kGroupServiceDevice, 3};
  const std::vector<LifecycleEvent> events = {
      group_event(EventKind::member_from, MessageId{}, 1, 17),
      group_event(EventKind::sequenced, notice, 2, kGroupServiceDevice),
      group_event(EventKind::member_from, notice, 2, 18),
      group_event(EventKind::member_until, MessageId{kGroupServiceDevice, 4}, 3, 17),
      group_event(EventKind::pending_at_end, MessageId{18, 1}, 4, kAllDevices)};
  const std::string text = history_text(events);
  CHECK(text.find("2.250000,sequenced," + std::to_string(notice.packed()) + "," + std::to_string(group) +
                  ",2," + std::to_string(kGroupServiceDevice) + ",0\n") != std::string::npos);
  CHECK(text.find(",4," + std::to_string(kAllDevices) + ",0\n") != std::string::npos);
  std::istringstream in(text);
  const auto back = read_history(in);
  REQUIRE(back.size() == events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(back[i].kind == events[i].kind);
    CHECK(back[i].id == events[i].id);
    CHECK(back[i].stream == group);
    CHECK(is_group_stream(back[i].stream));
    CHECK(stream_group(back[i].stream) == 4000000000u);
    CHECK(back[i].seq == events[i].seq);
    CHECK(back[i].device == events[i].device);
  }
}

TEST_CASE("malformed history lines are reported with their line number", "[analysis][history]") {
  const std::string header = "time,kind,message,stream,seq,device,count\n";
  const std::string good = "1.000000,sent,5,6,1,2,0\n";
  CHECK(read_error(header + good + "2.000000,bogus,5,6,1,2,0\n").rfind("history line 3: ", 0) == 0);
  CHECK(read_error(header + good + good + "x,sent,5,6,1,2,0\n").rfind("history line 4: ", 0) == 0);
  CHECK(read_error(header + "1.0,sent,5,6,1,2\n").rfind("history line 2: ", 0) == 0);
  CHECK(read_error(header + "1.0,sent,5,6,1,2,0,9\n").rfind("history line 2: ", 0) == 0);
  CHECK(read_error(header + "1.0,sent,-5,6,1,2,0\n").rfind("history line 2: ", 0) == 0);
  CHECK(read_error(header + "1.0,sent,5,6,1,2,0x\n").rfind("history line 2: ", 0) == 0);
  CHECK(read_error("1.0,sent,5,6,1,2,0\n").rfind("history line 1: ", 0) == 0);  // header missing
  CHECK(read_error(header + good) == "no error");
}
