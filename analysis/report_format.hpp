#pragma once
// How report figures are written, shared by the report's sections: byte-stable doubles for
// report.json, and readable numbers, shares and sizes for report.md.
#include <cstddef>
#include <cstdint>
#include <string>

namespace whatsim::report_format {

// Six significant digits: beyond what the model can claim, and the JSON printer then shows
// short, stable numbers (499.812, not 499.81234567890123).
inline constexpr int kSignificant = 6;
double round_sig(double x, int digits = kSignificant);
// A part over its whole, 0 when the whole is 0 (nothing measured is no share, not a NaN).
double share_of(double part, double whole);

std::string fixed(double x, int decimals);
// `digits` significant digits in plain notation (1234, 0.000123), never an exponent.
std::string significant(double x, int digits);
// Latencies in ms: about four significant figures, two for tiny ones.
std::string ms(double x);
// Three significant digits, so a lightly loaded tier reads 0.0123 %, not 0.0 %.
std::string percent(double share);
std::string gigabytes(double bytes);
// Decimal units (1 kB = 1000 B), as disks and networks count them; three significant digits.
std::string human_bytes(double bytes);
// "90 of 100 (90 %)": a count with the share it is of.
std::string count_of(std::uint64_t part, std::uint64_t whole);
// media_over_limit -> "media over limit"
std::string spaced(std::string name);
// 7 -> "07" for 2 digits: names that list in their numbers' order (a longer number is kept whole).
std::string zero_padded(std::size_t number, std::size_t digits);

}  // namespace whatsim::report_format
