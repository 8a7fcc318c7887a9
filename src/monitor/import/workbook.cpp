#include "monitor/import/workbook.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>

#include "monitor/import/importer.hpp"
#include "text/xlsx.hpp"

namespace rf::monitor {

namespace {

using Kind = text::XlsxReader::CellKind;

constexpr char kZipMagic[] = "PK\x03\x04";
constexpr unsigned char kOleMagic[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

std::string first_bytes(const std::string& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

bool is_ole(std::string_view head) {
  return head.size() >= sizeof kOleMagic && std::memcmp(head.data(), kOleMagic, sizeof kOleMagic) == 0;
}

// How the sheet's cells become CSV text for the detected format.
struct CsvStyle {
  char delimiter = ';';
  bool german_numbers = true;
};

// A number as the file stores it ("2.5", "1.5E-3") in the notation the
// format's parser reads.
void append_number(std::string& out, const std::string& stored, bool german) {
  std::string plain = stored;
  if (stored.find_first_of("eE") != std::string::npos) {
    char* end = nullptr;
    double value = std::strtod(stored.c_str(), &end);
    if (end && *end == '\0') {
      char buffer[64];
      auto r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
      if (r.ec == std::errc()) plain.assign(buffer, r.ptr);
    }
  }
  if (german) {
    for (char& c : plain) {
      if (c == '.') c = ',';
    }
  }
  out += plain;
}

void append_text(std::string& out, const std::string& text, char delimiter) {
  bool quote = text.find_first_of(std::string{delimiter, '"', '\n', '\r'}) != std::string::npos;
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += "\"\"";
    // A line break inside a cell would shift every later line number away
    // from the sheet's row numbers.
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  out += '"';
}

// One row; rows of more than one cell are padded to `width` (Excel drops
// trailing empty cells, CSV exports keep them).
void append_row(std::string& out, const std::vector<std::string>& cells, const std::vector<Kind>& kinds,
                const CsvStyle& style, std::size_t width) {
  std::size_t n = cells.size() > 1 ? std::max(cells.size(), width) : cells.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += style.delimiter;
    if (i >= cells.size()) continue;
    if (kinds[i] == Kind::number)
      append_number(out, cells[i], style.german_numbers);
    else
      append_text(out, cells[i], style.delimiter);
  }
  out += '\n';
}

struct BufferedRow {
  std::size_t number;
  std::vector<std::string> cells;
  std::vector<Kind> kinds;
};

// The head as CSV text with `style`, for format detection.
std::string head_text(const std::vector<BufferedRow>& rows, const CsvStyle& style, std::size_t width) {
  std::string out;
  std::size_t line = 1;
  for (const auto& row : rows) {
    for (; line < row.number; ++line) out += '\n';
    append_row(out, row.cells, row.kinds, style, width);
    ++line;
  }
  return out;
}

std::size_t row_of(std::string_view ref) {
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') ++i;
  return std::strtoull(std::string(ref.substr(i)).c_str(), nullptr, 10);
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};

}  // namespace

bool looks_like_workbook(const std::string& path) {
  std::string head = first_bytes(path, 8);
  return head.starts_with(kZipMagic) || is_ole(head);
}

Result<WorkbookSheet> workbook_sheet_to_csv(const std::string& path, const std::string& display_name,
                                            const std::string& sheet, const std::string& csv_path,
                                            std::size_t max_part_bytes) {
  if (is_ole(first_bytes(path, 8))) {
    return ImportError{display_name, 0,
                       "Die Arbeitsmappe ist mit einem Kennwort verschlüsselt oder im alten "
                       "Excel-Format (.xls) gespeichert. Erwartet: eine XLSX-Datei ohne Kennwort "
                       "(in Excel: Datei → Informationen → Arbeitsmappe schützen → Mit Kennwort "
                       "verschlüsseln, Kennwort leeren) oder eine CSV-Datei."};
  }
  WorkbookSheet result;
  std::unique_ptr<std::FILE, FileCloser> out(std::fopen(csv_path.c_str(), "wb"));
  if (!out) return ImportError{display_name, 0, "Zwischendatei für die Arbeitsmappe nicht anlegbar"};
  std::optional<ImportError> failure;
  try {
    text::XlsxLimits limits;
    limits.max_part_bytes = max_part_bytes;
    text::XlsxReader book(path, limits);
    std::vector<std::string> names = book.sheet_names();
    if (names.empty()) return ImportError{display_name, 0, "Die Arbeitsmappe hat kein Tabellenblatt."};
    std::string listed;
    for (const auto& n : names) listed += (listed.empty() ? "„" : ", „") + n + "“";
    if (!sheet.empty() && !book.has_sheet(sheet)) {
      return ImportError{display_name, 0,
                         "Die Arbeitsmappe hat kein Blatt „" + sheet + "“. Erwartet: eines von " + listed + "."};
    }
    result.sheet = sheet.empty() ? names.front() : sheet;
    if (sheet.empty() && names.size() > 1) {
      result.notes.push_back("Die Arbeitsmappe hat " + std::to_string(names.size()) + " Blätter (" + listed +
                             "): gelesen wurde das erste, „" + result.sheet + "“; ein anderes mit --sheet NAME");
    }

    // The first rows decide the format (and so the delimiter and the
    // notation of numbers); then every row streams to the file.
    constexpr std::size_t kHeadRows = 40;
    std::vector<BufferedRow> head;
    std::optional<CsvStyle> style;
    std::size_t width = 0, next_line = 1;
    std::string buffer;
    auto flush = [&] {
      if (!buffer.empty()) std::fwrite(buffer.data(), 1, buffer.size(), out.get());
      buffer.clear();
    };
    auto emit = [&](std::size_t number, const std::vector<std::string>& cells, const std::vector<Kind>& kinds) {
      for (; next_line < number; ++next_line) buffer += '\n';
      append_row(buffer, cells, kinds, *style, width);
      ++next_line;
      if (buffer.size() > (1u << 20)) flush();
    };
    auto decide = [&]() -> bool {
      for (const auto& row : head) width = std::max(width, row.cells.size());
      std::optional<ImportError> first_error;
      for (CsvStyle candidate : {CsvStyle{';', true}, CsvStyle{',', false}}) {
        auto detected = detect_format(head_text(head, candidate, width), display_name);
        if (!detected) {
          if (!first_error) first_error = detected.error();
          continue;
        }
        Format f = detected->format;
        candidate.german_numbers =
            f == Format::genesis_table || f == Format::genesis_flat_old || f == Format::genesis_flat_new;
        style = candidate;
        break;
      }
      if (!style) {
        failure = *first_error;
        return false;
      }
      for (const auto& row : head) emit(row.number, row.cells, row.kinds);
      head.clear();
      return true;
    };
    auto tail = book.read_typed_sheet(
        result.sheet, [&](std::size_t number, const std::vector<std::string>& cells, const std::vector<Kind>& kinds) {
          for (std::size_t i = 0; i < kinds.size(); ++i) {
            if (kinds[i] != Kind::formula) continue;
            failure = ImportError{display_name, number,
                                  "Zelle " + text::XlsxReader::column_letters(i) + std::to_string(number) +
                                      " enthält eine Formel. Erwartet: Werte, wie die Statistikämter sie "
                                      "veröffentlichen (in Excel: Blatt kopieren, Inhalte einfügen → Werte)."};
            return false;
          }
          if (style) {
            emit(number, cells, kinds);
            return true;
          }
          head.push_back({number, cells, kinds});
          return head.size() < kHeadRows || decide();
        });
    if (!failure && !style) {
      if (head.empty()) return ImportError{display_name, 1, "Das Blatt „" + result.sheet + "“ ist leer."};
      decide();
    }
    if (failure) return *failure;
    if (!tail.merged_ranges.empty()) {
      std::string ranges;
      for (const auto& r : tail.merged_ranges) ranges += (ranges.empty() ? "" : ", ") + r;
      return ImportError{display_name, row_of(tail.merged_ranges.front()),
                         "Das Blatt „" + result.sheet + "“ hat verbundene Zellen (" + ranges +
                             "). Erwartet: jede Zelle mit ihrem eigenen Wert (in Excel: "
                             "Zellverbund aufheben und die Beschriftung in jede Zelle schreiben) "
                             "oder die Tabelle als CSV."};
    }
    flush();
  } catch (const text::XlsxError& e) {
    return ImportError{display_name, 0, e.what()};
  }
  if (std::fflush(out.get()) != 0 || std::ferror(out.get())) {
    return ImportError{display_name, 0, "Zwischendatei für die Arbeitsmappe nicht schreibbar"};
  }
  return result;
}

}  // namespace rf::monitor
