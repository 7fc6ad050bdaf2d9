#pragma once
// Every number a report holds, by name: what a sweep averages over replications and what
// `whatsim compare` checks for regressions. One flattening, so both read the same figures.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace whatsim {

// A figure's name is its JSON pointer ("/latency_ms/delivered/p99"), except that an array
// element is named by its identifying field ("name", "tier" or "figure": "/model/stations/
// chat_server.send/frames_per_s") rather than its index, so figures keep their names when a
// list grows. Arrays whose elements have no such field (time series, examples) are skipped:
// element 7 of one run's windows is not element 7 of another's. Booleans and strings are
// not figures. Order: the report's own order (nlohmann's objects are sorted by key).
std::vector<std::pair<std::string, double>> numeric_figures(const nlohmann::json& report);

}  // namespace whatsim
