#pragma once
// The process's peak resident memory, for the timing files (run.json) the commands write.
#include <cstdint>

namespace whatsim {

std::uint64_t peak_rss_bytes();

}  // namespace whatsim
