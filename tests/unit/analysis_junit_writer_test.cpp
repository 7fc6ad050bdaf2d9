#include <catch2/catch.hpp>

#include <string>

#include "analysis/junit_writer.hpp"

using namespace whatsim;

namespace {

JUnitCase passed(const std::string& name) {
  return JUnitCase{"small.expect", name, JUnitCase::Outcome::passed, "", ""};
}

JUnitSuite sample_suite() {
  JUnitSuite suite;
  suite.name = "small";
  suite.properties = {{"seed", "42"}, {"replay", "whatsim check small.json --seed 42"}};
  suite.cases.push_back(passed("consistency.lost == 0"));
  suite.cases.push_back(JUnitCase{"small.expect", "latency_ms.delivered.p99 <= 300", JUnitCase::Outcome::failed,
                                  "does not hold: actual 301.4", "expect[1]: actual 301.4\nseed: 42"});
  suite.cases.push_back(JUnitCase{"small.checker", "consistency.nope == 0", JUnitCase::Outcome::error,
                                  "report.json has no consistency.nope", ""});
  return suite;
}

}  // namespace

TEST_CASE("a JUnit document has one test case per check, with failures and errors counted",
          "[analysis][junit]") {
  CHECK(junit_xml(sample_suite()) ==
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<testsuites name=\"small\" tests=\"3\" failures=\"1\" errors=\"1\">\n"
        "  <testsuite name=\"small\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\">\n"
        "    <properties>\n"
        "      <property name=\"seed\" value=\"42\"/>\n"
        "      <property name=\"replay\" value=\"whatsim check small.json --seed 42\"/>\n"
        "    </properties>\n"
        "    <testcase classname=\"small.expect\" name=\"consistency.lost == 0\"/>\n"
        "    <testcase classname=\"small.expect\" name=\"latency_ms.delivered.p99 &lt;= 300\">\n"
        "      <failure message=\"does not hold: actual 301.4\">expect[1]: actual 301.4\nseed: 42</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"small.checker\" name=\"consistency.nope == 0\">\n"
        "      <error message=\"report.json has no consistency.nope\"/>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("JUnit markup characters are escaped in attributes and text", "[analysis][junit]") {
  JUnitSuite suite;
  suite.name = "a<b & \"c\" 'd'";
  suite.cases.push_back(
      JUnitCase{"x", "p > 1 && q < 2", JUnitCase::Outcome::failed, "<'quoted'> & \"more\"", "a < b && c > d"});
  const std::string xml = junit_xml(suite);
  CHECK_THAT(xml, Catch::Contains("<testsuite name=\"a&lt;b &amp; &quot;c&quot; &apos;d&apos;\""));
  CHECK_THAT(xml, Catch::Contains("name=\"p &gt; 1 &amp;&amp; q &lt; 2\""));
  CHECK_THAT(xml, Catch::Contains("<failure message=\"&lt;&apos;quoted&apos;&gt; &amp; &quot;more&quot;\">"
                                  "a &lt; b &amp;&amp; c &gt; d</failure>"));
}

TEST_CASE("JUnit output never carries control characters XML cannot hold", "[analysis][junit]") {
  JUnitSuite suite;
  suite.name = "s";
  suite.cases.push_back(
      JUnitCase{"x", std::string("bell\x07") + "tab\t", JUnitCase::Outcome::error, "two\nlines", "keep\nlines\x01"});
  const std::string xml = junit_xml(suite);
  CHECK_THAT(xml, Catch::Contains("name=\"bell?tab \""));  // tab in an attribute reads back as a space
  CHECK_THAT(xml, Catch::Contains("<error message=\"two lines\">keep\nlines?</error>"));
  CHECK(xml.find('\x07') == std::string::npos);
  CHECK(xml.find('\x01') == std::string::npos);
}

TEST_CASE("an all-passing JUnit suite counts no failures or errors and writes system-out when given",
          "[analysis][junit]") {
  JUnitSuite suite;
  suite.name = "small";
  suite.cases = {passed("a <= 1"), passed("b <= 2")};
  suite.system_out = "anomaly examples:\n  none";
  const std::string xml = junit_xml(suite);
  CHECK_THAT(xml, Catch::Contains("<testsuites name=\"small\" tests=\"2\" failures=\"0\" errors=\"0\">"));
  CHECK_THAT(xml, Catch::Contains("<system-out>anomaly examples:\n  none</system-out>"));
  CHECK(xml.find("<properties") == std::string::npos);
  CHECK(xml.find("<failure") == std::string::npos);
}

TEST_CASE("the same JUnit suite gives the same bytes", "[analysis][junit]") {
  CHECK(junit_xml(sample_suite()) == junit_xml(sample_suite()));
  CHECK(junit_xml(sample_suite()).find("time") == std::string::npos);  // no wall times or timestamps
}
