#pragma once
// report.html: report.md rendered for a browser as one self-contained file, so it can be
// mailed, attached to a CI job or opened from disk with no network. The Markdown is rendered
// by cmark-gfm (Debian's libcmark-gfm, for GitHub-style tables: plain cmark has none); every
// figure is inlined, the SVG itself where gnuplot drew one (sharp at any zoom), else the PNG
// as a data: URI. Nothing in it refers to anything outside the file.
#include <filesystem>
#include <string>

namespace whatsim {

// The whole HTML document for `markdown`, whose image and link paths are relative to `dir`.
// Figures: `![alt](X.png)` becomes a block holding X.svg inline when dir/X.svg exists, else
// X.png as a data: URI; an image whose file is missing keeps its local reference (the
// page's script marks it not loaded). Links to local files stay as they are. What could
// reach the network or run in the page is neutralized: links and images with a URL scheme
// (http:, javascript:, ...) are reduced to their text, and raw HTML in the Markdown is shown
// as text. A small embedded style sheet; an embedded script that marks, on load, each figure
// `data-loaded="yes"` or `"no"` and the body `data-figures` and `data-figures-loaded`
// (counts), which the browser test reads. Identical input gives identical bytes.
std::string markdown_to_html(const std::string& markdown, const std::filesystem::path& dir, const std::string& title);

// Renders `markdown_file` (report.md) to the .html file beside it (report.html), replaced
// atomically. Returns false and sets *error (one line; error may be null) when the Markdown
// cannot be read or the HTML cannot be written; then no HTML file is left behind.
bool write_html_report(const std::filesystem::path& markdown_file, const std::string& title, std::string* error);

}  // namespace whatsim
