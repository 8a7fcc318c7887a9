// The survey expression language on the server (survey/expression.hpp) against the table
// tests/data/survey/expressions.tsv, which tests/e2e/survey_expression.test.js asserts on the
// browser's evaluator (static/js/ausdruck.js): both must agree on every row.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "survey/expression.hpp"
#include "survey/form.hpp"
#include "survey/xlsform.hpp"
#include "text/csv.hpp"
#include "text/files.hpp"

namespace rf::survey {
namespace {

struct Row {
  std::size_t line = 0;
  std::string expression, answers, self, expected, references;
};

// The table's rows: comments (#) and blank lines skipped, then the header. Fields are never
// quoted (an expression may start with '"'), so the reader's quote is a character the table lacks.
std::vector<Row> read_table(const std::string& text) {
  text::CsvReader reader(text, {.delimiter = '\t', .quote = '\0'});
  std::vector<Row> rows;
  bool header = true;
  while (reader.next()) {
    if (reader.raw().empty() || reader.raw().starts_with('#')) continue;
    if (header) {
      std::vector<std::string> names(reader.fields().begin(), reader.fields().end());
      EXPECT_EQ(names, (std::vector<std::string>{"expression", "answers", "self", "expected", "references"}));
      header = false;
      continue;
    }
    EXPECT_EQ(reader.size(), 5u) << "line " << reader.line();
    rows.push_back({reader.line(), std::string(reader.field_or_empty(0)), std::string(reader.field_or_empty(1)),
                    std::string(reader.field_or_empty(2)), std::string(reader.field_or_empty(3)),
                    std::string(reader.field_or_empty(4))});
  }
  EXPECT_FALSE(reader.unterminated_quote());
  return rows;
}

// "a=1|b=x y" → {a: "1", b: "x y"}
std::map<std::string, std::string, std::less<>> answers_of(std::string_view text) {
  std::map<std::string, std::string, std::less<>> answers;
  while (!text.empty()) {
    std::string_view pair = text.substr(0, text.find('|'));
    text.remove_prefix(std::min(text.size(), pair.size() + 1));
    auto eq = pair.find('=');
    EXPECT_NE(eq, std::string_view::npos) << pair;
    answers.emplace(pair.substr(0, eq), pair.substr(eq + 1));
  }
  return answers;
}

// The table counts offsets in characters; the parser in bytes of UTF-8.
std::size_t characters_before(std::string_view text, std::size_t byte_offset) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  return n;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : " ") + name;
  return out;
}

TEST(SurveyExpression, EveryRowOfTheTable) {
  auto text = text::read_file(RF_TEST_DATA_DIR + "/survey/expressions.tsv");
  ASSERT_TRUE(text);
  auto rows = read_table(*text);
  EXPECT_GE(rows.size(), 120u);
  for (const Row& row : rows) {
    SCOPED_TRACE("expressions.tsv line " + std::to_string(row.line) + ": " + row.expression);
    ExpressionError error;
    auto parsed = parse_expression(row.expression, error);
    if (!parsed) {
      EXPECT_FALSE(error.message.empty());
      EXPECT_EQ("error " + std::to_string(characters_before(row.expression, error.offset)), row.expected)
          << error.message;
      continue;
    }
    auto answers = answers_of(row.answers);
    auto lookup = [&](std::string_view name) {
      auto it = answers.find(name);
      return it == answers.end() ? std::string() : it->second;
    };
    if (row.expected.starts_with('=')) {
      std::string value = parsed->evaluate(lookup, row.self);
      EXPECT_EQ(value.empty() ? "=" : "= " + value, row.expected);
    } else {
      EXPECT_EQ(parsed->test(lookup, row.self) ? "true" : "false", row.expected);
    }
    EXPECT_EQ(joined(parsed->references()), row.references);
  }
}

// The table holds every relevant, constraint and choice_filter of the shipped forms, so that the
// browser is held to the server on each of them; a new form expression needs its rows.
TEST(SurveyExpression, TheTableCoversTheShippedForms) {
  auto text = text::read_file(RF_TEST_DATA_DIR + "/survey/expressions.tsv");
  ASSERT_TRUE(text);
  std::set<std::string> in_table;
  for (const Row& row : read_table(*text)) in_table.insert(row.expression);
  std::size_t forms = 0, expressions = 0;
  for (const auto& entry : std::filesystem::directory_iterator(RF_SOURCE_DIR + "/data/surveys")) {
    auto result = load_form(entry.path());
    ASSERT_TRUE(result.form) << entry.path() << ": " << (result.errors.empty() ? "" : result.errors[0].describe());
    ++forms;
    for (const Item& item : result.form->items) {
      for (const Expression* e : {&item.relevant, &item.constraint, &item.choice_filter}) {
        if (e->empty()) continue;
        ++expressions;
        EXPECT_TRUE(in_table.contains(e->text())) << entry.path().filename() << ", " << item.name << ": " << e->text();
      }
    }
  }
  EXPECT_EQ(forms, 3u);
  EXPECT_EQ(expressions, 15u);
}

}  // namespace
}  // namespace rf::survey
