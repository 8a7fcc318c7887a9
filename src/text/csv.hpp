// A streaming CSV reader (RFC 4180 with the liberties real exports take).
//
// - configurable delimiter; fields may be quoted with '"', a quote inside a
//   quoted field is written twice, quoted fields may span lines;
// - a quote is special only at the start of a field: `a"b` is the text a"b;
// - records end at LF or CRLF outside quotes; the CR is dropped;
// - line() is the 1-based line on which the current record starts, so error
//   messages can point into the file even after multi-line fields.
//
// The reader pulls UTF-8 text in chunks from a Source and keeps only the
// unread rest plus the current record, so a file is never held whole. The
// fields of a record are views into that buffer: they stay valid until the
// next call to next().
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rf::text {

struct CsvOptions {
  char delimiter = ';';
  char quote = '"';
  // A record with more fields stops the reader (see too_many_fields()): a
  // view per field costs 16 bytes, so a line of 12 million empty fields would
  // cost eight times its size before anyone looked at it.
  std::size_t max_fields = 10000;
};

class CsvReader {
 public:
  // Appends the next chunk of text to `out`; returns false when the input is
  // exhausted (it may still have appended a last chunk).
  using Source = std::function<bool(std::string& out)>;

  CsvReader(Source source, CsvOptions options = {});
  // Reads from text that stays alive as long as the reader (tests, small files).
  explicit CsvReader(std::string_view text, CsvOptions options = {});

  // Advances to the next record; false at the end of the input or on an
  // unterminated quoted field (then unterminated_quote() is true).
  bool next();

  std::span<const std::string_view> fields() const { return fields_; }
  std::size_t size() const { return fields_.size(); }
  std::string_view operator[](std::size_t i) const { return fields_[i]; }
  // The field or "" when the record is shorter.
  std::string_view field_or_empty(std::size_t i) const { return i < fields_.size() ? fields_[i] : std::string_view(); }
  // The raw text of the current record as it stood in the input, without the
  // line end (quotes and doubled quotes still escaped).
  std::string_view raw() const { return raw_; }

  // 1-based line where the current record starts.
  std::size_t line() const { return line_; }
  // 1-based line where the next record would start (after the last one read).
  std::size_t next_line() const { return next_line_; }
  // Bytes of input consumed so far (for progress reports).
  std::size_t bytes_consumed() const { return consumed_total_; }
  // True when the input ended inside a quoted field; line() is where it began.
  bool unterminated_quote() const { return unterminated_quote_; }
  // True when next() stopped at a record with more than options().max_fields
  // fields; line() is where it begins.
  bool too_many_fields() const { return too_many_fields_; }
  // For too_many_fields(): a German message for users naming the column and
  // the start of its text ("" otherwise). The caller adds file and line.
  std::string too_many_fields_message() const;
  const CsvOptions& options() const { return options_; }

 private:
  // Finds the end of the record starting at pos_; npos when more input is needed.
  std::size_t find_record_end(std::size_t& newlines) const;
  // False (and no fields) when the record has more than max_fields fields.
  bool split_record(std::size_t begin, std::size_t end);
  bool fill();

  Source source_;
  CsvOptions options_;
  std::string buffer_;
  std::string_view text_;  // buffer_ or the caller's text
  bool owns_text_ = false;
  bool exhausted_ = false;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
  std::size_t next_line_ = 1;
  std::size_t consumed_total_ = 0;
  bool unterminated_quote_ = false;
  bool too_many_fields_ = false;
  std::string first_extra_field_;  // the start of the first field over the limit
  std::string_view raw_;
  std::string scratch_;  // unescaped fields of a record read from caller's text
  std::vector<std::string_view> fields_;
};

// Splits one line (no line breaks) into fields; handy for sniffing headers.
std::vector<std::string> split_csv_line(std::string_view line, char delimiter);

// Quotes a field for output when it holds the delimiter, a quote or a line break.
std::string csv_quote(std::string_view field, char delimiter);

// A text cell for a spreadsheet (Excel-dialect CSV, XLSX text cells) that
// the spreadsheet cannot take for a formula (OWASP "CSV injection"): text
// starting with '=', '+', '-', '@', tab or CR gets a leading apostrophe.
// Numbers ("-12,5", "+3", "-1234.5") and the lone zero marker "-" stay as they are.
std::string spreadsheet_text(std::string_view cell);
// csv_quote(spreadsheet_text(field), delimiter): a field of an Excel-dialect CSV.
std::string spreadsheet_csv_field(std::string_view field, char delimiter);

// The German spreadsheet dialect, what Excel in de-DE opens with a double
// click: the file starts with the UTF-8 byte order mark, cells are separated
// by ';' and go through spreadsheet_csv_field, lines end with CRLF. Numbers
// are the caller's: decimal comma, no thousands groups (format_number_exact
// or a rounded value without groups).
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
void append_spreadsheet_csv_row(std::string& out, const std::vector<std::string>& cells);

}  // namespace rf::text
