#pragma once
// Expectations: the assertions a scenario's `expect` block makes about its own run, like
// "latency_ms.delivered.p99 <= 300" or "consistency.lost == 0", checked by `whatsim check`
// against report.json. Each reads one figure of the report (a dotted path to a number) and
// compares it with a bound.
//
// An expectation has three outcomes, not two: it holds, it fails, or it cannot be decided
// because the report has no such number (a misspelt path, a section the run did not write).
// CI must tell "the design is wrong" from "the check is wrong", so an undecided expectation
// is never counted as a pass or a failure.
//
// The checker's own verdict is expressed the same way: one expectation per anomaly class
// the report counts ("consistency.lost == 0", ...), so both are printed and written to JUnit
// by the same code.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace whatsim {

enum class Comparison { less_equal, less, greater_equal, greater, equal, not_equal };

// "<=", "<", ">=", ">", "==", "!=".
const char* to_string(Comparison c);

struct Expectation {
  std::string text;               // as written, e.g. "latency_ms.delivered.p99 <= 300"
  std::string path;               // "latency_ms.delivered.p99"
  std::vector<std::string> keys;  // the path's steps: object keys, or array indexes as digits
  Comparison comparison = Comparison::less_equal;
  double bound = 0;
};

struct ExpectationResult {
  std::string text;     // the expectation as written
  double actual = 0;    // the report's figure (0 when undecided)
  bool holds = false;   // meaningful only when decided
  bool decided = false; // false: the report has no number at the path
  std::string message;  // one line: the figure as report.json writes it, or why it is undecided
};

// Parses "PATH OP NUMBER": PATH is dotted keys into report.json ("a.b.c"; an array element
// as "a[2]" or "a.2"), OP one of <= < >= > == !=, NUMBER a JSON number (300, 0.5, -1, 1e3).
// Spaces around OP are optional. Throws std::invalid_argument with a one-line reason (what
// is wrong and what is allowed) when the text does not have that form.
Expectation parse_expectation(const std::string& text);

// Reads the expectation's figure from `report` (report.json's content) and compares it.
// Undecided when the path leads nowhere or to something that is not a number (booleans
// included); the message then says which key is missing and what the report has there.
ExpectationResult evaluate(const Expectation& expectation, const nlohmann::ordered_json& report);

// The verdict over several results. A decided failure is a finding that stands even beside
// an undecided check (as in Jepsen, false outranks unknown), so: fails when any decided
// result fails; else undecided when any is undecided; else holds (also for no results).
enum class Verdict { holds, fails, undecided };
Verdict overall_verdict(const std::vector<ExpectationResult>& results);

// The consistency checker's verdict as expectations: "consistency.KEY == 0" for every
// integer count in the report's "consistency" object (every key but "examples"), in the
// report's order, so anomaly classes added to the report are checked without a change here.
// A report without a "consistency" object gives one expectation on it, which is undecided.
std::vector<Expectation> anomaly_expectations(const nlohmann::ordered_json& report);

}  // namespace whatsim
