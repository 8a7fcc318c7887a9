#include "monitor/open_data/dataset_export.hpp"

#include <xlsxwriter.h>

#include <memory>
#include <stdexcept>

#include "text/csv.hpp"
#include "text/number.hpp"
#include "text/xlsx_writer.hpp"

namespace rf::monitor {
namespace {

constexpr const char* kHeader[] = {"Regionalschlüssel", "Region", "Zeitraum", "Merkmal", "Einheit", "Wert", "Status"};

// Excel's sheet has 1,048,576 rows; one is the header.
constexpr lxw_row_t kMaxDataRows = 1048575;

}  // namespace

void write_dataset_csv(db::Database& db, const DatasetInfo& dataset, const TableFilter& filter, std::ostream& stream) {
  std::string out(text::kUtf8Bom);
  text::append_spreadsheet_csv_row(out, std::vector<std::string>(std::begin(kHeader), std::end(kHeader)));
  std::vector<std::string> cells;
  for_each_cell(db, dataset.id, filter, [&](const RowKey& row, const SeriesColumn& column, const TableCell& cell) {
    cells = {row.region_code, row.region_name, row.period,
             column.label,    column.unit,     cell.value ? text::format_number_exact(*cell.value) : std::string(),
             cell.status};
    text::append_spreadsheet_csv_row(out, cells);
    if (out.size() > 64 * 1024) {
      stream << out;
      out.clear();
    }
  });
  stream << out;
}

void write_dataset_xlsx(db::Database& db, const DatasetInfo& dataset, const TableFilter& filter,
                        const std::filesystem::path& path_name, const std::filesystem::path& tmp_dir) {
  std::filesystem::create_directories(tmp_dir);
  const std::string path = path_name.string();
  {
    // Rows go to disk as they are written.
    text::XlsxWorkbook workbook(path, {.constant_memory = true, .tmp_dir = tmp_dir});
    lxw_worksheet* sheet = workbook.add_worksheet("Daten");
    lxw_worksheet* source = workbook.add_worksheet("Quelle");
    lxw_format* bold = workbook.bold();
    for (lxw_col_t c = 0; c < std::size(kHeader); ++c) worksheet_write_string(sheet, 0, c, kHeader[c], bold);
    worksheet_set_column(sheet, 1, 1, 36, nullptr);
    worksheet_set_column(sheet, 3, 3, 48, nullptr);
    lxw_row_t row_number = 0;
    bool cut = false;
    for_each_cell(db, dataset.id, filter, [&](const RowKey& row, const SeriesColumn& column, const TableCell& cell) {
      if (row_number >= kMaxDataRows) {
        cut = true;
        return;
      }
      ++row_number;
      worksheet_write_string(sheet, row_number, 0, text::spreadsheet_text(row.region_code).c_str(), nullptr);
      worksheet_write_string(sheet, row_number, 1, text::spreadsheet_text(row.region_name).c_str(), nullptr);
      worksheet_write_string(sheet, row_number, 2, text::spreadsheet_text(row.period).c_str(), nullptr);
      worksheet_write_string(sheet, row_number, 3, text::spreadsheet_text(column.label).c_str(), nullptr);
      worksheet_write_string(sheet, row_number, 4, text::spreadsheet_text(column.unit).c_str(), nullptr);
      if (cell.value) {
        worksheet_write_number(sheet, row_number, 5, *cell.value, nullptr);
      } else {
        worksheet_write_string(sheet, row_number, 5, text::spreadsheet_text(cell.status).c_str(), nullptr);
      }
      if (!cell.status.empty()) {
        worksheet_write_string(sheet, row_number, 6, text::spreadsheet_text(cell.status).c_str(), nullptr);
      }
    });
    const std::pair<const char*, std::string> facts[] = {
        {"Tabelle", dataset.code},
        {"Titel", dataset.title},
        {"Statistik", dataset.statistic},
        {"Herausgeber", dataset.publisher},
        {"Lizenz", dataset.licence},
        {"Urheberrecht", dataset.copyright},
        {"Stand", dataset.stand},
        {"Fußnoten", dataset.footnotes},
        {"Zeichen",
         "- genau null; . unbekannt oder geheim; x Nachweis nicht sinnvoll; ... Angabe fällt "
         "später an; / keine Angabe, da nicht sicher genug; () Aussagewert eingeschränkt; "
         "p vorläufig; r berichtigt; e geschätzt"},
        {"Hinweis", cut ? "Gekürzt auf " + std::to_string(kMaxDataRows) +
                              " Zeilen (Grenze von Excel); die CSV-Datei enthält alle Werte."
                        : std::string()},
    };
    worksheet_set_column(source, 0, 0, 16, nullptr);
    worksheet_set_column(source, 1, 1, 100, nullptr);
    lxw_row_t r = 0;
    for (const auto& [label, value] : facts) {
      if (value.empty()) continue;
      worksheet_write_string(source, r, 0, label, bold);
      worksheet_write_string(source, r, 1, text::spreadsheet_text(value).c_str(), nullptr);
      ++r;
    }
    workbook.close();
  }
}

}  // namespace rf::monitor
