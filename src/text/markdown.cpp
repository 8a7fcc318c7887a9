#include "text/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace rf::text {
namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink"};

void register_extensions() {
  // Registration writes a global list: once per process, before any parse.
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CharDeleter {
  void operator()(char* s) const { std::free(s); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

// CMARK_OPT_DEFAULT is the safe mode of cmark-gfm: it also omits raw HTML and
// dangerous URLs when rendering. We sanitise the tree ourselves as well, so the
// output does not depend on that default.
constexpr int kParseOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
constexpr int kRenderOptions = CMARK_OPT_DEFAULT;

ParserPtr make_parser() {
  register_extensions();
  ParserPtr parser(cmark_parser_new(kParseOptions));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  return parser;
}

NodePtr parse(cmark_parser* parser, std::string_view markdown) {
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return NodePtr(cmark_parser_finish(parser));
}

// Moves the children of `node` in front of it, then removes it: a link with a
// rejected target keeps its text, an image with a rejected source its alt text.
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_insert_before(node, child);
  }
  cmark_node_unlink(node);
  cmark_node_free(node);
}

void sanitise(cmark_node* root, const MarkdownOptions& options) {
  // Collect first: changing the tree while iterating over it is not allowed.
  std::vector<cmark_node*> html, links, images, headings;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE: html.push_back(node); break;
      case CMARK_NODE_LINK: links.push_back(node); break;
      case CMARK_NODE_IMAGE: images.push_back(node); break;
      case CMARK_NODE_HEADING: headings.push_back(node); break;
      default: break;
    }
  }
  cmark_iter_free(iter);

  // HTML nodes are leaves, and unwrapping moves children out before freeing,
  // so no collected pointer is freed twice.
  for (cmark_node* node : html) {
    cmark_node_unlink(node);
    cmark_node_free(node);
  }
  for (cmark_node* node : links) {
    const char* url = cmark_node_get_url(node);
    if (!is_safe_link_url(url ? url : "")) unwrap(node);
  }
  for (cmark_node* node : images) {
    const char* url = cmark_node_get_url(node);
    if (!is_safe_image_url(url ? url : "")) unwrap(node);
  }
  // Headings descend one level at a time (WCAG: no jumps). A body below the
  // page's h1 (offset >= 1) starts at h2 whichever level its author chose
  // ("## Abschnitt" right under the page title is an h2, not an h3); after
  // that a heading is at most one level below the one before it. A document
  // with its own "# Title" (offset 0) keeps its levels but closes gaps too.
  std::vector<int> levels;
  for (cmark_node* node : headings) {
    levels.push_back(std::clamp(cmark_node_get_heading_level(node) + options.heading_offset, 1, 6));
  }
  if (options.heading_offset >= 1 && !levels.empty()) {
    const int lift = *std::min_element(levels.begin(), levels.end()) - (options.heading_offset + 1);
    if (lift > 0) {
      for (int& level : levels) level -= lift;
    }
  }
  int previous = std::max(options.heading_offset, 1);
  for (std::size_t i = 0; i < headings.size(); ++i) {
    const int level = std::min(levels[i], previous + 1);
    cmark_node_set_heading_level(headings[i], level);
    previous = level;
  }
}

std::string take(char* rendered) {
  std::unique_ptr<char, CharDeleter> owner(rendered);
  return rendered ? std::string(rendered) : std::string();
}

// A table column's alignment from its delimiter row ("---:", ":---:") comes
// out of cmark-gfm as the obsolete align attribute, which every stylesheet's
// "td { text-align: left }" overrides: it becomes a class the stylesheets
// honour (align-right, align-center, align-left). Raw HTML is dropped before
// rendering and quotes in text are escaped, so the attribute can only come
// from the table renderer.
std::string align_by_class(std::string html) {
  for (std::string_view side : {"right", "center", "left"}) {
    const std::string from = " align=\"" + std::string(side) + "\"";
    const std::string to = " class=\"align-" + std::string(side) + "\"";
    for (std::size_t at = html.find(from); at != std::string::npos; at = html.find(from, at + to.size())) {
      html.replace(at, from.size(), to);
    }
  }
  return html;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool is_safe_link_url(std::string_view url) {
  // Browsers skip leading spaces and control characters and drop tabs and
  // newlines anywhere in a URL; look at the URL the way they will.
  std::string cleaned;
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) continue;
    cleaned.push_back(c);
  }
  if (cleaned.empty()) return false;
  std::size_t colon = cleaned.find(':');
  std::size_t delimiter = cleaned.find_first_of("/?#");
  if (colon == std::string::npos || (delimiter != std::string::npos && delimiter < colon)) {
    return cleaned.rfind("//", 0) != 0 && cleaned.rfind("\\", 0) != 0;  // relative, not protocol-relative
  }
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) scheme.push_back(lower(cleaned[i]));
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

bool is_safe_image_url(std::string_view url) {
  if (url.size() < 2 || url[0] != '/' || url[1] == '/' || url[1] == '\\') return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '\\';
  });
}

std::string markdown_to_html(std::string_view markdown, const MarkdownOptions& options) {
  ParserPtr parser = make_parser();
  NodePtr doc = parse(parser.get(), markdown);
  sanitise(doc.get(), options);
  return align_by_class(
      take(cmark_render_html(doc.get(), kRenderOptions, cmark_parser_get_syntax_extensions(parser.get()))));
}

std::string markdown_to_text(std::string_view markdown) {
  ParserPtr parser = make_parser();
  NodePtr doc = parse(parser.get(), markdown);
  sanitise(doc.get(), MarkdownOptions{});
  std::string text = take(cmark_render_plaintext(doc.get(), CMARK_OPT_DEFAULT, 0));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace rf::text
