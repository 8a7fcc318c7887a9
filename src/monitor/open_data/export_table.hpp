// A table of values for the open-data downloads, written as CSV, XLSX,
// Frictionless Data Package (datapackage.json + CSV, optionally zipped) and
// SDMX-CSV. Cells are text; numeric fields hold C-locale numbers ("7.7358")
// or, where there is no number, the statistical marker (".", "-", "x" …),
// which the data package declares as labelled missing values.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace rf::monitor {

struct ExportField {
  std::string name;              // "value"
  std::string type;              // "string", "number", "integer"
  std::string title;             // German
  std::string description;       // German
  bool missing_markers = false;  // markers are missing values of this field
};

struct ExportTable {
  std::string name;          // "kita_quote_u3" (file names, package name)
  std::string title;         // German title
  std::string description;   // German
  std::string source;        // "Quelle: …"
  std::string licence_note;  // footnotes, licence text
  std::vector<std::string> notes;
  std::vector<ExportField> fields;
  std::vector<std::vector<std::string>> rows;
  // Instead of `rows`, for large tables: calls the sink once per row, in
  // order, and `row_count` says how many rows that will be.
  using RowSink = std::function<void(const std::vector<std::string>&)>;
  std::function<void(const RowSink&)> generate;
  std::size_t row_count = 0;

  void for_each_row(const RowSink& sink) const;
  std::size_t size() const { return generate ? row_count : rows.size(); }
};

// Writes `path` through a binary stream; throws when it cannot be written.
void write_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

// RFC 4180 CSV, UTF-8, "," and "\r\n".
void write_csv(const ExportTable& table, std::ostream& out);
std::string to_csv(const ExportTable& table);
// XLSX with a "Daten" sheet (numbers as numbers) and an "Informationen" sheet,
// written row by row (constant memory).
void write_xlsx(const ExportTable& table, const std::filesystem::path& path);
std::string to_xlsx(const ExportTable& table);
// The Frictionless descriptor; the resource's path is `csv_path` (relative).
std::string to_datapackage(const ExportTable& table, const std::string& csv_path);
// datapackage.json and the CSV in one ZIP archive (the CSV streamed).
void write_datapackage_zip(const ExportTable& table, const std::filesystem::path& path);
std::string to_datapackage_zip(const ExportTable& table);

// The German labels of the markers, for legends and missing values.
std::vector<std::pair<std::string, std::string>> marker_labels();

// A number in C locale with up to 12 significant digits.
std::string plain_number(double v);

}  // namespace rf::monitor
