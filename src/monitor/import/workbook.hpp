// Statistics tables as XLSX workbooks (GENESIS-Online, the Regionaldatenbank,
// IT.NRW and municipal offices offer them) go through the CSV importers: one
// sheet is streamed into a temporary UTF-8 CSV file whose line N is the
// sheet's row N, so every error names the row Excel shows and nothing is
// parsed twice.
#pragma once

#include <string>
#include <vector>

#include "monitor/import/result.hpp"

namespace rf::monitor {

// True when the file starts like an XLSX workbook (a ZIP archive) or like an
// encrypted workbook or an old .xls (an OLE compound file).
bool looks_like_workbook(const std::string& path);

struct WorkbookSheet {
  std::string sheet;               // the sheet that was read
  std::vector<std::string> notes;  // warnings for the import (other sheets)
};

// Writes sheet `sheet` (empty: the first) of the workbook at `path` to
// `csv_path`. Cells are separated as the detected format expects (';', or ','
// for INKAR) and numbers are written as that format writes them (German
// "2,5" in GENESIS layouts). Refused with a German message: formulas (their
// cached values may be stale or, from programs, never computed), merged
// cells (which cell holds the value is guesswork), encrypted workbooks and
// unknown sheets.
Result<WorkbookSheet> workbook_sheet_to_csv(const std::string& path, const std::string& display_name,
                                            const std::string& sheet, const std::string& csv_path,
                                            std::size_t max_part_bytes);

}  // namespace rf::monitor
