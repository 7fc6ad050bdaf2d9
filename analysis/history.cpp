#include "analysis/history.hpp"

#include <array>
#include <charconv>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string_view>

namespace whatsim {

namespace {

constexpr const char* kHeader = "time,kind,message,stream,seq,device,count";

// Indexed by EventKind's value: one table keeps printing and parsing in agreement.
constexpr std::array<const char*, 11> kKindNames = {"sent",      "acked",       "stored",      "delivered",
                                                    "receipt",   "expired",     "pending_at_end",
                                                    "sequenced", "member_from", "member_until", "replicated"};
static_assert(static_cast<std::size_t>(EventKind::replicated) + 1 == kKindNames.size(),
              "every EventKind needs a name");

[[noreturn]] void fail(std::size_t line, const std::string& what) {
  throw std::runtime_error("history line " + std::to_string(line) + ": " + what);
}

// from_chars, not strtod/stream extraction: locale-independent and rejects trailing junk.
template <class T>
T parse_number(std::string_view field, const char* name, std::size_t line) {
  T value{};
  const auto* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, value);
  if (field.empty() || ec != std::errc() || ptr != end)
    fail(line, std::string("bad ") + name + " '" + std::string(field) + "'");
  return value;
}

std::array<std::string_view, 7> split_fields(std::string_view text, std::size_t line) {
  std::array<std::string_view, 7> fields;
  std::size_t n = 0;
  for (std::size_t start = 0;; ++n) {
    const std::size_t comma = text.find(',', start);
    if (n >= fields.size()) fail(line, "more than 7 fields");
    fields[n] = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (n + 1 != fields.size()) fail(line, "expected 7 fields, got " + std::to_string(n + 1));
  return fields;
}

LifecycleEvent parse_line(std::string_view text, std::size_t line) {
  const auto f = split_fields(text, line);
  LifecycleEvent e;
  e.time = parse_number<double>(f[0], "time", line);
  if (!parse_event_kind(std::string(f[1]), e.kind)) fail(line, "unknown kind '" + std::string(f[1]) + "'");
  e.id = MessageId::unpack(parse_number<std::uint64_t>(f[2], "message", line));
  e.stream = parse_number<StreamId>(f[3], "stream", line);
  e.seq = parse_number<Seq>(f[4], "seq", line);
  e.device = parse_number<DeviceId>(f[5], "device", line);
  e.count = parse_number<std::uint32_t>(f[6], "count", line);
  return e;
}

}  // namespace

const char* to_string(EventKind k) {
  const auto i = static_cast<std::size_t>(k);
  return i < kKindNames.size() ? kKindNames[i] : "unknown";
}

bool parse_event_kind(const std::string& text, EventKind& out) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (text == kKindNames[i]) {
      out = static_cast<EventKind>(i);
      return true;
    }
  }
  return false;
}

void write_history_header(std::ostream& out) { out << kHeader << '\n'; }

void write_event(std::ostream& out, const LifecycleEvent& e) {
  // to_chars fixed/6: microsecond resolution, independent of the stream's locale and flags.
  char time[64];
  const auto res = std::to_chars(time, time + sizeof time, e.time, std::chars_format::fixed, 6);
  out << std::string_view(time, static_cast<std::size_t>(res.ptr - time)) << ',' << to_string(e.kind) << ','
      << e.id.packed() << ',' << e.stream << ',' << e.seq << ',' << e.device << ',' << e.count << '\n';
}

std::vector<LifecycleEvent> read_history(std::istream& in) {
  std::vector<LifecycleEvent> events;
  std::string text;
  for (std::size_t line = 1; std::getline(in, text); ++line) {
    if (!text.empty() && text.back() == '\r') text.pop_back();  // tolerate CRLF files
    if (line == 1) {
      // Requiring the header catches a wrong file (or a column change) at once.
      if (text != kHeader) fail(line, "expected header '" + std::string(kHeader) + "'");
      continue;
    }
    if (text.empty()) continue;
    events.push_back(parse_line(text, line));
  }
  return events;
}

}  // namespace whatsim
