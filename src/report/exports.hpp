// The data appendix: every figure as CSV (tidy: one row per value, UTF-8
// with BOM, ';', decimal comma — as German spreadsheet users expect) and as
// XLSX (libxlsxwriter: the figure's table with title, source and footnotes,
// markers as cell comments).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "report/figure.hpp"
#include "text/result.hpp"

namespace rf::report {

// The CSV text of a figure:
//   Abbildung;Zeile;Zeilenschlüssel;Spalte;Spaltenschlüssel;Wert;Kennzeichen;Einheit;Quelle
std::string figure_csv(const Figure& figure);

// Writes one workbook with a sheet per figure; a Failure saying what failed.
text::Result<void> write_xlsx(const std::filesystem::path& file, const std::string& title,
                              const std::vector<const Figure*>& figures);

// "Abb. 2.1" / "Tab. 2.1" — a valid, short sheet name.
std::string sheet_name(const Figure& figure);

}  // namespace rf::report
