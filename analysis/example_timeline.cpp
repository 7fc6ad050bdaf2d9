#include "analysis/example_timeline.hpp"

#include <charconv>
#include <istream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/report_format.hpp"

namespace whatsim {

namespace {

// A message's lines so far, and how many more events it had than were kept.
struct Story {
  std::vector<std::string> lines;
  std::size_t left_out = 0;
};

bool has_count(EventKind k) { return k == EventKind::acked || k == EventKind::receipt || k == EventKind::replicated; }

// The message column (the third) of a history line, read without parsing the rest, so the
// lines about other messages cost almost nothing. False when the line has no such column or
// it is not a number: the caller then parses the line in full, which names the fault.
bool message_field(std::string_view text, std::uint64_t& message) {
  const std::size_t first = text.find(',');
  if (first == std::string_view::npos) return false;
  const std::size_t second = text.find(',', first + 1);
  if (second == std::string_view::npos) return false;
  const std::size_t third = text.find(',', second + 1);
  const std::string_view field = text.substr(second + 1, third == std::string_view::npos ? third : third - second - 1);
  const auto* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, message);
  return !field.empty() && ec == std::errc() && ptr == end;
}

// One line parsed by read_history itself (behind the file's own header, which it checks), so
// the format has one reader; its error names the line in the file, not in the snippet.
LifecycleEvent parse_line(const std::string& header, const std::string& text, std::size_t line) {
  std::istringstream one(header + '\n' + text + '\n');
  try {
    return read_history(one).at(0);
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    const std::size_t reason = what.find(": ");
    throw std::runtime_error("history line " + std::to_string(line) + ": " +
                             (reason == std::string::npos ? what : what.substr(reason + 2)));
  }
}

}  // namespace

std::string timeline_line(const LifecycleEvent& e) {
  std::string line = report_format::fixed(e.time, 6) + ' ' + to_string(e.kind) + " seq " + std::to_string(e.seq) +
                     " device " + std::to_string(e.device);
  if (has_count(e.kind)) line += " count " + std::to_string(e.count);
  return line;
}

void attach_timelines(std::istream& history, ConsistencyCounts& counts, std::size_t max_events) {
  if (counts.examples.empty()) return;
  std::map<std::uint64_t, Story> stories;  // only the examples' messages
  for (const Anomaly& a : counts.examples) stories.try_emplace(a.id.packed());

  std::string header;
  std::getline(history, header);
  if (!header.empty() && header.back() == '\r') header.pop_back();
  std::istringstream header_only(header);
  read_history(header_only);  // throws on a wrong header, naming line 1

  std::string text;
  for (std::size_t line = 2; std::getline(history, text); ++line) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty()) continue;
    std::uint64_t message = 0;
    const bool readable = message_field(text, message);
    if (readable && stories.count(message) == 0) continue;
    const LifecycleEvent e = parse_line(header, text, line);
    const auto found = stories.find(e.id.packed());
    if (found == stories.end()) continue;
    Story& story = found->second;
    if (story.lines.size() < max_events) {
      story.lines.push_back(timeline_line(e));
    } else {
      ++story.left_out;
    }
  }

  for (Anomaly& a : counts.examples) {
    const Story& story = stories.at(a.id.packed());
    a.timeline = story.lines;
    if (story.left_out > 0) a.timeline.push_back("(" + std::to_string(story.left_out) + " more events)");
  }
}

}  // namespace whatsim
