// Downloads of one imported dataset in long form, one line per cell:
//   Regionalschlüssel;Region;Zeitraum;Merkmal;Einheit;Wert;Status
//
// CSV: UTF-8 with BOM (Excel then reads the umlauts), ';' separated, decimal
// comma without thousands separators, CRLF line ends. A marker goes to the
// Status column and never into Wert: "-" (exactly zero), "." (secret or
// unknown) … leave Wert empty; "()" , "p", "r", "e" keep their number in
// Wert. A plain value has an empty Status.
// XLSX: the same columns; numbers are number cells, Wert of a cell without a
// number holds the marker as a text cell (as in printed tables), Status holds
// the marker as well, so a filter on it works.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "db/database.hpp"
#include "monitor/store/dataset_table.hpp"

namespace rf::monitor {

void write_dataset_csv(db::Database& db, const DatasetInfo& dataset, const TableFilter& filter, std::ostream& out);

// Writes the workbook to `path` row by row (libxlsxwriter's constant-memory
// mode, its temporary files in `tmp_dir`).
void write_dataset_xlsx(db::Database& db, const DatasetInfo& dataset, const TableFilter& filter,
                        const std::filesystem::path& path, const std::filesystem::path& tmp_dir);

}  // namespace rf::monitor
