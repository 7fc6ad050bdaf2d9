#include <catch2/catch.hpp>

#include "analysis/report_format.hpp"

using namespace whatsim::report_format;

TEST_CASE("percent keeps three significant digits in plain notation") {
  CHECK(percent(0.5) == "50 %");
  CHECK(percent(0.000123) == "0.0123 %");
  CHECK(percent(1.234e-6) == "0.000123 %");
  CHECK(percent(13.9) == "1390 %");
  CHECK(percent(-0.25) == "-25 %");
  CHECK(percent(0) == "0 %");
}

TEST_CASE("percent reads less than a millionth of the whole as nothing, whatever its sign") {
  // A latency's "other" part is its mean less the parts that add up to it; a report showed
  // one as -1.35e-06 % before.
  CHECK(percent(-1.35e-8) == "< 0.0001 %");
  CHECK(percent(9.9e-7) == "< 0.0001 %");
  CHECK(percent(2e-6) == "0.0002 %");
}

TEST_CASE("ms shows four significant figures, two for tiny ones, and nothing below a tenth of a microsecond") {
  CHECK(ms(555.3) == "555.3");
  CHECK(ms(1.5) == "1.500");
  CHECK(ms(13141) == "13141");
  CHECK(ms(0.0052) == "0.0052");
  CHECK(ms(-3.9e-6) == "< 0.0001");
  CHECK(ms(0) == "0.000");
}
