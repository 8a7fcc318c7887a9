#include "survey/xlsform.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "text/csv.hpp"
#include "text/encoding.hpp"
#include "text/xlsx.hpp"
#include "text/strings.hpp"

namespace rf::survey {

namespace {

constexpr std::size_t kMaxFormFileBytes = 10u * 1024 * 1024;
constexpr std::size_t kMaxSheetRows = 20000;
constexpr const char* kSheetNames[] = {"survey", "choices", "settings"};

std::optional<std::string> read_small_file(const std::filesystem::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string out;
  char buffer[8192];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out.size() > limit) return std::nullopt;
  }
  return out;
}

char sniff_delimiter(std::string_view text) {
  std::string_view header = text.substr(0, text.find('\n'));
  std::size_t commas = std::count(header.begin(), header.end(), ',');
  std::size_t semicolons = std::count(header.begin(), header.end(), ';');
  std::size_t tabs = std::count(header.begin(), header.end(), '\t');
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

}  // namespace

Sheet read_csv_sheet(std::string name, std::string_view bytes, std::vector<FormError>& errors) {
  Sheet sheet{name, {}};
  std::size_t bad_line = 0;
  auto utf8 = text::to_utf8(bytes, text::detect_encoding(bytes), &bad_line);
  if (!utf8) {
    errors.push_back({name, bad_line, 0, "", "", "Die Datei ist keine lesbare Textdatei (UTF-8 erwartet)."});
    return sheet;
  }
  text::CsvReader reader(*utf8, {sniff_delimiter(*utf8), '"'});
  while (reader.next()) {
    // Keep row numbers equal to file lines (a multi-line cell shifts them).
    while (sheet.rows.size() + 1 < reader.line()) sheet.rows.emplace_back();
    std::vector<std::string> row;
    for (auto field : reader.fields()) row.emplace_back(field);
    sheet.rows.push_back(std::move(row));
    if (sheet.rows.size() > kMaxSheetRows) {
      errors.push_back({name, sheet.rows.size(), 0, "", "",
                        "Die Tabelle hat mehr als " + std::to_string(kMaxSheetRows) + " Zeilen."});
      return sheet;
    }
  }
  if (reader.too_many_fields()) errors.push_back({name, reader.line(), 0, "", "", reader.too_many_fields_message()});
  if (reader.unterminated_quote())
    errors.push_back(
        {name, reader.line(), 0, "", "", "Ein Feld in Anführungszeichen wird bis zum Dateiende nicht geschlossen."});
  return sheet;
}

std::vector<Sheet> read_xlsx_sheets(const std::filesystem::path& file, std::vector<FormError>& errors) {
  std::vector<Sheet> sheets;
  try {
    text::XlsxLimits limits;
    limits.max_part_bytes = 64u * 1024 * 1024;
    limits.max_columns = 200;
    text::XlsxReader book(file, limits);
    for (const auto& name : book.sheet_names()) {
      std::string key = text::to_lower_ascii(name);
      if (std::find(std::begin(kSheetNames), std::end(kSheetNames), key) == std::end(kSheetNames)) continue;
      Sheet sheet{key, {}};
      bool too_long = false;
      book.read_sheet(name, [&](std::size_t row, const std::vector<std::string>& cells) {
        if (row > kMaxSheetRows) {
          too_long = true;
          return false;
        }
        if (sheet.rows.size() < row) sheet.rows.resize(row);
        sheet.rows[row - 1] = cells;
        return true;
      });
      if (too_long)
        errors.push_back(
            {key, kMaxSheetRows, 0, "", "", "Die Tabelle hat mehr als " + std::to_string(kMaxSheetRows) + " Zeilen."});
      sheets.push_back(std::move(sheet));
    }
  } catch (const text::XlsxError& e) {
    errors.push_back({file.filename().string(), 0, 0, "", "", e.what()});
  }
  return sheets;
}

namespace {

FormResult finish(std::vector<Sheet> sheets, std::vector<FormError> errors, std::string_view fallback_id) {
  if (!errors.empty()) return {std::nullopt, std::move(errors)};
  return build_form(sheets, fallback_id);
}

}  // namespace

std::vector<Sheet> read_form_sheets(const std::vector<UploadedSheetFile>& files, std::vector<FormError>& errors) {
  if (files.size() == 1 &&
      text::to_lower_ascii(std::filesystem::path(files[0].filename).extension().string()) == ".xlsx")
    return read_xlsx_sheets(files[0].path, errors);
  std::vector<Sheet> sheets;
  for (const auto& f : files) {
    std::string stem = text::to_lower_ascii(std::filesystem::path(f.filename).stem().string());
    std::string sheet_name;
    for (const char* n : kSheetNames)
      if (stem == n || stem.ends_with(std::string("-") + n) || stem.ends_with(std::string("_") + n)) sheet_name = n;
    if (sheet_name.empty()) {
      errors.push_back({f.filename, 0, 0, "", "",
                        "Der Dateiname muss sagen, welches Blatt die Datei enthält: survey.csv, choices.csv oder "
                        "settings.csv (oder eine einzelne .xlsx-Datei)."});
      continue;
    }
    auto bytes = read_small_file(f.path, kMaxFormFileBytes);
    if (!bytes) {
      errors.push_back({f.filename, 0, 0, "", "", "Die Datei fehlt oder ist größer als 10 MB."});
      continue;
    }
    sheets.push_back(read_csv_sheet(sheet_name, *bytes, errors));
  }
  return sheets;
}

FormResult load_form(const std::filesystem::path& path) {
  std::string fallback = path.stem().string();
  if (std::filesystem::is_directory(path)) {
    std::vector<UploadedSheetFile> files;
    for (const char* n : kSheetNames) {
      auto file = path / (std::string(n) + ".csv");
      if (std::filesystem::exists(file)) files.push_back({file.filename().string(), file});
    }
    std::vector<FormError> errors;
    auto sheets = read_form_sheets(files, errors);
    return finish(std::move(sheets), std::move(errors), path.filename().string());
  }
  std::vector<FormError> errors;
  auto sheets = read_xlsx_sheets(path, errors);
  return finish(std::move(sheets), std::move(errors), fallback);
}

FormResult load_uploaded_form(const std::vector<UploadedSheetFile>& files, std::string_view fallback_id) {
  std::vector<FormError> errors;
  auto sheets = read_form_sheets(files, errors);
  return finish(std::move(sheets), std::move(errors), fallback_id);
}

}  // namespace rf::survey
