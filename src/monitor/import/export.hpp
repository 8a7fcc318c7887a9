// Writes a parsed table back as a GENESIS-style table CSV (UTF-8): the title
// block, one header row per column dimension, a unit row, data rows
// "period;code;name;[row labels;]values" with markers, and the footer with
// footnotes, licence and Stand. Importing the result gives the same cells.
#pragma once

#include <string>

#include "monitor/model/parsed_table.hpp"
#include "monitor/import/result.hpp"

namespace rf::monitor {

// Fails when the cells do not fill the grid of rows × columns (a table file
// has no way to say "no cell"; flat files and INKAR can be sparse).
Result<std::string> write_genesis_csv(const ParsedTable& table);

// A cell as a table writes it: "1234,5", "-", ".", "(12)", "7p" …
std::string format_cell(const Cell& cell);

}  // namespace rf::monitor
