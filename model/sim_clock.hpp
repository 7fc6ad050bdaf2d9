#pragma once
// The simulated time every actor stamps, charges and schedules by.
#include <simgrid/s4u/Engine.hpp>

namespace whatsim {

// Seconds of simulated time since the run began.
inline double now_s() { return simgrid::s4u::Engine::get_clock(); }

}  // namespace whatsim
