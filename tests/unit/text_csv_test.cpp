#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/csv.hpp"

namespace {

using rf::text::CsvOptions;
using rf::text::CsvReader;

std::vector<std::vector<std::string>> read_all(CsvReader& reader) {
  std::vector<std::vector<std::string>> rows;
  while (reader.next()) {
    std::vector<std::string> row;
    for (auto f : reader.fields()) row.emplace_back(f);
    rows.push_back(row);
  }
  return rows;
}

// A source that hands out the text in tiny pieces, to exercise records and
// quotes split across chunk boundaries.
CsvReader::Source chunked(std::string text, std::size_t piece) {
  auto pos = std::make_shared<std::size_t>(0);
  return [text = std::move(text), piece, pos](std::string& out) {
    if (*pos >= text.size()) return false;
    out.append(text, *pos, piece);
    *pos += piece;
    return *pos < text.size();
  };
}

TEST(CsvReader, SplitsFieldsWithDelimiter) {
  CsvReader reader("a;b;c\n1;2;3\n", CsvOptions{';'});
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "3"}));
}

TEST(CsvReader, CommaDelimiterAndEmptyFields) {
  CsvReader reader(",x,,\n", CsvOptions{','});
  ASSERT_TRUE(reader.next());
  ASSERT_EQ(reader.size(), 4u);
  EXPECT_EQ(reader[0], "");
  EXPECT_EQ(reader[1], "x");
  EXPECT_EQ(reader[3], "");
  EXPECT_FALSE(reader.next());
}

TEST(CsvReader, QuotedFieldsWithDoubledQuotesAndDelimiters) {
  CsvReader reader("\"a;b\";\"say \"\"hi\"\"\";c\n", CsvOptions{';'});
  ASSERT_TRUE(reader.next());
  ASSERT_EQ(reader.size(), 3u);
  EXPECT_EQ(reader[0], "a;b");
  EXPECT_EQ(reader[1], "say \"hi\"");
  EXPECT_EQ(reader[2], "c");
}

TEST(CsvReader, MultiLineQuotedFieldKeepsLineNumbers) {
  std::string text =
      "head\n"
      "\"zu \"\"Tabelle\"\":\n"
      "01.01.2001;\n"
      "Ende\"\n"
      "Stand: 17.08.2021\n";
  CsvReader reader(text, CsvOptions{';'});
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader.line(), 1u);
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader.line(), 2u);
  ASSERT_EQ(reader.size(), 1u);  // the date line inside the quotes is not a record
  EXPECT_EQ(reader[0], "zu \"Tabelle\":\n01.01.2001;\nEnde");
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader.line(), 5u);
  EXPECT_EQ(reader[0], "Stand: 17.08.2021");
  EXPECT_FALSE(reader.next());
  EXPECT_FALSE(reader.unterminated_quote());
}

TEST(CsvReader, CrLfLineEndsAreDropped) {
  CsvReader reader("a;b\r\nc;d\r\n", CsvOptions{';'});
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "b");
  EXPECT_EQ(rows[1][1], "d");
}

TEST(CsvReader, LastLineWithoutLineBreak) {
  CsvReader reader("a;b\nc;d", CsvOptions{';'});
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"c", "d"}));
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsLiteral) {
  CsvReader reader("5\" Disk;x\n", CsvOptions{';'});
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader[0], "5\" Disk");
  EXPECT_EQ(reader[1], "x");
}

TEST(CsvReader, UnterminatedQuoteIsReported) {
  CsvReader reader("a;b\n\"open\nnever closed\n", CsvOptions{';'});
  ASSERT_TRUE(reader.next());
  EXPECT_FALSE(reader.next());
  EXPECT_TRUE(reader.unterminated_quote());
  EXPECT_EQ(reader.line(), 2u);
}

TEST(CsvReader, EmptyLinesAreRecordsWithOneEmptyField) {
  CsvReader reader("a\n\nb\n", CsvOptions{';'});
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{""}));
}

TEST(CsvReader, ChunkedSourceGivesSameRecords) {
  std::string text =
      "x;\"multi\nline \"\"quoted\"\"\";z\r\n"
      "1;2;3\n"
      "\"\"\"\";\"\";end";
  CsvReader whole(text, CsvOptions{';'});
  auto expected = read_all(whole);
  for (std::size_t piece : {1u, 2u, 3u, 5u, 7u, 64u}) {
    CsvReader reader(chunked(text, piece), CsvOptions{';'});
    auto rows = read_all(reader);
    EXPECT_EQ(rows, expected) << "piece " << piece;
    EXPECT_FALSE(reader.unterminated_quote());
  }
  ASSERT_EQ(expected.size(), 3u);
  EXPECT_EQ(expected[0][1], "multi\nline \"quoted\"");
  EXPECT_EQ(expected[2][0], "\"");
  EXPECT_EQ(expected[2][1], "");
}

TEST(CsvReader, LineNumbersAcrossChunks) {
  std::string text = "a\n\"b\nb\"\nc\n";
  CsvReader reader(chunked(text, 2), CsvOptions{';'});
  std::vector<std::size_t> lines;
  while (reader.next()) lines.push_back(reader.line());
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 4}));
  EXPECT_EQ(reader.bytes_consumed(), text.size());
}

TEST(CsvReader, LargeInputThroughSourceIsNotHeldWhole) {
  // 200,000 records through 4 KiB chunks; the reader must see every one.
  std::string text;
  for (int i = 0; i < 200000; ++i) text += std::to_string(i) + ";x\n";
  CsvReader reader(chunked(text, 4096), CsvOptions{';'});
  int count = 0;
  while (reader.next()) {
    ASSERT_EQ(reader[0], std::to_string(count));
    ++count;
  }
  EXPECT_EQ(count, 200000);
}

TEST(CsvHelpers, SplitLineAndQuote) {
  auto fields = rf::text::split_csv_line("a,\"b,c\",d", ',');
  EXPECT_EQ(fields, (std::vector<std::string>{"a", "b,c", "d"}));
  EXPECT_EQ(rf::text::csv_quote("plain", ';'), "plain");
  EXPECT_EQ(rf::text::csv_quote("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(rf::text::csv_quote("say \"x\"", ';'), "\"say \"\"x\"\"\"");
  EXPECT_EQ(rf::text::csv_quote("two\nlines", ';'), "\"two\nlines\"");
}

}  // namespace
