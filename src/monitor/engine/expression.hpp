// Expressions over imported datasets, as the indicator catalogue writes them:
//
//   21111-02-06-4[h2="ohne Hauptschulabschluss", h3="Insgesamt"]
//   12411-0018[h2=("unter 3 Jahre"|"3 bis unter 6 Jahre")]
//   100 * 13211-02-05-4[h1="Arbeitslose", h2="15 bis unter 25 Jahre"] / 13211-02-05-4[…]
//   inkar2024_bildung_kreise[a_schul_oA]
//
// A reference DATASET[filters] stands for the sum of every series of the
// dataset whose breakdown matches all filters: `dim="value"`, `dim=("a"|"b")`
// (any of the values), `dim=""` (the series has no value for dim) or a bare
// name (the series key, e.g. an INKAR indicator code). Numbers, + - * / and
// parentheses combine references. An expression is evaluated per region and
// period; an aggregate sums the member results (Σ over members of the whole
// expression), so `count / rate` gives an implied denominator per member.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rf::monitor {

struct Filter {
  std::string dimension;            // "" for a bare series key
  std::vector<std::string> values;  // any of; {""} means "dimension absent"
};

struct DatasetRef {
  std::string dataset;
  std::vector<Filter> filters;
  std::string text;  // as written, for messages
};

struct Expr {
  enum class Kind { number, ref, add, sub, mul, div };
  Kind kind = Kind::number;
  double number = 0;
  int ref = -1;  // index into Expression::refs
  std::unique_ptr<Expr> left, right;
};

class Expression {
 public:
  Expression() = default;
  Expression(Expression&&) = default;
  Expression& operator=(Expression&&) = default;
  Expression(const Expression& other);
  Expression& operator=(const Expression& other);

  const Expr* root() const { return root_.get(); }
  const std::vector<DatasetRef>& refs() const { return refs_; }
  const std::string& text() const { return text_; }
  bool empty() const { return root_ == nullptr; }
  // The dataset of the first reference (decides which regions and members an
  // expression is evaluated over).
  std::string primary_dataset() const { return refs_.empty() ? "" : refs_.front().dataset; }
  // The same expression over other references (one for each of refs(), e.g.
  // renamed by a code list); the text is written anew from them.
  Expression with_refs(std::vector<DatasetRef> refs) const;

  friend struct ExpressionParser;

 private:
  std::unique_ptr<Expr> root_;
  std::vector<DatasetRef> refs_;
  std::string text_;
};

struct ParsedExpression {
  Expression expression;
  std::string error;  // "" when parsed; else "column N: what was expected"
};

ParsedExpression parse_expression(std::string_view text);

// A reference as the catalogue writes it: DATASET[dim="a", dim=("b"|"c"), key].
std::string ref_text(const DatasetRef& ref);

// Whether a series with this key and breakdown (dimension → value pairs)
// matches a reference's filters.
bool matches(const DatasetRef& ref, std::string_view series_key,
             const std::vector<std::pair<std::string, std::string>>& breakdown);

}  // namespace rf::monitor
