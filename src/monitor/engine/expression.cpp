#include "monitor/engine/expression.hpp"

#include <cctype>
#include <charconv>

namespace rf::monitor {

namespace {

std::unique_ptr<Expr> clone(const Expr* e) {
  if (!e) return nullptr;
  auto out = std::make_unique<Expr>();
  out->kind = e->kind;
  out->number = e->number;
  out->ref = e->ref;
  out->left = clone(e->left.get());
  out->right = clone(e->right.get());
  return out;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'; }

}  // namespace

Expression::Expression(const Expression& other)
    : root_(clone(other.root_.get())), refs_(other.refs_), text_(other.text_) {}

Expression& Expression::operator=(const Expression& other) {
  if (this != &other) {
    root_ = clone(other.root_.get());
    refs_ = other.refs_;
    text_ = other.text_;
  }
  return *this;
}

namespace {

// Writes an expression tree back as text, with `refs` for its references.
void write_expr(const Expr* e, const std::vector<DatasetRef>& refs, std::string& out) {
  switch (e->kind) {
    case Expr::Kind::number: {
      std::string n = std::to_string(e->number);
      if (n.find('.') != std::string::npos) {
        while (n.back() == '0') n.pop_back();
        if (n.back() == '.') n.pop_back();
      }
      out += n;
      return;
    }
    case Expr::Kind::ref: out += refs[static_cast<std::size_t>(e->ref)].text; return;
    default: break;
  }
  const char* op = e->kind == Expr::Kind::add   ? " + "
                   : e->kind == Expr::Kind::sub ? " - "
                   : e->kind == Expr::Kind::mul ? " * "
                                                : " / ";
  out += '(';
  write_expr(e->left.get(), refs, out);
  out += op;
  write_expr(e->right.get(), refs, out);
  out += ')';
}

}  // namespace

std::string ref_text(const DatasetRef& ref) {
  std::string out = ref.dataset + "[";
  for (std::size_t i = 0; i < ref.filters.size(); ++i) {
    const auto& f = ref.filters[i];
    if (i > 0) out += ", ";
    if (f.dimension.empty()) {
      out += f.values.front();
      continue;
    }
    out += f.dimension + "=";
    if (f.values.size() > 1) out += '(';
    for (std::size_t v = 0; v < f.values.size(); ++v) {
      if (v > 0) out += '|';
      out += '"';
      for (char c : f.values[v]) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += '"';
    }
    if (f.values.size() > 1) out += ')';
  }
  return out + "]";
}

Expression Expression::with_refs(std::vector<DatasetRef> refs) const {
  Expression out(*this);
  for (auto& r : refs) r.text = ref_text(r);
  out.refs_ = std::move(refs);
  out.text_.clear();
  if (out.root_) write_expr(out.root_.get(), out.refs_, out.text_);
  if (out.text_.size() > 1 && out.text_.front() == '(' && out.text_.back() == ')' &&
      out.root_->kind != Expr::Kind::ref && out.root_->kind != Expr::Kind::number) {
    out.text_ = out.text_.substr(1, out.text_.size() - 2);
  }
  return out;
}

// A recursive-descent parser; errors carry the 1-based column.
struct ExpressionParser {
  // Parentheses nest at most this deep: each level costs three stack frames, and
  // fuzz_expression overflowed the stack with a few thousand '(' (the catalogue's
  // expressions nest two or three levels).
  static constexpr int kMaxDepth = 64;

  std::string_view text;
  std::size_t pos = 0;
  int depth = 0;
  std::string error;
  Expression out;

  Expression finish(std::unique_ptr<Expr> root) {
    out.root_ = std::move(root);
    out.text_ = std::string(text);
    return std::move(out);
  }

  void skip_space() {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  bool fail(std::string message) {
    if (error.empty()) error = "Spalte " + std::to_string(pos + 1) + ": " + std::move(message);
    return false;
  }
  bool peek(char c) {
    skip_space();
    return pos < text.size() && text[pos] == c;
  }
  bool accept(char c) {
    if (!peek(c)) return false;
    ++pos;
    return true;
  }

  std::unique_ptr<Expr> binary(Expr::Kind kind, std::unique_ptr<Expr> l, std::unique_ptr<Expr> r) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->left = std::move(l);
    e->right = std::move(r);
    return e;
  }

  std::unique_ptr<Expr> parse_sum() {
    auto left = parse_product();
    while (left) {
      if (accept('+')) {
        auto right = parse_product();
        if (!right) return nullptr;
        left = binary(Expr::Kind::add, std::move(left), std::move(right));
      } else if (accept('-')) {
        auto right = parse_product();
        if (!right) return nullptr;
        left = binary(Expr::Kind::sub, std::move(left), std::move(right));
      } else {
        break;
      }
    }
    return left;
  }

  std::unique_ptr<Expr> parse_product() {
    auto left = parse_factor();
    while (left) {
      if (accept('*')) {
        auto right = parse_factor();
        if (!right) return nullptr;
        left = binary(Expr::Kind::mul, std::move(left), std::move(right));
      } else if (accept('/')) {
        auto right = parse_factor();
        if (!right) return nullptr;
        left = binary(Expr::Kind::div, std::move(left), std::move(right));
      } else {
        break;
      }
    }
    return left;
  }

  bool parse_quoted(std::string& value) {
    if (!accept('"')) return fail("Anführungszeichen \" erwartet");
    value.clear();
    while (pos < text.size() && text[pos] != '"') {
      if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
      value += text[pos++];
    }
    if (pos >= text.size()) return fail("schließendes \" fehlt");
    ++pos;
    return true;
  }

  bool parse_filter(DatasetRef& ref) {
    skip_space();
    std::size_t start = pos;
    while (pos < text.size() && is_name_char(text[pos])) ++pos;
    if (pos == start) return fail("Dimension oder Reihenschlüssel erwartet");
    Filter filter;
    std::string name(text.substr(start, pos - start));
    if (!accept('=')) {
      filter.values.push_back(std::move(name));  // a bare series key
      ref.filters.push_back(std::move(filter));
      return true;
    }
    filter.dimension = std::move(name);
    if (accept('(')) {
      do {
        std::string value;
        if (!parse_quoted(value)) return false;
        filter.values.push_back(std::move(value));
      } while (accept('|'));
      if (!accept(')')) return fail("')' oder '|' erwartet");
    } else {
      std::string value;
      if (!parse_quoted(value)) return false;
      filter.values.push_back(std::move(value));
    }
    ref.filters.push_back(std::move(filter));
    return true;
  }

  std::unique_ptr<Expr> parse_factor() {
    skip_space();
    if (pos >= text.size()) {
      fail("Wert oder Datensatz erwartet, Ende gefunden");
      return nullptr;
    }
    if (accept('(')) {
      if (depth == kMaxDepth) {
        fail("Klammern mehr als " + std::to_string(kMaxDepth) + " Ebenen tief");
        return nullptr;
      }
      ++depth;
      auto inner = parse_sum();
      --depth;
      if (!inner) return nullptr;
      if (!accept(')')) {
        fail("')' erwartet");
        return nullptr;
      }
      return inner;
    }
    std::size_t start = pos;
    std::size_t end = pos;
    while (end < text.size() && is_name_char(text[end])) ++end;
    if (end == start) {
      fail(std::string("unerwartetes Zeichen '") + text[pos] + "'");
      return nullptr;
    }
    std::size_t after = end;
    while (after < text.size() && std::isspace(static_cast<unsigned char>(text[after]))) ++after;
    if (after < text.size() && text[after] == '[') {
      DatasetRef ref;
      ref.dataset = std::string(text.substr(start, end - start));
      pos = after + 1;
      if (!peek(']')) {
        do {
          if (!parse_filter(ref)) return nullptr;
        } while (accept(','));
      }
      if (!accept(']')) {
        fail("']' oder ',' erwartet");
        return nullptr;
      }
      ref.text = std::string(text.substr(start, pos - start));
      auto e = std::make_unique<Expr>();
      e->kind = Expr::Kind::ref;
      e->ref = static_cast<int>(out.refs_.size());
      out.refs_.push_back(std::move(ref));
      return e;
    }
    if (!std::isdigit(static_cast<unsigned char>(text[start]))) {
      pos = end;
      fail("'[' nach dem Datensatz '" + std::string(text.substr(start, end - start)) + "' erwartet");
      return nullptr;
    }
    // A number: digits and one '.', no sign (use "0 - x").
    end = start;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) {
      ++end;
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data() + start, text.data() + end, value);
    if (ec != std::errc() || ptr != text.data() + end) {
      fail("Zahl erwartet");
      return nullptr;
    }
    pos = end;
    auto e = std::make_unique<Expr>();
    e->kind = Expr::Kind::number;
    e->number = value;
    return e;
  }
};

ParsedExpression parse_expression(std::string_view text) {
  ExpressionParser p;
  p.text = text;
  auto root = p.parse_sum();
  p.skip_space();
  if (root && p.pos < text.size()) {
    p.fail(std::string("unerwartetes Zeichen '") + text[p.pos] + "'");
    root.reset();
  }
  ParsedExpression result;
  if (!root) {
    result.error = p.error.empty() ? "leerer Ausdruck" : p.error;
    return result;
  }
  result.expression = p.finish(std::move(root));
  return result;
}

bool matches(const DatasetRef& ref, std::string_view series_key,
             const std::vector<std::pair<std::string, std::string>>& breakdown) {
  for (const auto& f : ref.filters) {
    if (f.dimension.empty()) {
      if (f.values.front() != series_key) return false;
      continue;
    }
    const std::string* actual = nullptr;
    for (const auto& [dim, value] : breakdown) {
      if (dim == f.dimension) {
        actual = &value;
        break;
      }
    }
    bool ok = false;
    for (const auto& v : f.values) {
      if (v.empty() ? actual == nullptr || actual->empty() : actual && *actual == v) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace rf::monitor
