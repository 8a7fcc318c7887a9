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

namespace {

TEST(CsvReader, StopsAtARecordWithTooManyFields) {
  // A header of 12,000 columns on line 2, then a normal line that is never reached.
  std::string text = "a;b\n";
  for (int i = 0; i < 12000; ++i) text += "k" + std::to_string(i) + ";";
  text += "ende\n1;2\n";
  CsvReader reader(chunked(text, 4096));
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader.size(), 2u);
  EXPECT_FALSE(reader.next());
  EXPECT_TRUE(reader.too_many_fields());
  EXPECT_FALSE(reader.unterminated_quote());
  EXPECT_EQ(reader.line(), 2u);
  EXPECT_EQ(reader.size(), 0u);
  EXPECT_EQ(reader.too_many_fields_message(),
            "Die Zeile hat mehr als 10.000 Spalten (höchstens 10.000 sind erlaubt); Spalte 10.001 beginnt mit "
            "„k10000“. Ist das Trennzeichen richtig gewählt?");
  EXPECT_FALSE(reader.next());  // stays stopped
}

TEST(CsvReader, FieldLimitCountsExactly) {
  CsvOptions options;
  options.max_fields = 3;
  CsvReader ok("a;b;c\n", options);
  ASSERT_TRUE(ok.next());
  EXPECT_EQ(ok.size(), 3u);
  EXPECT_TRUE(ok.too_many_fields_message().empty());
  CsvReader trailing("a;b;c;\n", options);  // the trailing delimiter opens a fourth field
  EXPECT_FALSE(trailing.next());
  EXPECT_TRUE(trailing.too_many_fields());
  CsvReader quoted("\"x\";\"y\";\"z\";\"viertes \"\"Feld\"\"\"\n", options);
  EXPECT_FALSE(quoted.next());
  EXPECT_NE(quoted.too_many_fields_message().find("Spalte 4 beginnt mit „\"viertes"), std::string::npos)
      << quoted.too_many_fields_message();
}

}  // namespace

namespace {

using rf::text::spreadsheet_csv_field;
using rf::text::spreadsheet_text;

TEST(SpreadsheetText, FormulaStartsAreNeutralised) {
  EXPECT_EQ(spreadsheet_text("=HYPERLINK(\"http://evil.example\";\"Klick\")"),
            "'=HYPERLINK(\"http://evil.example\";\"Klick\")");
  EXPECT_EQ(spreadsheet_text("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(spreadsheet_text("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(spreadsheet_text("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
  EXPECT_EQ(spreadsheet_text("\t=1+1"), "'\t=1+1");
  EXPECT_EQ(spreadsheet_text("\r=1+1"), "'\r=1+1");
  EXPECT_EQ(spreadsheet_text("=1"), "'=1");
}

TEST(SpreadsheetText, NumbersAndOrdinaryTextStay) {
  for (const char* kept :
       {"-12,5", "+3", "-1234.5", "-1.234,5", "12", "Essen", "", "-", "a=b", "x@y.example", "Schulabgänger (-innen)"}) {
    EXPECT_EQ(spreadsheet_text(kept), kept);
  }
}

TEST(SpreadsheetText, CsvFieldQuotesAfterNeutralising) {
  EXPECT_EQ(spreadsheet_csv_field("=A1;B1", ';'), "\"'=A1;B1\"");
  EXPECT_EQ(spreadsheet_csv_field("Bochum", ';'), "Bochum");
}

}  // namespace
