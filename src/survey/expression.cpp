#include "survey/expression.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <variant>

namespace rf::survey {

// A node of the expression tree. Values during evaluation are text, numbers
// or booleans, converted the XPath way where an operator needs another kind.
struct ExprNode {
  enum class Kind { number, text, ref, self, neg, binary, call };
  Kind kind = Kind::number;
  double number = 0;
  std::string text;  // literal text, reference name, operator or function name
  std::vector<std::shared_ptr<const ExprNode>> args;
};

namespace {

using Node = std::shared_ptr<const ExprNode>;

struct Value {
  std::variant<bool, double, std::string> v;
};

std::optional<double> to_number(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  double d = 0;
  const char* begin = s.data();
  if (*begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), d);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return d;
}

std::string number_text(double d) {
  if (std::isnan(d)) return "";
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

double as_number(const Value& v) {
  if (auto* b = std::get_if<bool>(&v.v)) return *b ? 1 : 0;
  if (auto* d = std::get_if<double>(&v.v)) return *d;
  return to_number(std::get<std::string>(v.v)).value_or(std::nan(""));
}

std::string as_text(const Value& v) {
  if (auto* b = std::get_if<bool>(&v.v)) return *b ? "true" : "false";
  if (auto* d = std::get_if<double>(&v.v)) return number_text(*d);
  return std::get<std::string>(v.v);
}

bool as_bool(const Value& v) {
  if (auto* b = std::get_if<bool>(&v.v)) return *b;
  if (auto* d = std::get_if<double>(&v.v)) return *d != 0 && !std::isnan(*d);
  return !std::get<std::string>(v.v).empty();
}

struct Evaluator {
  const Expression::Lookup& lookup;
  std::string_view self;

  Value eval(const ExprNode& n) const {
    switch (n.kind) {
      case ExprNode::Kind::number: return {n.number};
      case ExprNode::Kind::text: return {n.text};
      case ExprNode::Kind::ref: return {lookup(n.text)};
      case ExprNode::Kind::self: return {std::string(self)};
      case ExprNode::Kind::neg: return {-as_number(eval(*n.args[0]))};
      case ExprNode::Kind::binary: return binary(n);
      case ExprNode::Kind::call: return call(n);
    }
    return {false};
  }

  Value binary(const ExprNode& n) const {
    const std::string& op = n.text;
    if (op == "or") return {as_bool(eval(*n.args[0])) || as_bool(eval(*n.args[1]))};
    if (op == "and") return {as_bool(eval(*n.args[0])) && as_bool(eval(*n.args[1]))};
    Value a = eval(*n.args[0]);
    Value b = eval(*n.args[1]);
    if (op == "+") return {as_number(a) + as_number(b)};
    if (op == "-") return {as_number(a) - as_number(b)};
    if (op == "*") return {as_number(a) * as_number(b)};
    if (op == "div") return {as_number(a) / as_number(b)};
    if (op == "mod") return {std::fmod(as_number(a), as_number(b))};
    // Comparisons: booleans compare as booleans; numbers when either side is a
    // number or both texts read as numbers; otherwise as text.
    if (std::holds_alternative<bool>(a.v) || std::holds_alternative<bool>(b.v)) {
      bool x = as_bool(a), y = as_bool(b);
      if (op == "=") return {x == y};
      if (op == "!=") return {x != y};
    }
    bool numeric = std::holds_alternative<double>(a.v) || std::holds_alternative<double>(b.v) ||
                   (to_number(as_text(a)) && to_number(as_text(b)));
    if (op == "<" || op == "<=" || op == ">" || op == ">=") numeric = true;
    if (numeric) {
      double x = as_number(a), y = as_number(b);
      if (op == "=") return {x == y};
      if (op == "!=") return {!(x == y)};
      if (op == "<") return {x < y};
      if (op == "<=") return {x <= y};
      if (op == ">") return {x > y};
      return {x >= y};
    }
    std::string x = as_text(a), y = as_text(b);
    if (op == "=") return {x == y};
    return {x != y};
  }

  Value call(const ExprNode& n) const {
    const std::string& f = n.text;
    if (f == "true") return {true};
    if (f == "false") return {false};
    if (f == "not") return {!as_bool(eval(*n.args[0]))};
    if (f == "if") return as_bool(eval(*n.args[0])) ? eval(*n.args[1]) : eval(*n.args[2]);
    if (f == "string-length") return {static_cast<double>(as_text(eval(*n.args[0])).size())};
    if (f == "count-selected") return {static_cast<double>(split_selection(as_text(eval(*n.args[0]))).size())};
    if (f == "selected") {
      auto names = split_selection(as_text(eval(*n.args[0])));
      std::string wanted = as_text(eval(*n.args[1]));
      return {std::find(names.begin(), names.end(), wanted) != names.end()};
    }
    return {false};
  }
};

struct FunctionSpec {
  std::string_view name;
  std::size_t arity;
};
constexpr FunctionSpec kFunctions[] = {{"true", 0},     {"false", 0},          {"not", 1},          {"if", 3},
                                       {"selected", 2}, {"count-selected", 1}, {"string-length", 1}};

}  // namespace

struct ExpressionParser {
  std::string_view s;
  std::size_t pos = 0;
  ExpressionError* error;
  std::vector<std::string> refs;

  bool fail(std::size_t at, std::string message) {
    if (error->message.empty()) {
      error->offset = at;
      error->message = std::move(message);
    }
    return false;
  }
  void skip_space() {
    while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
  }
  static bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  }
  // A keyword operator (and, or, div, mod) at pos, followed by a non-name character.
  bool keyword(std::string_view word) {
    skip_space();
    if (s.substr(pos, word.size()) != word) return false;
    std::size_t end = pos + word.size();
    if (end < s.size() && name_char(s[end])) return false;
    pos = end;
    return true;
  }
  bool symbol(std::string_view sym) {
    skip_space();
    if (s.substr(pos, sym.size()) != sym) return false;
    pos += sym.size();
    return true;
  }
  static Node make_binary(std::string op, Node a, Node b) {
    auto n = std::make_shared<ExprNode>();
    n->kind = ExprNode::Kind::binary;
    n->text = std::move(op);
    n->args = {std::move(a), std::move(b)};
    return n;
  }

  Node parse_or() {
    Node left = parse_and();
    while (left && keyword("or")) {
      Node right = parse_and();
      if (!right) return nullptr;
      left = make_binary("or", left, right);
    }
    return left;
  }
  Node parse_and() {
    Node left = parse_compare();
    while (left && keyword("and")) {
      Node right = parse_compare();
      if (!right) return nullptr;
      left = make_binary("and", left, right);
    }
    return left;
  }
  Node parse_compare() {
    Node left = parse_sum();
    while (left) {
      std::string op;
      for (std::string_view candidate : {"!=", "<=", ">=", "=", "<", ">"}) {
        if (symbol(candidate)) {
          op = candidate;
          break;
        }
      }
      if (op.empty()) break;
      Node right = parse_sum();
      if (!right) return nullptr;
      left = make_binary(op, left, right);
    }
    return left;
  }
  Node parse_sum() {
    Node left = parse_product();
    while (left) {
      std::string op;
      if (symbol("+"))
        op = "+";
      else if (symbol("-"))
        op = "-";
      else
        break;
      Node right = parse_product();
      if (!right) return nullptr;
      left = make_binary(op, left, right);
    }
    return left;
  }
  Node parse_product() {
    Node left = parse_unary();
    while (left) {
      std::string op;
      if (symbol("*"))
        op = "*";
      else if (keyword("div"))
        op = "div";
      else if (keyword("mod"))
        op = "mod";
      else
        break;
      Node right = parse_unary();
      if (!right) return nullptr;
      left = make_binary(op, left, right);
    }
    return left;
  }
  Node parse_unary() {
    if (symbol("-")) {
      Node inner = parse_unary();
      if (!inner) return nullptr;
      auto n = std::make_shared<ExprNode>();
      n->kind = ExprNode::Kind::neg;
      n->args = {inner};
      return n;
    }
    return parse_primary();
  }
  Node parse_primary() {
    skip_space();
    if (pos >= s.size()) {
      fail(pos, "Das Ausdrucksende kommt zu früh: hier fehlt ein Wert.");
      return nullptr;
    }
    std::size_t start = pos;
    char c = s[pos];
    auto n = std::make_shared<ExprNode>();
    if (c == '(') {
      ++pos;
      Node inner = parse_or();
      if (!inner) return nullptr;
      if (!symbol(")")) {
        fail(pos, "Hier fehlt eine schließende Klammer „)“.");
        return nullptr;
      }
      return inner;
    }
    if (c == '$') {
      if (pos + 1 >= s.size() || s[pos + 1] != '{') {
        fail(start, "Nach „$“ muss „{Name}“ folgen, z. B. ${alter}.");
        return nullptr;
      }
      std::size_t close = s.find('}', pos + 2);
      if (close == std::string_view::npos) {
        fail(start, "Der Verweis „${…“ wird nicht mit „}“ geschlossen.");
        return nullptr;
      }
      std::string name(s.substr(pos + 2, close - pos - 2));
      if (name.empty() || !std::all_of(name.begin(), name.end(), name_char)) {
        fail(start, "„${" + name + "}“ ist kein gültiger Fragenname.");
        return nullptr;
      }
      pos = close + 1;
      n->kind = ExprNode::Kind::ref;
      n->text = name;
      if (std::find(refs.begin(), refs.end(), name) == refs.end()) refs.push_back(name);
      return n;
    }
    if (c == '\'' || c == '"') {
      std::size_t close = s.find(c, pos + 1);
      if (close == std::string_view::npos) {
        fail(start, "Ein Text in Anführungszeichen wird nicht geschlossen.");
        return nullptr;
      }
      n->kind = ExprNode::Kind::text;
      n->text = std::string(s.substr(pos + 1, close - pos - 1));
      pos = close + 1;
      return n;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && pos + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[pos + 1])))) {
      std::size_t end = pos;
      while (end < s.size() && (std::isdigit(static_cast<unsigned char>(s[end])) || s[end] == '.')) ++end;
      auto value = to_number(s.substr(pos, end - pos));
      if (!value) {
        fail(start, "„" + std::string(s.substr(pos, end - pos)) + "“ ist keine Zahl.");
        return nullptr;
      }
      n->kind = ExprNode::Kind::number;
      n->number = *value;
      pos = end;
      return n;
    }
    if (c == '.') {
      ++pos;
      n->kind = ExprNode::Kind::self;
      return n;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t end = pos;
      while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' || s[end] == '_'))
        ++end;
      std::string name(s.substr(pos, end - pos));
      pos = end;
      skip_space();
      const FunctionSpec* spec = nullptr;
      for (const auto& f : kFunctions)
        if (f.name == name) spec = &f;
      if (!spec && (pos >= s.size() || s[pos] != '(')) {
        // A bare name: a column of the choices sheet (choice_filter only).
        n->kind = ExprNode::Kind::ref;
        n->text = "@" + name;
        if (std::find(refs.begin(), refs.end(), n->text) == refs.end()) refs.push_back(n->text);
        return n;
      }
      if (!spec || pos >= s.size() || s[pos] != '(') {
        fail(start, spec ? "Nach „" + name + "“ fehlt „(“."
                         : "Unbekannte Funktion oder unbekanntes Wort „" + name +
                               "“ (erlaubt: selected, count-selected, not, string-length, if, true, false).");
        return nullptr;
      }
      ++pos;
      n->kind = ExprNode::Kind::call;
      n->text = name;
      if (!symbol(")")) {
        while (true) {
          Node arg = parse_or();
          if (!arg) return nullptr;
          n->args.push_back(arg);
          if (symbol(")")) break;
          if (!symbol(",")) {
            fail(pos, "In der Argumentliste von „" + name + "“ fehlt „,“ oder „)“.");
            return nullptr;
          }
        }
      }
      if (n->args.size() != spec->arity) {
        fail(start, "„" + name + "“ erwartet " + std::to_string(spec->arity) + " Argument(e), nicht " +
                        std::to_string(n->args.size()) + ".");
        return nullptr;
      }
      return n;
    }
    fail(start, std::string("Unerwartetes Zeichen „") + c + "“.");
    return nullptr;
  }
};

std::optional<Expression> parse_expression(std::string_view text, ExpressionError& error) {
  Expression e;
  e.text_ = std::string(text);
  bool blank =
      std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  if (blank) return e;
  ExpressionParser p{text, 0, &error, {}};
  Node root = p.parse_or();
  if (!root) return std::nullopt;
  p.skip_space();
  if (p.pos != text.size()) {
    p.fail(p.pos, "Unerwarteter Text „" + std::string(text.substr(p.pos, 20)) + "“ nach dem Ausdruck.");
    return std::nullopt;
  }
  e.root_ = root;
  e.references_ = std::move(p.refs);
  return e;
}

bool Expression::test(const Lookup& lookup, std::string_view self) const {
  if (!root_) return true;
  return as_bool(Evaluator{lookup, self}.eval(*root_));
}

std::string Expression::evaluate(const Lookup& lookup, std::string_view self) const {
  if (!root_) return "";
  return as_text(Evaluator{lookup, self}.eval(*root_));
}

std::vector<std::string> split_selection(std::string_view value) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && value[i] == ' ') ++i;
    std::size_t j = i;
    while (j < value.size() && value[j] != ' ') ++j;
    if (j > i) out.emplace_back(value.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace rf::survey
