#pragma once
// A ReportComparison written out three ways: a plain-text table for the terminal and CI logs,
// Markdown for a pull-request comment, JSON for other tools. The table shows the regressions
// (with `all`, every figure that changed, improvements and neutral changes marked); the JSON
// always holds every figure that changed. The last line of the text is the summary a CI log
// is read for: "compare: N figures regressed" or "compare: no regression (M figures compared)".
// Numbers print with six significant digits, as report.json holds them: same input, same bytes.
#include <string>

#include "analysis/report_regression.hpp"

namespace whatsim {

// What a comparison was asked: shown in every output, so that a table says what it judged.
struct ComparedFiles {
  std::string base;
  std::string candidate;
  RegressionTolerance tolerance;
};

// Regressed, or with `all` every changed figure: whether the table lists it.
bool shown_in_table(const FigureChange& change, bool all);

std::string regression_text(const ComparedFiles& files, const ReportComparison& comparison, bool all);
std::string regression_markdown(const ComparedFiles& files, const ReportComparison& comparison, bool all);
std::string regression_json(const ComparedFiles& files, const ReportComparison& comparison);

// The last line alone, without its newline.
std::string regression_summary(const ReportComparison& comparison);

}  // namespace whatsim
