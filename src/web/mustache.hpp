// The mustache renderer behind Templates (internal to web/: other rooms use
// templates.hpp). A template is parsed once into a tree; rendering walks the
// tree with the context types the handlers build (mstch::node, mstch::map,
// mstch::array), copies no context value and takes no lock, so one parsed
// template serves any number of threads at once.
//
// The output is byte for byte what mstch 1.0.2 (Debian's libmstch, which the
// site used before) renders for the same template and context: its HTML
// escaping (& ' " < > /), its number formats, its standalone-line rules and
// the indentation of standalone partials, including where mstch departs from
// the mustache spec (mustache.cpp lists those). tests/unit/web_templates_test.cpp
// compares both over every template under templates/.
//
// Tags: {{name}}, {{{name}}}, {{&name}}, {{#name}}…{{/name}},
// {{^name}}…{{/name}}, {{> partial}}, {{.}}. Comments, delimiter changes,
// dotted names and unclosed or mismatched sections are parse errors; a lambda
// or an mstch::object as a section's value is a render error (std::logic_error).
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

namespace rf::web::mustache {

// "ORIGIN:LINE: what is wrong" (ORIGIN: the template's file).
class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Template;

struct Node {
  enum class Kind { text, escaped, raw, section, inverted, partial };
  Kind kind = Kind::text;
  // Text: the bytes; every other kind: the name in its tag.
  std::string text;
  // A partial rendered with an indentation writes it before this node (the
  // node begins a line of the template) and, for text, after each of its
  // line breaks but a last one.
  bool line_start = false;
  // Sections: the closing tag begins a line (the indentation then ends each
  // pass over the body).
  bool close_line_start = false;
  // Sections: the body.
  std::vector<Node> children;
  // Partials: the blanks before a standalone {{> name}}, written at the start
  // of every line of the partial; the template it names (nullptr: unknown,
  // renders as nothing).
  std::string indent;
  const Template* partial = nullptr;
};

class Template {
 public:
  // Parses `source`; throws ParseError naming `origin` and the line.
  Template(std::string_view source, const std::string& origin);

  // Points every {{> name}} at find(name) (nullptr renders as nothing).
  // Called once, before the first render.
  void link(const std::function<const Template*(const std::string&)>& find);

  // Appends the template rendered with `context` as the outermost context.
  void render(const mstch::map& context, std::string& out) const;

 private:
  friend class Renderer;
  std::vector<Node> nodes_;
};

}  // namespace rf::web::mustache
