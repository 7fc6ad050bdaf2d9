#pragma once
// The media section of the report: report.json's "media" and report.md's "Media".
#include <ostream>

#include <nlohmann/json.hpp>

#include "analysis/run_report.hpp"

namespace whatsim {

// A run without media says only that ({"enabled": false}).
nlohmann::ordered_json media_json(const MediaReport& m);
void media_md(std::ostream& out, const MediaReport& m);

}  // namespace whatsim
