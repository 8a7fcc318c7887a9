// Small helpers the importers share: the input they read, trimming, and the
// metadata found in footers (publisher, licence, Stand).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "monitor/import/builder.hpp"
#include "monitor/import/result.hpp"
#include "text/csv.hpp"
#include "text/strings.hpp"

namespace rf::monitor {

// The text an importer reads, decoded to UTF-8, plus where it came from.
struct ParseInput {
  text::CsvReader::Source source;
  // The decoding error that cut the text short, if any (it explains a
  // premature end better than anything the parser could say).
  std::function<std::optional<ImportError>()> decode_error;
  // A fresh source over the same text from its start: errors quote their
  // line from it (see quote_line). May be empty.
  std::function<text::CsvReader::Source()> reread;
  std::string base_name;  // file name without directories
  std::string directory;  // where companion files (INKAR metadata) are looked for
};

// A ParseInput over text already in memory (tests, exports, small files).
ParseInput text_input(std::string text, std::string base_name);

// The importers' string helpers are text's (text/strings.hpp).
using text::starts_with_ci;
using text::to_lower_ascii;
using text::trim;
using text::trim_left;
// Joins the fields of a record with the delimiter, leaving out trailing empties.
std::string join_fields(std::span<const std::string_view> fields, char delimiter);
// Collapses runs of whitespace (line breaks included) into single spaces.
std::string collapse_spaces(std::string_view s);

// Returns the decoding error when there is one, else an error at `line`
// (and the 1-based cell `column` when one cell is to blame).
ImportError input_error(const ParseInput& input, const TableBuilder& builder, std::size_t line, std::string message);
ImportError input_error(const ParseInput& input, const TableBuilder& builder, std::size_t line, std::size_t column,
                        std::string message);

// input_error bound to one input and its builder, as a reader calls it:
// `fail(line, message)` or `fail(line, column, message)`.
class InputErrors {
 public:
  InputErrors(const ParseInput& input, const TableBuilder& builder) : input_(input), builder_(builder) {}
  ImportError operator()(std::size_t line, std::string message) const {
    return input_error(input_, builder_, line, std::move(message));
  }
  ImportError operator()(std::size_t line, std::size_t column, std::string message) const {
    return input_error(input_, builder_, line, column, std::move(message));
  }

 private:
  const ParseInput& input_;
  const TableBuilder& builder_;
};

// Advances `reader` to its next record (a header, usually). When there is
// none: the error of a line with too many cells that stopped the reader, else
// `message` at `line` ("Leere Datei: erwartet …").
Result<void> expect_record(const ParseInput& input, const TableBuilder& builder, text::CsvReader& reader,
                           std::size_t line, std::string message);

// The German messages every importer gives for the same problems.
// "Erwartet: 5 Zellen, gefunden: 8 …" with a hint at the likely cause.
std::string cell_count_message(std::size_t expected, std::size_t found);
// "Kopfzeile ohne Daten: erwartet <expected>".
std::string header_without_data_message(std::string_view expected);
// "Erwartet: eine Zahl oder eines der Zeichen …, gefunden: „…“" for the
// cell text `found` (shortened; "eine leere Zelle" when empty).
std::string number_expected_message(std::string_view found, bool decimal_point = false);

// After a reader stopped: the error that stopped it (a line with too many
// cells, an unterminated quoted field, a decoding error), if any.
Result<void> check_reader_end(const ParseInput& input, const TableBuilder& builder, const text::CsvReader& reader);

// Line `line` (1-based) of the text `source` yields, without its line end,
// shortened to about 200 bytes (at a character boundary, with "…"); "" when
// the text has fewer lines.
std::string quote_line(const text::CsvReader::Source& source, std::size_t line);

// From "© IT.NRW, Düsseldorf, 2026. Dieses Werk ist lizenziert unter der
// Datenlizenz Deutschland - Namensnennung - Version 2.0.": the publisher
// ("IT.NRW, Düsseldorf") and the licence id ("dl-de/by-2-0").
void read_copyright(std::string_view text, TableMeta& meta);
// From "Stand: 17.08.2021 / 13:26:54": stand = "2021-08-17".
bool read_stand(std::string_view text, TableMeta& meta);

// Table code in a file name like "21611-0002_de_flat.csv" or
// "21321-01-01-4_flat_EXCERPT….csv"; nullopt when the name has none.
std::optional<std::string> table_code_from_file_name(std::string_view base_name);
// School year in a file name: "…_2024_25_…" or "…sj_25_26…" or "…2025-26…".
std::optional<std::string> school_year_from_file_name(std::string_view base_name);

}  // namespace rf::monitor
