#include "text/xlsx_writer.hpp"

#include <system_error>

namespace rf::text {

XlsxWorkbook::XlsxWorkbook(std::filesystem::path path, const XlsxWriteOptions& options)
    : path_(std::move(path)), tmp_dir_(options.tmp_dir.string()) {
  lxw_workbook_options lxw_options{};
  lxw_options.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  if (!tmp_dir_.empty()) lxw_options.tmpdir = tmp_dir_.data();
  workbook_ = workbook_new_opt(path_.c_str(), &lxw_options);
  if (!workbook_) throw XlsxWriteError("cannot create the workbook " + path_.string());
}

XlsxWorkbook::~XlsxWorkbook() {
  if (!workbook_) return;
  // Not closed: an exception left the workbook half written.
  workbook_close(workbook_);
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

lxw_worksheet* XlsxWorkbook::add_worksheet(const std::string& name) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name.c_str());
  if (!sheet) throw XlsxWriteError("cannot add the worksheet '" + name + "'");
  return sheet;
}

lxw_format* XlsxWorkbook::add_format() { return workbook_add_format(workbook_); }

lxw_format* XlsxWorkbook::bold() {
  if (!bold_) {
    bold_ = add_format();
    format_set_bold(bold_);
  }
  return bold_;
}

void XlsxWorkbook::close() {
  lxw_workbook* workbook = workbook_;
  workbook_ = nullptr;
  if (lxw_error result = workbook_close(workbook); result != LXW_NO_ERROR) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    throw XlsxWriteError(path_.string() + ": " + lxw_strerror(result));
  }
}

}  // namespace rf::text
