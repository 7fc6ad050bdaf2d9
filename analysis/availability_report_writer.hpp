#pragma once
// The availability section of the report: report.json's "availability" (every window, for
// plots and `expect`) and report.md's "Availability" (the shares during and outside faults,
// and each fault's recovery; the windows are left to the JSON and the timeline plot).
#include <ostream>

#include <nlohmann/json.hpp>

#include "analysis/run_report.hpp"

namespace whatsim {

nlohmann::ordered_json availability_json(const AvailabilityReport& a);
void availability_md(std::ostream& out, const AvailabilityReport& a);

}  // namespace whatsim
