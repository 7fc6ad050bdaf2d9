#pragma once
// The security figures of a run: what phones and servers spent on encryption, sessions and
// prekeys, the cost model's figures per device profile, and the confidentiality check.
#include "analysis/run_report.hpp"
#include "model/world.hpp"

namespace whatsim {

CryptoReport crypto_report(World& world, double end_s);

}  // namespace whatsim
