#pragma once
// JUnit XML: the test-report format CI servers (Jenkins, GitLab, GitHub actions' reporters)
// read, so each check `whatsim check` makes shows up there as a test case of its own.
// The common schema: <testsuites> holding one <testsuite name tests failures errors>, its
// <properties>, its <testcase classname name> elements (a failed one holds <failure message>,
// an undecided one <error message>), and the suite's <system-out>.
//
// The bytes depend only on the input: no timestamps, host names or durations, so the file
// of a seed is as reproducible as its report.json. Boost.PropertyTree writes the XML and
// escapes markup; characters XML 1.0 cannot carry at all (control characters) are replaced
// before it sees them.
#include <string>
#include <utility>
#include <vector>

namespace whatsim {

struct JUnitCase {
  enum class Outcome { passed, failed, error };
  std::string classname;  // groups cases in CI views, e.g. "small.expect"
  std::string name;       // e.g. "latency_ms.delivered.p99 <= 300"
  Outcome outcome = Outcome::passed;
  std::string message;    // failed/error: one line, the element's message attribute
  std::string details;    // failed/error: the element's text (may have several lines)
};

struct JUnitSuite {
  std::string name;
  std::vector<std::pair<std::string, std::string>> properties;  // name, value, in this order
  std::vector<JUnitCase> cases;
  std::string system_out;  // written when not empty
};

// The whole document, starting with the XML declaration and ending with a newline.
// tests/failures/errors are counted from the cases' outcomes, on <testsuites> and <testsuite>.
std::string junit_xml(const JUnitSuite& suite);

}  // namespace whatsim
