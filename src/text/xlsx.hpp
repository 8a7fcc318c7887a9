// Reading the worksheets of an XLSX workbook (Office Open XML), row by row.
//
//   text::XlsxReader book("formular.xlsx");          // throws XlsxError
//   for (auto& name : book.sheet_names()) …
//   book.read_sheet("survey", [](std::size_t row, const std::vector<std::string>& cells) {
//     …; return true;  // false stops
//   });
//
// The archive is opened with libzip and each sheet's XML is streamed through
// expat, so a sheet is never held whole; only the shared-string table is kept
// in memory. Cells come as the text the file stores: shared and inline
// strings as written, numbers in the file's notation ("2.5", "45292" for a
// date serial), booleans as "1"/"0", formulas as their cached value. Gaps in a
// row are empty strings; rows that are missing in the file are not reported.
//
// Hostile files are expected: every part is limited in uncompressed size
// (zip bombs) and a broken file is one XlsxError with a German message.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rf::text {

class XlsxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct XlsxLimits {
  std::size_t max_part_bytes = 256u * 1024 * 1024;  // uncompressed size of one XML part
  std::size_t max_columns = 16384;                  // Excel's own limit (XFD)
};

class XlsxReader {
 public:
  explicit XlsxReader(const std::filesystem::path& file, XlsxLimits limits = {});
  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // Worksheet names in workbook order.
  std::vector<std::string> sheet_names() const;
  bool has_sheet(std::string_view name) const;

  // Calls on_row for each row of the sheet (1-based row numbers as in the
  // file) until it returns false. Throws XlsxError for an unknown sheet or
  // broken XML.
  using RowHandler = std::function<bool(std::size_t row, const std::vector<std::string>& cells)>;
  void read_sheet(std::string_view name, const RowHandler& on_row) const;

  // The same with what each cell is: importers must tell a number (written
  // "2.5" whatever the locale) from a text, and a formula's cached value from
  // a typed one. Returns what the sheet says after its rows: the merged
  // ranges ("A1:C1"), at most `max_merged` of them.
  enum class CellKind : unsigned char { empty, number, text, boolean, error, formula };
  using TypedRowHandler =
      std::function<bool(std::size_t row, const std::vector<std::string>& cells, const std::vector<CellKind>& kinds)>;
  struct SheetTail {
    std::vector<std::string> merged_ranges;
  };
  SheetTail read_typed_sheet(std::string_view name, const TypedRowHandler& on_row, std::size_t max_merged = 16) const;

  // "A" for column 0, "AA" for 26: the inverse of column_index's letters.
  static std::string column_letters(std::size_t column);

  // 0-based column of a cell reference ("C7" → 2); npos when malformed.
  static std::size_t column_index(std::string_view cell_reference);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace rf::text
