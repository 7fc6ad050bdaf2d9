#include "analysis/report_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace whatsim::report_format {

// Six significant digits: beyond what the model can claim, and the JSON printer then shows
// short, stable numbers (499.812, not 499.81234567890123). to_chars/from_chars are exact
// and locale-free, so one double always prints as one string.
double round_sig(double x, int digits) {
  if (x == 0 || !std::isfinite(x)) return x;
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, digits - 1);
  double out = x;
  std::from_chars(buf, res.ptr, out, std::chars_format::scientific);
  return out;
}

// A part over its whole, 0 when the whole is 0 (nothing measured is no share, not a NaN).
double share_of(double part, double whole) { return whole > 0 ? part / whole : 0; }


std::string fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

// `digits` significant digits in plain notation (1234, 0.000123), never an exponent.
std::string significant(double x, int digits) {
  if (x == 0 || !std::isfinite(x)) return fixed(x, 0);
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  return fixed(x, std::max(0, digits - 1 - magnitude));
}

// Latencies span microseconds to hours: keep about four significant figures in view, and
// two for the tiny ones (a text message's crypto), which fixed decimals would show as 0.000.
std::string ms(double x) {
  constexpr double kNothing_ms = 1e-4;  // a tenth of a microsecond: below anything the model resolves
  const double a = std::fabs(x);
  if (a > 0 && a < kNothing_ms) return "< 0.0001";
  if (a > 0 && a < 0.01) return significant(x, 2);
  return fixed(x, a < 10 ? 3 : a < 1000 ? 1 : 0);
}

// Three significant digits, so a lightly loaded tier reads 0.0123 %, not 0.0 %; an overloaded
// one reads 1390 %, never in exponent notation. Below a millionth of the whole, where %g would
// turn to an exponent, it reads "< 0.0001 %" whatever its sign: no figure here resolves that
// finely, and a latency's "other" part (its mean less the parts that add up to it) can be
// such a rounding residue, below zero.
std::string percent(double share) {
  constexpr double kNothing_percent = 1e-4;
  const double p = 100 * share;
  if (p != 0 && std::fabs(p) < kNothing_percent) return "< 0.0001 %";
  if (std::fabs(p) >= 1000) return fixed(p, 0) + " %";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g %%", p);
  return buf;
}
std::string gigabytes(double bytes) { return fixed(bytes / 1e9, 2); }


// Decimal units (1 kB = 1000 B), as disks and networks count them; three significant digits.
std::string human_bytes(double bytes) {
  static const char* const kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  std::size_t unit = 0;
  while (std::fabs(bytes) >= 1000 && unit + 1 < std::size(kUnits)) {
    bytes /= 1000;
    ++unit;
  }
  return significant(bytes, 3) + " " + kUnits[unit];
}

// "90 of 100 (90 %)": a count with the share it is of.
std::string count_of(std::uint64_t part, std::uint64_t whole) {
  return std::to_string(part) + " of " + std::to_string(whole) + " (" +
         percent(share_of(static_cast<double>(part), static_cast<double>(whole))) + ")";
}

// media_over_limit -> "media over limit"
std::string spaced(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string zero_padded(std::size_t number, std::size_t digits) {
  std::string text = std::to_string(number);
  return text.size() >= digits ? text : std::string(digits - text.size(), '0') + text;
}

}  // namespace whatsim::report_format
