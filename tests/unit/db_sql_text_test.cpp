// The text helpers the drivers rely on: placeholder rewriting for
// PostgreSQL, exact number formatting, identifier and URL checks.
#include "db/sql_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace rf::db::detail {
namespace {

TEST(RewritePlaceholders, NumbersEachQuestionMark) {
  const RewrittenSql out = rewrite_placeholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)");
  EXPECT_EQ(out.sql, "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(out.parameter_count, 3);
}

TEST(RewritePlaceholders, LeavesLiteralsIdentifiersAndCommentsAlone) {
  const RewrittenSql out = rewrite_placeholders(
      "SELECT 'why?', 'it''s ?', \"col?\", ? -- what?\n"
      "/* ? /* nested ? */ still ? */ ?");
  EXPECT_EQ(out.sql,
            "SELECT 'why?', 'it''s ?', \"col?\", $1 -- what?\n"
            "/* ? /* nested ? */ still ? */ $2");
  EXPECT_EQ(out.parameter_count, 2);
}

TEST(RewritePlaceholders, HandlesEscapeStringsAndDollarQuotes) {
  const RewrittenSql out = rewrite_placeholders(R"(SELECT E'\' ?', $$ ? $$, $fn$ ? $$ ? $fn$, ?, $1)");
  EXPECT_EQ(out.sql, R"(SELECT E'\' ?', $$ ? $$, $fn$ ? $$ ? $fn$, $1, $1)");
  EXPECT_EQ(out.parameter_count, 1);
}

TEST(RewritePlaceholders, BackslashIsOrdinaryInStandardStrings) {
  // standard_conforming_strings: 'a\' is a complete literal.
  const RewrittenSql out = rewrite_placeholders(R"(SELECT 'a\', ?)");
  EXPECT_EQ(out.sql, R"(SELECT 'a\', $1)");
}

TEST(RewritePlaceholders, UnterminatedLiteralSwallowsTheRest) {
  const RewrittenSql out = rewrite_placeholders("SELECT 'oops ?");
  EXPECT_EQ(out.sql, "SELECT 'oops ?");
  EXPECT_EQ(out.parameter_count, 0);
}

TEST(FormatNumber, IntegersAtTheExtremes) {
  EXPECT_EQ(format_number(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(format_number(std::numeric_limits<std::int64_t>::max()), "9223372036854775807");
  EXPECT_EQ(format_number(std::int64_t{0}), "0");
}

TEST(FormatNumber, DoublesRoundTripExactly) {
  for (const double value : {0.1, 1.0 / 3.0, -2.5e-300, 1.7976931348623157e308, 5e-324, 1e21}) {
    const std::string text = format_number(value);
    ASSERT_TRUE(parse_double(text).has_value()) << text;
    EXPECT_EQ(*parse_double(text), value) << text;
  }
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(3.0), "3");
}

TEST(FormatNumber, NonFiniteUsesPostgresSpelling) {
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(format_number(std::nan("")), "NaN");
  EXPECT_EQ(parse_double("-Infinity"), -std::numeric_limits<double>::infinity());
}

TEST(ParseNumber, WholeStringOnly) {
  EXPECT_EQ(parse_int64("42"), 42);
  EXPECT_EQ(parse_int64("+5"), 5);
  EXPECT_EQ(parse_int64("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
  EXPECT_FALSE(parse_int64("9223372036854775808").has_value());
  EXPECT_FALSE(parse_int64("12x").has_value());
  EXPECT_FALSE(parse_int64("").has_value());
  EXPECT_FALSE(parse_int64("1.5").has_value());
  EXPECT_EQ(parse_double("1.5"), 1.5);
  EXPECT_FALSE(parse_double("1,5").has_value());
}

TEST(CheckIdentifier, AcceptsPlainNamesOnly) {
  EXPECT_NO_THROW(check_identifier("people"));
  EXPECT_NO_THROW(check_identifier("monitor.observation_2024"));
  EXPECT_THROW(check_identifier(""), Error);
  EXPECT_THROW(check_identifier("1abc"), Error);
  EXPECT_THROW(check_identifier("x; DROP TABLE y"), Error);
  EXPECT_THROW(check_identifier("\"quoted\""), Error);
  EXPECT_THROW(check_identifier("trailing."), Error);
}

TEST(UrlKind, KnowsBothDriversAndNamesUnknownSchemes) {
  EXPECT_EQ(url_kind("sqlite:var/x.db"), Kind::sqlite);
  EXPECT_EQ(url_kind("sqlite::memory:"), Kind::sqlite);
  EXPECT_EQ(url_kind("postgresql://u@h/db"), Kind::postgresql);
  EXPECT_EQ(url_kind("postgres://u@h/db"), Kind::postgresql);
  try {
    url_kind("mysql://localhost/db");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'mysql'"), std::string::npos) << e.what();
  }
}

TEST(RedactUrl, HidesOnlyThePassword) {
  EXPECT_EQ(redact_url("postgresql://rf:s3cret@db.example:5432/rf"), "postgresql://rf:***@db.example:5432/rf");
  EXPECT_EQ(redact_url("postgresql://rf@db.example/rf"), "postgresql://rf@db.example/rf");
  EXPECT_EQ(redact_url("postgresql://db.example:5432/rf?x=a@b"), "postgresql://db.example:5432/rf?x=a@b");
  EXPECT_EQ(redact_url("sqlite:var/x.db"), "sqlite:var/x.db");
}

TEST(ClassifyStatement, ByFirstKeywordPastCommentsAndParentheses) {
  EXPECT_EQ(classify_statement("SELECT 1").kind, StatementClass::data);
  EXPECT_EQ(classify_statement("  -- why\n/* a /* nested */ note */ (select 1) UNION (SELECT 2)").kind,
            StatementClass::data);
  EXPECT_EQ(classify_statement("with x AS (SELECT 1) SELECT * FROM x").kind, StatementClass::data);
  EXPECT_EQ(classify_statement("INSERT INTO t VALUES (1)").kind, StatementClass::data);
  EXPECT_EQ(classify_statement("update t SET a = 1").kind, StatementClass::data);
  EXPECT_EQ(classify_statement("DELETE FROM t").kind, StatementClass::data);
  EXPECT_EQ(classify_statement("SELECTED").kind, StatementClass::other);
  EXPECT_EQ(classify_statement("CREATE TEMPORARY TABLE d AS SELECT 1").kind, StatementClass::other);
  EXPECT_EQ(classify_statement("ALTER TABLE t ADD COLUMN b INTEGER").kind, StatementClass::other);
  EXPECT_EQ(classify_statement("SET synchronous_commit = off").kind, StatementClass::other);
  EXPECT_EQ(classify_statement("PRAGMA journal_mode=WAL").kind, StatementClass::other);
  EXPECT_EQ(classify_statement("").kind, StatementClass::other);
  const Classified begin = classify_statement("BEGIN IMMEDIATE");
  EXPECT_EQ(begin.kind, StatementClass::transaction);
  EXPECT_FALSE(begin.rollback);
  const Classified rollback = classify_statement("rollback to savepoint a");
  EXPECT_EQ(rollback.kind, StatementClass::transaction);
  EXPECT_TRUE(rollback.rollback);
  EXPECT_EQ(classify_statement("COMMIT").kind, StatementClass::transaction);
}

TEST(ClassifyScript, SeveralStatementsAreOther) {
  EXPECT_EQ(classify_script("COMMIT;\n").kind, StatementClass::transaction);
  EXPECT_EQ(classify_script("DELETE FROM t").kind, StatementClass::data);
  EXPECT_EQ(classify_script("BEGIN; CREATE TABLE t (a INTEGER)").kind, StatementClass::other);
  EXPECT_EQ(classify_script("DELETE FROM t; DROP TABLE t").kind, StatementClass::other);
}

}  // namespace
}  // namespace rf::db::detail
