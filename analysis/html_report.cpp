#include "analysis/html_report.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <boost/beast/core/detail/base64.hpp>

#include <cctype>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "analysis/atomic_file.hpp"

namespace whatsim {

namespace fs = std::filesystem;

namespace {

// Readable on a laptop and in print: a column of text, tables with borders and right-aligned
// figures kept on one line, figures as wide as the column. A figure that did not load says so.
constexpr const char* kStyle = R"(body { max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem;
  font: 15px/1.5 "DejaVu Sans", sans-serif; color: #1a1a1a; background: #ffffff; }
h1, h2, h3 { line-height: 1.25; margin-top: 2rem; }
h2 { border-bottom: 1px solid #d0d0d0; padding-bottom: 0.2rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 14px; }
th, td { border: 1px solid #b8b8b8; padding: 0.25rem 0.6rem; vertical-align: top; }
th { background: #f0f0f0; }
td[align="right"] { white-space: nowrap; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafafa; }
code { font-size: 90%; background: #f3f3f3; padding: 0 0.2rem; }
pre { background: #f3f3f3; padding: 0.6rem; overflow-x: auto; }
.figure { display: block; margin: 1rem 0; }
.figure svg, .figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e0e0e0; }
.figure .caption { display: block; font-size: 13px; color: #555555; margin-top: 0.3rem; }
.figure[data-loaded="no"]::before { content: "figure missing: " attr(data-source); color: #b00020; }
)";

// Marks, once the page has loaded, which figures rendered: an inline SVG that has a size and
// draws something, an <img> that decoded. Readers see a missing one (the style above); the
// browser test (tests/report_render_tests.cmake) reads the marks from the rendered DOM.
constexpr const char* kFigureCheckScript = R"(window.addEventListener("load", function () {
  var figures = document.querySelectorAll(".figure");
  var loaded = 0;
  figures.forEach(function (figure) {
    var svg = figure.querySelector("svg");
    var img = figure.querySelector("img");
    var ok = false;
    try {
      ok = svg ? svg.getBoundingClientRect().width > 0 && svg.getBBox().width > 0
               : img !== null && img.complete && img.naturalWidth > 0;
    } catch (e) {
      ok = false;
    }
    figure.setAttribute("data-loaded", ok ? "yes" : "no");
    if (ok) loaded += 1;
  });
  document.body.setAttribute("data-figures", String(figures.length));
  document.body.setAttribute("data-figures-loaded", String(loaded));
});
)";

// Image types a report may link, for data: URIs; anything else is left as a reference.
constexpr std::pair<const char*, const char*> kImageTypes[] = {
    {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}};

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using Parser = std::unique_ptr<cmark_parser, ParserFree>;
using Document = std::unique_ptr<cmark_node, NodeFree>;

std::string html_escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// "http://x", "javascript:x", "//host/x": anything a browser would look for outside the file.
bool leaves_the_file(const std::string& url) {
  if (url.rfind("//", 0) == 0) return true;
  const std::size_t colon = url.find(':');
  if (colon == std::string::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(url[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = url[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// A path below the report's directory: relative, and never climbing out of it.
bool inside_report_dir(const std::string& url) {
  const fs::path path(url);
  if (url.empty() || path.is_absolute()) return false;
  for (const fs::path& part : path)
    if (part == "..") return false;
  return true;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

std::string base64(const std::string& bytes) {
  namespace b64 = boost::beast::detail::base64;
  std::string out(b64::encoded_size(bytes.size()), '\0');
  out.resize(b64::encode(out.data(), bytes.data(), bytes.size()));
  return out;
}

// Every node of `type` under root, in document order (collected first: the tree may then change).
std::vector<cmark_node*> nodes_of_type(cmark_node* root, cmark_node_type type) {
  std::vector<cmark_node*> out;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == type) out.push_back(node);
  }
  cmark_iter_free(iter);
  return out;
}

// The text of an image's alt (its children), markup dropped.
std::string plain_text(cmark_node* node) {
  std::string out;
  for (cmark_node* child = cmark_node_first_child(node); child != nullptr; child = cmark_node_next(child)) {
    const cmark_node_type type = cmark_node_get_type(child);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) out += cmark_node_get_literal(child);
    out += plain_text(child);
  }
  return out;
}

std::string url_of(cmark_node* node) {
  const char* url = cmark_node_get_url(node);
  return url == nullptr ? std::string() : url;
}

// Puts a new node of `type` holding `literal` where `old` was, and frees `old`.
void replace_with(cmark_node* old, cmark_node_type type, const std::string& literal) {
  cmark_node* fresh = cmark_node_new(type);
  cmark_node_set_literal(fresh, literal.c_str());
  cmark_node_replace(old, fresh);
  cmark_node_free(old);
}

// Raw HTML in the Markdown (a fault label is free text) is shown as the text it is, so the
// only raw HTML in the page is what this file puts there.
void show_raw_html_as_text(cmark_node* doc) {
  for (cmark_node* block : nodes_of_type(doc, CMARK_NODE_HTML_BLOCK))
    replace_with(block, CMARK_NODE_CODE_BLOCK, cmark_node_get_literal(block));
  for (cmark_node* inline_html : nodes_of_type(doc, CMARK_NODE_HTML_INLINE))
    replace_with(inline_html, CMARK_NODE_TEXT, cmark_node_get_literal(inline_html));
}

// A link out of the file becomes its text: the page must not depend on, or lead to, the network.
void unwrap_outside_links(cmark_node* doc) {
  for (cmark_node* link : nodes_of_type(doc, CMARK_NODE_LINK)) {
    if (!leaves_the_file(url_of(link))) continue;
    while (cmark_node* child = cmark_node_first_child(link)) cmark_node_insert_before(link, child);
    cmark_node_unlink(link);
    cmark_node_free(link);
  }
}

// gnuplot's SVG made fit to sit inside HTML, as figure number `index` of the page: no XML
// prolog or doctype, no namespace declarations (the HTML parser supplies them, and they are
// URLs), ids made unique to the figure (every gnuplot SVG defines the same ones), and the
// alt text as its title (gnuplot's is "Gnuplot").
std::string inline_svg(std::string svg, std::size_t index, const std::string& alt) {
  const std::size_t start = svg.find("<svg");
  if (start == std::string::npos) return {};
  svg.erase(0, start);
  for (const std::string declaration :
       {" xmlns=\"http://www.w3.org/2000/svg\"", " xmlns:xlink=\"http://www.w3.org/1999/xlink\""}) {
    const std::size_t at = svg.find(declaration);
    if (at != std::string::npos) svg.erase(at, declaration.size());
  }
  const std::string prefix = "figure" + std::to_string(index) + "-";
  for (const std::string reference : {" id='", " id=\"", "href='#", "href=\"#", "url(#"}) {
    for (std::size_t at = svg.find(reference); at != std::string::npos; at = svg.find(reference, at)) {
      at += reference.size();
      svg.insert(at, prefix);
    }
  }
  const std::size_t title = svg.find("<title>");
  const std::size_t title_end = svg.find("</title>");
  if (title != std::string::npos && title_end != std::string::npos && title < title_end)
    svg.replace(title, title_end - title, "<title>" + html_escaped(alt));
  return svg;
}

const char* image_type(const fs::path& path) {
  for (const auto& [extension, type] : kImageTypes)
    if (path.extension() == extension) return type;
  return nullptr;
}

// What stands in the figure's place: the SVG drawn for it, the image itself as a data: URI,
// or, when neither file is there, the reference as written.
std::string figure_content(const std::string& url, const fs::path& dir, std::size_t index, const std::string& alt) {
  if (inside_report_dir(url)) {
    const fs::path image = dir / url;
    if (const auto svg = read_file(fs::path(image).replace_extension(".svg"))) {
      const std::string inlined = inline_svg(*svg, index, alt);
      if (!inlined.empty()) return inlined;
    }
    const char* type = image_type(image);
    const auto bytes = type == nullptr ? std::nullopt : read_file(image);
    if (bytes) return "<img alt=\"" + html_escaped(alt) + "\" src=\"data:" + type + ";base64," + base64(*bytes) + "\">";
  }
  return "<img alt=\"" + html_escaped(alt) + "\" src=\"" + html_escaped(url) + "\">";
}

void inline_figures(cmark_node* doc, const fs::path& dir) {
  std::size_t index = 0;
  for (cmark_node* image : nodes_of_type(doc, CMARK_NODE_IMAGE)) {
    const std::string url = url_of(image);
    const std::string alt = plain_text(image);
    if (leaves_the_file(url)) {
      replace_with(image, CMARK_NODE_TEXT, alt);
      continue;
    }
    ++index;
    replace_with(image, CMARK_NODE_HTML_INLINE,
                 "<span class=\"figure\" data-source=\"" + html_escaped(url) + "\">" +
                     figure_content(url, dir, index, alt) + "<span class=\"caption\">" + html_escaped(alt) +
                     "</span></span>");
  }
}

// report.md's body as HTML: GitHub-style tables (cmark-gfm's table extension), figures inlined.
std::string body_html(const std::string& markdown, const fs::path& dir) {
  cmark_gfm_core_extensions_ensure_registered();
  const Parser parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension("table"));
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  const Document doc(cmark_parser_finish(parser.get()));
  show_raw_html_as_text(doc.get());
  unwrap_outside_links(doc.get());
  inline_figures(doc.get(), dir);
  // Unsafe: let the figures' HTML through. The Markdown's own raw HTML and scheme URLs are gone.
  char* html = cmark_render_html(doc.get(), CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  std::free(html);
  return out;
}

}  // namespace

std::string markdown_to_html(const std::string& markdown, const fs::path& dir, const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         html_escaped(title) + "</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n" +
         body_html(markdown, dir) + "<script>\n" + kFigureCheckScript + "</script>\n</body>\n</html>\n";
}

bool write_html_report(const fs::path& markdown_file, const std::string& title, std::string* error) {
  std::string unreported;
  if (error == nullptr) error = &unreported;
  const auto markdown = read_file(markdown_file);
  if (!markdown) {
    *error = "cannot read " + markdown_file.string() + " to render it as HTML";
    return false;
  }
  const fs::path html_file = fs::path(markdown_file).replace_extension(".html");
  try {
    write_file_atomically(html_file, markdown_to_html(*markdown, markdown_file.parent_path(), title));
  } catch (const std::exception& e) {
    *error = "cannot write " + html_file.string() + ": " + e.what();
    return false;
  }
  return true;
}

}  // namespace whatsim
