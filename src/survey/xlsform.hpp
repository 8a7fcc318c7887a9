// Reading an XLSForm from its files: an XLSX workbook with the sheets
// `survey`, `choices` and `settings`, or one CSV file per sheet (a folder
// with survey.csv, choices.csv, settings.csv, or the texts of uploaded files).
// CSV files are UTF-8 (a BOM is dropped; Windows-1252 is converted), their
// delimiter is taken from the header line (',', ';' or tab).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "survey/form.hpp"

namespace rf::survey {

// One sheet from CSV text; problems (unterminated quote, bad encoding) go to errors.
Sheet read_csv_sheet(std::string name, std::string_view bytes, std::vector<FormError>& errors);

// The sheets of an XLSX workbook (only survey, choices, settings are read).
std::vector<Sheet> read_xlsx_sheets(const std::filesystem::path& file, std::vector<FormError>& errors);

// A form from an .xlsx file or a folder of CSV files.
FormResult load_form(const std::filesystem::path& path);
// A form from uploaded files: one .xlsx, or CSV files named after their sheet.
struct UploadedSheetFile {
  std::string filename;
  std::filesystem::path path;
};
// The sheets of uploaded files (one .xlsx, or CSV files named after their sheet).
std::vector<Sheet> read_form_sheets(const std::vector<UploadedSheetFile>& files, std::vector<FormError>& errors);
FormResult load_uploaded_form(const std::vector<UploadedSheetFile>& files, std::string_view fallback_id);

}  // namespace rf::survey
