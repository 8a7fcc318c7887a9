// The XLSForm expression subset used in `relevant`, `constraint` and
// `choice_filter` columns:
//
//   ${alter} >= 18 and selected(${formate}, 'online')
//   . > 0 and . <= 40                      (`.` is the answer being checked)
//   count-selected(${themen}) < 4 or not(${leitung} = 'ja')
//   ${personen} * ${tage} div 2 != 0
//
// Literals: numbers, 'text' or "text"; operators by precedence: or, and,
// = != < <= > >=, + -, * div mod, unary -. Functions: selected(a, 'v'),
// count-selected(a), not(x), string-length(a), if(c, a, b), true(), false().
// Answers are text (a select_multiple answer is its choice names separated by
// spaces); an empty answer compares equal to '' and is not a number.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rf::survey {

struct ExprNode;

struct ExpressionError {
  std::size_t offset = 0;  // 0-based byte offset into the text
  std::string message;     // German
};

// A parsed expression; cheap to copy (the tree is shared and immutable).
class Expression {
 public:
  Expression() = default;
  bool empty() const { return root_ == nullptr; }
  const std::string& text() const { return text_; }
  // The question names referred to as ${name}, each once, in order of
  // appearance; a bare name (a column of the choices sheet, for
  // choice_filter) appears as "@name" and is looked up that way.
  const std::vector<std::string>& references() const { return references_; }

  // Looks up the answer of a question by name (empty text when unanswered).
  using Lookup = std::function<std::string(std::string_view name)>;
  // Evaluates as a condition; `self` is the value of `.`.
  bool test(const Lookup& lookup, std::string_view self = {}) const;
  // Evaluates to text (numbers written without trailing zeros).
  std::string evaluate(const Lookup& lookup, std::string_view self = {}) const;

  friend std::optional<Expression> parse_expression(std::string_view text, ExpressionError& error);

 private:
  std::shared_ptr<const ExprNode> root_;
  std::string text_;
  std::vector<std::string> references_;
};

// Parses `text`; an empty or blank text gives an empty Expression (always true).
// On error, returns nullopt and fills `error`.
std::optional<Expression> parse_expression(std::string_view text, ExpressionError& error);

// The names of a select_multiple answer ("a b c" → {a, b, c}).
std::vector<std::string> split_selection(std::string_view value);

}  // namespace rf::survey
