#include "analysis/junit_writer.hpp"

#include <cstddef>
#include <sstream>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

namespace whatsim {

namespace {

namespace pt = boost::property_tree;

constexpr char kIndentChar = ' ';
constexpr std::size_t kIndentWidth = 2;
constexpr char kUnrepresentable = '?';

// XML 1.0 has no way to write control characters other than tab, newline and carriage
// return, not even as character references. In an attribute, newline and tab would be read
// back as spaces anyway (attribute-value normalization), so they become spaces here.
std::string xml_text(const std::string& text, bool attribute) {
  std::string out = text;
  for (char& c : out) {
    const bool control = static_cast<unsigned char>(c) < 0x20;
    if (!control) continue;
    const bool whitespace = c == '\t' || c == '\n' || c == '\r';
    c = whitespace ? (attribute ? ' ' : c) : kUnrepresentable;
  }
  return out;
}

void set_attribute(pt::ptree& element, const std::string& name, const std::string& value) {
  element.put("<xmlattr>." + name, xml_text(value, true));
}

void set_counts(pt::ptree& element, std::size_t tests, std::size_t failures, std::size_t errors) {
  set_attribute(element, "tests", std::to_string(tests));
  set_attribute(element, "failures", std::to_string(failures));
  set_attribute(element, "errors", std::to_string(errors));
}

void add_case(pt::ptree& suite, const JUnitCase& c) {
  pt::ptree& testcase = suite.add("testcase", "");
  set_attribute(testcase, "classname", c.classname);
  set_attribute(testcase, "name", c.name);
  if (c.outcome == JUnitCase::Outcome::passed) return;
  const char* tag = c.outcome == JUnitCase::Outcome::failed ? "failure" : "error";
  pt::ptree& problem = testcase.add(tag, xml_text(c.details, false));
  set_attribute(problem, "message", c.message);
}

}  // namespace

std::string junit_xml(const JUnitSuite& suite) {
  std::size_t failures = 0;
  std::size_t errors = 0;
  for (const JUnitCase& c : suite.cases) {
    failures += c.outcome == JUnitCase::Outcome::failed ? 1 : 0;
    errors += c.outcome == JUnitCase::Outcome::error ? 1 : 0;
  }
  pt::ptree document;
  pt::ptree& suites = document.add("testsuites", "");
  set_attribute(suites, "name", suite.name);
  set_counts(suites, suite.cases.size(), failures, errors);
  pt::ptree& testsuite = suites.add("testsuite", "");
  set_attribute(testsuite, "name", suite.name);
  set_counts(testsuite, suite.cases.size(), failures, errors);
  set_attribute(testsuite, "skipped", "0");
  if (!suite.properties.empty()) {
    pt::ptree& properties = testsuite.add("properties", "");
    for (const auto& [name, value] : suite.properties) {
      pt::ptree& property = properties.add("property", "");
      set_attribute(property, "name", name);
      set_attribute(property, "value", value);
    }
  }
  for (const JUnitCase& c : suite.cases) add_case(testsuite, c);
  if (!suite.system_out.empty()) testsuite.add("system-out", xml_text(suite.system_out, false));

  std::ostringstream out;
  pt::write_xml(out, document, pt::xml_writer_make_settings<std::string>(kIndentChar, kIndentWidth));
  return out.str();
}

}  // namespace whatsim
