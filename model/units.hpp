#pragma once
// Unit conversions the scenario's figures need: link rates are given in bits per second
// (Mb/s, Gb/s), disk rates in megabytes per second; SimGrid wants bytes per second.
namespace whatsim {

inline constexpr double kBitsPerByte = 8.0;
inline constexpr double kMsPerS = 1000.0;

inline double bytes_per_s_from_mbps(double megabits_per_s) { return megabits_per_s * 1e6 / kBitsPerByte; }
inline double bytes_per_s_from_gbps(double gigabits_per_s) { return gigabits_per_s * 1e9 / kBitsPerByte; }
inline double bytes_per_s_from_mb_per_s(double megabytes_per_s) { return megabytes_per_s * 1e6; }
inline double gbps_from_bytes_per_s(double bytes_per_s) { return bytes_per_s * kBitsPerByte / 1e9; }

}  // namespace whatsim
