#include "analysis/availability_report_writer.hpp"

#include <string>
#include <utility>

#include "analysis/report_format.hpp"

namespace whatsim {

using namespace report_format;
using Json = nlohmann::ordered_json;

namespace {

Json fault_json(const FaultWindow& f) {
  return Json{{"label", f.label}, {"start_s", round_sig(f.start_s)}, {"end_s", round_sig(f.end_s)}};
}

Json recovery_json(const FaultRecovery& r) {
  return Json{{"label", r.label},
              {"healed_at_s", round_sig(r.healed_at_s)},
              {"pre_fault_share", round_sig(r.pre_fault_share)},
              {"pre_fault_ack_ms", round_sig(r.pre_fault_ack_ms)},
              {"availability_recovered_after_s", round_sig(r.availability_recovered_after_s)},
              {"latency_recovered_after_s", round_sig(r.latency_recovered_after_s)}};
}

Json window_json(const AvailabilityWindow& w) {
  return Json{{"start_s", round_sig(w.start_s)},
              {"sends", w.sends},
              {"acked_in_time", w.acked_in_time},
              {"share", round_sig(w.share)},
              {"mean_ack_ms", round_sig(w.mean_ack_ms)},
              {"delivered", w.delivered},
              {"queued_frames", w.queued_frames}};
}

template <class Item, class ToJson>
Json array_of(const std::vector<Item>& items, ToJson to_json) {
  Json out = Json::array();
  for (const Item& item : items) out.push_back(to_json(item));
  return out;
}

// A setting as written in the scenario: 2 s, 0.5 s, not 2.00000 s.
std::string plain(double x) {
  std::string text = significant(x, kSignificant);
  if (text.find('.') == std::string::npos) return text;
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

// Recovery times: -1 means the windows never came back (or had no pre-fault level to come back to).
std::string seconds_or_never(double s) { return s < 0 ? "never" : fixed(s, 3); }

// A label is free text: a '|' in it would end its Markdown table cell.
std::string table_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

void recoveries_md(std::ostream& out, const AvailabilityReport& a) {
  const FaultRecovery& first = a.recoveries.front();  // every fault is measured against the same level
  // A measured mean acknowledgement takes time; 0 means no window came before the first fault.
  if (first.pre_fault_ack_ms > 0) {
    out << "Pre-fault level (windows before the first fault): " << percent(first.pre_fault_share)
        << " acknowledged in time, mean acknowledgement " << ms(first.pre_fault_ack_ms)
        << " ms. A fault's recovery runs from its heal to the end of the first window back at that level "
           "(within tolerance).\n\n";
  } else {
    out << "No reported window ends before the first fault: there is no pre-fault level to recover to.\n\n";
  }
  out << "| Fault | Start (s) | Healed (s) | Availability back after (s) | Latency back after (s) |\n"
      << "|---|---:|---:|---:|---:|\n";
  for (std::size_t i = 0; i < a.recoveries.size() && i < a.faults.size(); ++i) {
    const FaultWindow& f = a.faults[i];
    const FaultRecovery& r = a.recoveries[i];
    out << "| " << table_cell(f.label) << " | " << fixed(f.start_s, 3) << " | " << fixed(r.healed_at_s, 3) << " | "
        << seconds_or_never(r.availability_recovered_after_s) << " | "
        << seconds_or_never(r.latency_recovered_after_s) << " |\n";
  }
  out << '\n';
}

}  // namespace

Json availability_json(const AvailabilityReport& a) {
  return Json{{"ack_within_s", round_sig(a.ack_within_s)},
              {"window_s", round_sig(a.window_s)},
              {"overall", round_sig(a.overall)},
              {"during_faults", round_sig(a.during_faults)},
              {"outside_faults", round_sig(a.outside_faults)},
              {"faults", array_of(a.faults, fault_json)},
              {"recoveries", array_of(a.recoveries, recovery_json)},
              {"windows", array_of(a.windows, window_json)}};
}

void availability_md(std::ostream& out, const AvailabilityReport& a) {
  out << "## Availability\n\nA send is available when acknowledged (one check) within " << plain(a.ack_within_s)
      << " s; measured over " << a.windows.size() << " windows of " << plain(a.window_s)
      << " s after the warm-up (each window in report.json).\n\n"
      << "| Sends | Acknowledged in time |\n|---|---:|\n"
      << "| All | " << percent(a.overall) << " |\n"
      << "| During faults | " << percent(a.during_faults) << " |\n"
      << "| Outside faults | " << percent(a.outside_faults) << " |\n\n";
  if (a.faults.empty()) {
    out << "No faults injected.\n\n";
    return;
  }
  if (a.recoveries.empty()) return;
  recoveries_md(out, a);
}

}  // namespace whatsim
