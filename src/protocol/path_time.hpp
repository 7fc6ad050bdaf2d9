#pragma once
// Where a frame's time went on its way, accumulated hop by hop: a frame made from another
// (a stored copy from a send, a receipt from a copy) carries its parent's time on, so at the
// end of a path (one check, two checks) it says what that path spent on the network, waiting
// for a server core, on server CPU and on phone crypto. What it does not account for (a
// device offline, a person reading) is the rest of the latency. Floats: a frame stays small.
namespace whatsim {

struct PathTime {
  float network_s = 0;
  float queueing_s = 0;
  float server_cpu_s = 0;
  float device_crypto_s = 0;
};

}  // namespace whatsim
