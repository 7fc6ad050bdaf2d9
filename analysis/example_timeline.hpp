#pragma once
// Gives each consistency example its message's story: the message's events from the history
// file, one a line ("12.345000 stored seq 4 device 17"), so a reader of the report sees what
// happened to it without searching a history of millions of lines.
//
// The history is read once, line by line, after the run: only lines about an example's
// message are parsed and kept, at most max_events of them per message, so memory stays with
// the examples, not the history.
#include <cstddef>
#include <iosfwd>
#include <string>

#include "analysis/consistency_checker.hpp"
#include "analysis/history.hpp"

namespace whatsim {

// One event as a timeline line: time (6 decimals), kind, seq, device, and the count when the
// kind has one (acked, receipt, replicated).
std::string timeline_line(const LifecycleEvent& e);

// Fills every example's `timeline` with the first max_events events of its message, in
// history order; when the message had more, a last line says how many were left out.
// Throws std::runtime_error naming the line when the history is malformed.
void attach_timelines(std::istream& history, ConsistencyCounts& counts, std::size_t max_events = 20);

}  // namespace whatsim
