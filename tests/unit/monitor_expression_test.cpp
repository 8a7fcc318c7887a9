#include <gtest/gtest.h>

#include "monitor/engine/expression.hpp"

using rf::monitor::Expr;
using rf::monitor::matches;
using rf::monitor::parse_expression;

TEST(MonitorExpression, ParsesReferenceWithFilters) {
  auto p = parse_expression(R"(21111-02-06-4[h2="ohne Hauptschulabschluss", h3="Insgesamt"])");
  ASSERT_EQ(p.error, "");
  ASSERT_EQ(p.expression.refs().size(), 1u);
  const auto& ref = p.expression.refs()[0];
  EXPECT_EQ(ref.dataset, "21111-02-06-4");
  ASSERT_EQ(ref.filters.size(), 2u);
  EXPECT_EQ(ref.filters[0].dimension, "h2");
  EXPECT_EQ(ref.filters[0].values[0], "ohne Hauptschulabschluss");
  EXPECT_EQ(p.expression.root()->kind, Expr::Kind::ref);
  EXPECT_EQ(p.expression.primary_dataset(), "21111-02-06-4");
}

TEST(MonitorExpression, ParsesArithmeticWithPrecedence) {
  auto p = parse_expression(R"(100 * a[x="1"] / b[k] - c[] + 2.5)");
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.expression.refs().size(), 3u);
  // ((100 * a) / b - c) + 2.5
  const Expr* root = p.expression.root();
  ASSERT_EQ(root->kind, Expr::Kind::add);
  EXPECT_EQ(root->right->kind, Expr::Kind::number);
  EXPECT_DOUBLE_EQ(root->right->number, 2.5);
  ASSERT_EQ(root->left->kind, Expr::Kind::sub);
  EXPECT_EQ(root->left->left->kind, Expr::Kind::div);
  EXPECT_EQ(p.expression.refs()[1].filters[0].dimension, "");  // bare series key
  EXPECT_EQ(p.expression.refs()[1].filters[0].values[0], "k");
  EXPECT_TRUE(p.expression.refs()[2].filters.empty());
}

TEST(MonitorExpression, ValueListsAndAbsentDimension) {
  auto p = parse_expression(R"(t[h2=("unter 3 Jahre"|"3 bis unter 6 Jahre"), h3=""])");
  ASSERT_EQ(p.error, "");
  const auto& ref = p.expression.refs()[0];
  EXPECT_EQ(ref.filters[0].values.size(), 2u);
  EXPECT_TRUE(matches(ref, "k", {{"h2", "unter 3 Jahre"}}));
  EXPECT_TRUE(matches(ref, "k", {{"h2", "3 bis unter 6 Jahre"}}));
  EXPECT_FALSE(matches(ref, "k", {{"h2", "6 bis unter 10 Jahre"}}));
  EXPECT_FALSE(matches(ref, "k", {{"h2", "unter 3 Jahre"}, {"h3", "weiblich"}}));
}

TEST(MonitorExpression, DatasetCodesWithHyphensAreNotSubtraction) {
  auto p = parse_expression("12411-0018[a] - 12411-09i[b]");
  ASSERT_EQ(p.error, "");
  ASSERT_EQ(p.expression.refs().size(), 2u);
  EXPECT_EQ(p.expression.refs()[0].dataset, "12411-0018");
  EXPECT_EQ(p.expression.refs()[1].dataset, "12411-09i");
  EXPECT_EQ(p.expression.root()->kind, Expr::Kind::sub);
}

TEST(MonitorExpression, ErrorsNameTheColumn) {
  EXPECT_NE(parse_expression("").error, "");
  EXPECT_NE(parse_expression("t[h2=\"x\"").error.find("']'"), std::string::npos);
  EXPECT_NE(parse_expression("abc + 1").error.find("'['"), std::string::npos);
  auto e = parse_expression("t[h2=x]");
  EXPECT_NE(e.error.find("Spalte 6"), std::string::npos) << e.error;
  EXPECT_NE(parse_expression("t[a] t[b]").error, "");
  EXPECT_NE(parse_expression("(t[a]").error, "");
}

TEST(MonitorExpression, CopiesAreDeep) {
  auto p = parse_expression("1 + t[a]");
  rf::monitor::Expression copy = p.expression;
  EXPECT_NE(copy.root(), p.expression.root());
  EXPECT_EQ(copy.root()->kind, Expr::Kind::add);
  EXPECT_EQ(copy.text(), "1 + t[a]");
}

// Found by fuzz_expression (tests/fuzz): "1305 * (24140000 * ((2000 * (" followed by about
// 3000 '(' overflowed the stack in the recursive descent; deep nesting is an error now.
TEST(MonitorExpression, DeepParenthesesAreAnErrorNotAStackOverflow) {
  auto crash = parse_expression("1305 * (24140000 * ((2000 * (" + std::string(3000, '(') + "12422-0-5-4-5");
  EXPECT_NE(crash.error.find("Klammern mehr als 64 Ebenen tief"), std::string::npos) << crash.error;

  auto deepest = parse_expression(std::string(64, '(') + "t[a]" + std::string(64, ')') + " * 2");
  EXPECT_EQ(deepest.error, "");
  EXPECT_EQ(deepest.expression.root()->kind, Expr::Kind::mul);

  auto too_deep = parse_expression(std::string(65, '(') + "t[a]" + std::string(65, ')'));
  EXPECT_EQ(too_deep.error, "Spalte 66: Klammern mehr als 64 Ebenen tief");
}
