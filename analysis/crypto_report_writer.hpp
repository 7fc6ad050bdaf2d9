#pragma once
// The security section of the report: report.json's "crypto" and report.md's "Security",
// which ends with one sentence stating what security costs.
#include <ostream>

#include <nlohmann/json.hpp>

#include "analysis/run_report.hpp"

namespace whatsim {

// Always written in full: a run with encryption off is the other side of the trade-off.
nlohmann::ordered_json crypto_json(const CryptoReport& c);
void security_md(std::ostream& out, const RunReport& r);

}  // namespace whatsim
