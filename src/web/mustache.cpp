#include "web/mustache.hpp"

#include <charconv>
#include <cstddef>
#include <string>

#include "text/html.hpp"

// mstch's behaviour, which the pages' bytes depend on and this file keeps
// (learnt from its source, src/template_type.cpp, token.cpp, render_context.cpp,
// state/ and visitor/):
//  - A tag is "{{" up to the next "}}"; "{{{" is a triple only when "}}}"
//    closes it. Only spaces around a name are trimmed.
//  - The text is cut into tokens after every line break. A line (tokens up to
//    one ending in "\n", or up to a tag that ends the template) that holds a
//    section, inverted section, closing or partial tag and otherwise only
//    blanks (" \r\n\t") is standalone: its blank text, line break included,
//    is dropped. A last line without "\n" that does not end in a tag is never
//    standalone.
//  - A standalone partial right after blanks remembers those blanks; when the
//    partial is rendered, they go before every token of it that begins a line
//    (after a "\n" token, or its first token), also inside its sections (once
//    per pass) and before its closing tags (at the end of each pass). A
//    partial inside that partial gets only its own indentation.
//  - Lookup goes from the innermost context outwards; a map answers a name it
//    holds; "." is answered by the innermost value that is not a map.
//  - Empty (section skipped, inverted section rendered): null, "", 0, 0.0,
//    false, an empty array, a missing name. A map, even an empty one, is not.
//  - A section over an array renders its body once per item with the item as
//    context (an item that is an array is a context too, not iterated); over
//    any other non-empty value once with that value as context. An inverted
//    section renders with a null value as context: {{.}} in it is "".
//  - Values: int as std::to_string, double as an ostream prints it
//    (precision 6, %g), bool as "true"/"false", map, array and null as "".
namespace rf::web::mustache {
namespace {

const mstch::node null_node{};

bool is_blank(char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t'; }

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The parse: a flat list of tokens (mstch's), standalone lines stripped, then
// a tree.
struct Token {
  enum class Kind { text, escaped, raw, section, inverted, close, partial };
  Kind kind = Kind::text;
  std::string_view text;  // text: the bytes; tags: the name
  std::size_t line = 1;
  bool eol = false;      // text ending in "\n", or the empty token after a tag that ends the template
  bool blank = false;    // text of blanks only
  bool removed = false;  // blank text of a standalone line
  bool line_start = false;
  std::string_view indent;  // partials: blanks before it on its standalone line
};

Node node(Node::Kind kind, const Token& t) {
  Node n;
  n.kind = kind;
  n.text = std::string(t.text);
  n.line_start = t.line_start;
  return n;
}

bool is_tag(Token::Kind k) {
  return k == Token::Kind::section || k == Token::Kind::inverted || k == Token::Kind::close ||
         k == Token::Kind::partial;
}

class Parser {
 public:
  Parser(std::string_view source, const std::string& origin) : src_(source), origin_(origin) {}

  std::vector<Node> parse() {
    tokenize();
    strip_standalone_lines();
    bool line_start = true;
    for (auto& t : tokens_) {
      if (t.removed) continue;
      t.line_start = line_start;
      line_start = t.eol;
    }
    std::size_t i = 0;
    bool close_line_start = false;
    return block(i, nullptr, close_line_start);
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& what) const {
    throw ParseError(origin_ + ":" + std::to_string(line) + ": " + what);
  }

  void add_text(std::size_t begin, std::size_t end) {
    while (begin < end) {
      auto nl = src_.find('\n', begin);
      std::size_t stop = (nl == std::string_view::npos || nl >= end) ? end : nl + 1;
      Token t;
      t.text = src_.substr(begin, stop - begin);
      t.line = line_;
      t.eol = t.text.back() == '\n';
      t.blank = true;
      for (char c : t.text) t.blank = t.blank && is_blank(c);
      tokens_.push_back(t);
      if (t.eol) ++line_;
      begin = stop;
    }
  }

  void add_tag(std::string_view tag) {
    const std::string_view inner = tag.substr(2, tag.size() - 4);
    Token t;
    t.line = line_;
    std::string_view name;
    if (!inner.empty() && inner.front() == '=' && inner.back() == '=') {
      fail(line_, "changing the delimiters (" + std::string(tag) + ") is not supported");
    } else if (inner.size() >= 2 && inner.front() == '{' && inner.back() == '}') {
      t.kind = Token::Kind::raw;
      name = trim_spaces(inner.substr(1, inner.size() - 2));
    } else {
      name = trim_spaces(inner);
      char sigil = name.empty() ? '\0' : name.front();
      switch (sigil) {
        case '#': t.kind = Token::Kind::section; break;
        case '^': t.kind = Token::Kind::inverted; break;
        case '/': t.kind = Token::Kind::close; break;
        case '>': t.kind = Token::Kind::partial; break;
        case '&': t.kind = Token::Kind::raw; break;
        case '!': fail(line_, "comments (" + std::string(tag) + ") are not supported");
        default: t.kind = Token::Kind::escaped; break;
      }
      if (t.kind != Token::Kind::escaped) name = trim_spaces(name.substr(1));
    }
    if (name.empty()) fail(line_, "tag without a name: " + std::string(tag));
    for (char c : name) {
      if (is_blank(c) || c == '{' || c == '}') fail(line_, "malformed tag " + std::string(tag));
    }
    if (name != "." && name.find('.') != std::string_view::npos) {
      fail(line_, "dotted names (" + std::string(tag) + ") are not supported");
    }
    t.text = name;
    tokens_.push_back(t);
  }

  void tokenize() {
    std::size_t pos = 0;
    const std::size_t n = src_.size();
    while (pos < n) {
      const auto open = src_.find("{{", pos);
      if (open == std::string_view::npos) {
        add_text(pos, n);
        break;
      }
      auto close = src_.find("}}", open + 1);
      if (close == std::string_view::npos) {
        add_text(pos, open);
        fail(line_, "'{{' without '}}'");
      }
      if (open + 2 < n && src_[open + 2] == '{' && close + 2 < n && src_[close + 2] == '}') ++close;
      add_text(pos, open);
      const auto tag = src_.substr(open, close + 2 - open);
      add_tag(tag);
      for (char c : tag) line_ += c == '\n';
      pos = close + 2;
      if (pos == n) {  // the template ends in a tag: its last line ends here
        Token end;
        end.line = line_;
        end.eol = true;
        end.blank = true;
        tokens_.push_back(end);
      }
    }
  }

  void strip_standalone_lines() {
    std::size_t begin = 0;
    bool has_tag = false, has_content = false;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      if (is_tag(t.kind)) {
        has_tag = true;
      } else if (t.kind != Token::Kind::text || !t.blank) {
        has_content = true;
      }
      if (!t.eol) continue;
      if (has_tag && !has_content) {
        for (std::size_t j = begin; j <= i; ++j) {
          Token& u = tokens_[j];
          if (u.kind == Token::Kind::partial && j > begin && tokens_[j - 1].kind == Token::Kind::text) {
            u.indent = tokens_[j - 1].text;
          }
          if (u.kind == Token::Kind::text) u.removed = true;  // blank: the line has no other text
        }
      }
      has_tag = has_content = false;
      begin = i + 1;
    }
  }

  // The nodes up to the closing tag of `open` (the end of the template when null).
  std::vector<Node> block(std::size_t& i, const Token* open, bool& close_line_start) {
    std::vector<Node> nodes;
    while (i < tokens_.size()) {
      const Token& t = tokens_[i++];
      if (t.removed) continue;
      switch (t.kind) {
        case Token::Kind::text:
          if (t.text.empty()) break;  // the end marker after a last tag
          if (!nodes.empty() && nodes.back().kind == Node::Kind::text && nodes.back().text.back() == '\n') {
            nodes.back().text += t.text;  // it begins a line: the indentation goes after the "\n"
          } else {
            nodes.push_back(node(Node::Kind::text, t));
          }
          break;
        case Token::Kind::escaped:
        case Token::Kind::raw:
          nodes.push_back(node(t.kind == Token::Kind::raw ? Node::Kind::raw : Node::Kind::escaped, t));
          break;
        case Token::Kind::section:
        case Token::Kind::inverted: {
          Node section = node(t.kind == Token::Kind::section ? Node::Kind::section : Node::Kind::inverted, t);
          section.children = block(i, &t, section.close_line_start);
          nodes.push_back(std::move(section));
          break;
        }
        case Token::Kind::close:
          if (open == nullptr) fail(t.line, "{{/" + std::string(t.text) + "}} closes no section");
          if (t.text != open->text) {
            fail(t.line, "{{/" + std::string(t.text) + "}} closes the section {{" +
                             (open->kind == Token::Kind::section ? "#" : "^") + std::string(open->text) +
                             "}} of line " + std::to_string(open->line));
          }
          close_line_start = t.line_start;
          return nodes;
        case Token::Kind::partial: {
          Node partial = node(Node::Kind::partial, t);
          partial.indent = std::string(t.indent);
          nodes.push_back(std::move(partial));
          break;
        }
      }
    }
    if (open != nullptr) {
      fail(open->line, "the section {{" + std::string(open->kind == Token::Kind::section ? "#" : "^") +
                           std::string(open->text) + "}} is not closed");
    }
    return nodes;
  }

  std::string_view src_;
  const std::string& origin_;
  std::vector<Token> tokens_;
  std::size_t line_ = 1;
};

void link_partials(std::vector<Node>& nodes, const std::function<const Template*(const std::string&)>& find) {
  for (auto& n : nodes) {
    if (n.kind == Node::Kind::partial) n.partial = find(n.text);
    link_partials(n.children, find);
  }
}

// Writes a value as {{name}} or {{{name}}} does.
class ValueWriter : public boost::static_visitor<void> {
 public:
  ValueWriter(std::string& out, bool escape, const std::string& name) : out(out), escape(escape), name(name) {}

  void operator()(const std::string& s) const {
    if (escape) {
      text::append_escaped_template_value(out, s);
    } else {
      out += s;
    }
  }
  void operator()(int v) const {
    char buf[16];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }
  void operator()(double v) const {
    char buf[32];  // %.6g: at most "-1.23457e-308"
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6).ptr);
  }
  void operator()(bool v) const { out += v ? "true" : "false"; }
  void operator()(const mstch::lambda&) const {
    throw std::logic_error("mustache: {{" + name + "}} is a lambda; templates take plain values");
  }
  template <class T>
  void operator()(const T&) const {}  // null, map, array, object

 private:
  std::string& out;
  bool escape;
  const std::string& name;
};

struct IsEmpty : boost::static_visitor<bool> {
  IsEmpty() {}
  bool operator()(std::nullptr_t) const { return true; }
  bool operator()(const std::string& s) const { return s.empty(); }
  bool operator()(int v) const { return v == 0; }
  bool operator()(double v) const { return v == 0; }
  bool operator()(bool v) const { return !v; }
  bool operator()(const mstch::array& a) const { return a.empty(); }
  template <class T>
  bool operator()(const T&) const {
    return false;
  }
};

bool is_empty(const mstch::node& value) { return boost::apply_visitor(IsEmpty(), value); }

// A section's value or an item of it, about to become the innermost context.
void check_context(const mstch::node& value, const std::string& name) {
  if (boost::get<mstch::lambda>(&value) || boost::get<std::shared_ptr<mstch::object>>(&value)) {
    throw std::logic_error("mustache: {{#" + name + "}} is a lambda or an object; templates take plain values");
  }
}

}  // namespace

class Renderer {
 public:
  Renderer(const mstch::map& root, std::string& out) : root_(root), out_(out) { stack_.reserve(8); }

  void render(const std::vector<Node>& nodes, std::string_view indent) {
    for (const Node& n : nodes) {
      if (n.line_start && !indent.empty()) out_ += indent;
      switch (n.kind) {
        case Node::Kind::text:
          if (indent.empty()) {
            out_ += n.text;
          } else {
            write_indented(n.text, indent);
          }
          break;
        case Node::Kind::escaped:
        case Node::Kind::raw:
          boost::apply_visitor(ValueWriter(out_, n.kind == Node::Kind::escaped, n.text), find(n.text));
          break;
        case Node::Kind::section: {
          const mstch::node& value = find(n.text);
          if (is_empty(value)) break;
          if (const auto* items = boost::get<mstch::array>(&value)) {
            for (const auto& item : *items) pass(n, item, indent);
          } else {
            pass(n, value, indent);
          }
          break;
        }
        case Node::Kind::inverted:
          if (is_empty(find(n.text))) pass(n, null_node, indent);
          break;
        case Node::Kind::partial:
          if (n.partial != nullptr) render(n.partial->nodes_, n.indent);
          break;
      }
    }
  }

 private:
  // One pass over a section's body with `context` innermost.
  void pass(const Node& section, const mstch::node& context, std::string_view indent) {
    check_context(context, section.text);
    stack_.push_back(&context);
    render(section.children, indent);
    if (section.close_line_start && !indent.empty()) out_ += indent;
    stack_.pop_back();
  }

  const mstch::node& find(const std::string& name) const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (const auto* map = boost::get<mstch::map>(*it)) {
        if (auto found = map->find(name); found != map->end()) return found->second;
      } else if (name == ".") {
        return **it;
      }
    }
    if (auto found = root_.find(name); found != root_.end()) return found->second;
    return null_node;
  }

  void write_indented(std::string_view text, std::string_view indent) {
    std::size_t begin = 0;
    for (auto nl = text.find('\n'); nl != std::string_view::npos && nl + 1 < text.size(); nl = text.find('\n', begin)) {
      out_.append(text.substr(begin, nl + 1 - begin));
      out_ += indent;
      begin = nl + 1;
    }
    out_.append(text.substr(begin));
  }

  const mstch::map& root_;
  std::string& out_;
  std::vector<const mstch::node*> stack_;  // the contexts inside root_, innermost last
};

Template::Template(std::string_view source, const std::string& origin) : nodes_(Parser(source, origin).parse()) {}

void Template::link(const std::function<const Template*(const std::string&)>& find) { link_partials(nodes_, find); }

void Template::render(const mstch::map& context, std::string& out) const { Renderer(context, out).render(nodes_, ""); }

}  // namespace rf::web::mustache
