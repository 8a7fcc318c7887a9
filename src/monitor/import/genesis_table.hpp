// GENESIS table exports ("Tabelle" CSV) from the Regionaldatenbank
// Deutschland, GENESIS-Online and the Landesdatenbank NRW.
//
// Layout (';'-separated, Windows-1252):
//   GENESIS-Tabelle: 21111-02-06-4        (older) or  Tabelle: 12411-15i
//   title lines, a statistic line, maybe a measure line "Bevölkerungsstand (Anzahl)"
//   1–4 column-header rows whose first K cells are empty (K label columns)
//   maybe a unit row (Anzahl, Prozent, EUR …)
//   data rows: [period;] region code; indented name; [row labels;] values…
//   __________
//   footnotes (quoted, multi-line), © line(s), "Stand: dd.mm.yyyy / hh:mm:ss"
// A table without a period column (22811-01i) carries the period in a header
// row ("Jahr" / "2023"). Stacked multi-year exports repeat the data block per
// period. Everything after the "__________" line is footer, even lines that
// look like data rows.
#pragma once

#include "monitor/import/builder.hpp"
#include "monitor/import/common.hpp"

namespace rf::monitor {

Result<void> parse_genesis_table(const ParseInput& input, TableBuilder& builder);

// Whether a header label is a unit ("Anzahl", "Prozent", "Tsd. EUR", "2020=100" …).
bool is_unit_label(std::string_view label);

}  // namespace rf::monitor
