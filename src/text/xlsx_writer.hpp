// Writing an XLSX workbook with libxlsxwriter, owned like a file: the
// workbook is closed exactly once, by close() (which reports a failed write)
// or, after an exception, by the destructor (which removes the partial file).
//
//   text::XlsxWorkbook book(path, {.constant_memory = true, .tmp_dir = dir});
//   lxw_worksheet* sheet = book.add_worksheet("Daten");
//   worksheet_write_string(sheet, 0, 0, "Wert", book.bold());
//   book.close();  // throws XlsxWriteError
//
// Sheets and formats are libxlsxwriter's own (plain C calls on them); the
// workbook owns them.
#pragma once

#include <xlsxwriter.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace rf::text {

class XlsxWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct XlsxWriteOptions {
  // Rows go to disk as they are written (a sheet of any size in little
  // memory); cells must then be written row by row.
  bool constant_memory = false;
  std::filesystem::path tmp_dir;  // for constant_memory; default: the system's
};

class XlsxWorkbook {
 public:
  // Throws XlsxWriteError when the file cannot be created.
  explicit XlsxWorkbook(std::filesystem::path path, const XlsxWriteOptions& options = {});
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  lxw_workbook* get() { return workbook_; }
  lxw_worksheet* add_worksheet(const std::string& name);
  lxw_format* add_format();
  // A bold format, made on first use.
  lxw_format* bold();

  // Writes the file; throws XlsxWriteError (and removes what was written)
  // when that fails.
  void close();

 private:
  std::filesystem::path path_;
  std::string tmp_dir_;  // must live as long as the workbook
  lxw_workbook* workbook_ = nullptr;
  lxw_format* bold_ = nullptr;
};

}  // namespace rf::text
