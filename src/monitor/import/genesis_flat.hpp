// GENESIS flat files ("ffcsv"), UTF-8 with BOM, ';'-separated, decimal comma.
//
// Old layout (German, wide): Statistik_Code;Statistik_Label;Zeit_Code;
// Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;1_Auspraegung_Code;
// 1_Auspraegung_Label;…;<VAR>__<Label>__<Unit>;<VAR>__<Label>__q;…
// — one column per value variable, each followed by its quality column.
//
// New layout (English, long): statistics_code;…;time;1_variable_code;…;
// value;value_unit;value_variable_code;value_variable_label[;value_q]
// — one row per value.
//
// The regional variable (DINSG, DLAND, REGBEZ, KREISE, GEMEIN) gives the
// region; every other variable becomes a breakdown dimension named by its
// code. Quality flags: e final, p provisional, r revised, s estimated.
#pragma once

#include "monitor/import/builder.hpp"
#include "monitor/import/common.hpp"

namespace rf::monitor {

Result<void> parse_genesis_flat(const ParseInput& input, TableBuilder& builder, bool new_layout);

}  // namespace rf::monitor
