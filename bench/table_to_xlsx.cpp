// A GENESIS table file (Windows-1252, ';') written as the XLSX workbook a
// spreadsheet program would save from it, for bench/import_national.sh.
//
//   rf_bench_table_to_xlsx TABLE_CSV OUT_XLSX
//
// Every record goes to the row of the line it starts on. In data rows (a
// period and a region code in the first two fields) the period and the value
// columns are numbers when they read as numbers; everything else (labels,
// region codes with their leading zeros, markers such as "-" or ".") is text.
// The file is streamed: libxlsxwriter's constant-memory mode writes rows as
// they come, so a table of millions of cells needs little memory.
// Prints "rows=N cells=N numbers=N".
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "text/csv.hpp"
#include "text/encoding.hpp"
#include "text/number.hpp"
#include "text/xlsx_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: rf_bench_table_to_xlsx TABLE_CSV OUT_XLSX\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "rf_bench_table_to_xlsx: cannot open " << argv[1] << "\n";
    return 1;
  }
  rf::text::Utf8Converter converter(rf::text::Encoding::cp1252);
  bool bad_input = false;
  rf::text::CsvReader reader(
      [&](std::string& out) {
        char chunk[1 << 16];
        in.read(chunk, sizeof chunk);
        auto got = static_cast<std::size_t>(in.gcount());
        if (got > 0 && !converter.convert(std::string_view(chunk, got), out)) bad_input = true;
        return got == sizeof chunk && !bad_input;
      },
      rf::text::CsvOptions{';', '"'});

  std::size_t rows = 0, cells = 0, numbers = 0;
  try {
    rf::text::XlsxWorkbook book(argv[2], {.constant_memory = true, .tmp_dir = {}});
    lxw_worksheet* sheet = book.add_worksheet("Tabelle");
    while (reader.next()) {
      auto fields = reader.fields();
      const auto row = static_cast<lxw_row_t>(reader.line() - 1);
      const bool data_row = fields.size() > 3 && !fields[0].empty() && !fields[1].empty() &&
                            rf::text::parse_number(fields[0], rf::text::NumberStyle::german).has_value();
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].empty()) continue;
        const auto col = static_cast<lxw_col_t>(i);
        std::optional<double> number;
        if (data_row && i != 1 && i != 2) number = rf::text::parse_number(fields[i], rf::text::NumberStyle::german);
        lxw_error written;
        if (number) {
          written = worksheet_write_number(sheet, row, col, *number, nullptr);
          ++numbers;
        } else {
          written = worksheet_write_string(sheet, row, col, std::string(fields[i]).c_str(), nullptr);
        }
        if (written != LXW_NO_ERROR) {
          std::cerr << "rf_bench_table_to_xlsx: line " << reader.line() << ": " << lxw_strerror(written) << "\n";
          return 1;
        }
        ++cells;
      }
      ++rows;
    }
    if (bad_input || reader.unterminated_quote() || reader.too_many_fields()) {
      std::cerr << "rf_bench_table_to_xlsx: " << argv[1] << " is not a readable table (line " << reader.line()
                << (bad_input ? ", " + converter.error() : std::string()) << ")\n";
      return 1;
    }
    book.close();
  } catch (const rf::text::XlsxWriteError& e) {
    std::cerr << "rf_bench_table_to_xlsx: " << e.what() << "\n";
    return 1;
  }
  std::cout << "rows=" << rows << " cells=" << cells << " numbers=" << numbers << "\n";
  return 0;
}
