// INKAR exports of the BBSR (Bundesinstitut für Bau-, Stadt- und
// Raumforschung): UTF-8, ',' separated, decimal point, one header row
// "raumbezug,kennziffer,name,zeitbezug,<indicator codes…>", one row per region
// and year; an empty cell means no value. Kennziffer: Bund 111, Länder 2
// digits, Kreise 8 digits (Kreis code + "000"), Gemeinden 8 digits.
//
// The indicator definitions come in a separate metadata file
// (…_indikatoren_meta.csv); its names label the series. Some codes are
// defined twice (definitions changed over time): both texts are kept.
#pragma once

#include <vector>

#include "monitor/import/builder.hpp"
#include "monitor/import/common.hpp"

namespace rf::monitor {

// Data file; `definitions` (may be empty) label the indicators.
Result<void> parse_inkar(const ParseInput& input, TableBuilder& builder,
                         const std::vector<IndicatorDefinition>& definitions);
// The metadata file; each definition goes to the builder (and to `out` when given).
Result<void> parse_inkar_meta(const ParseInput& input, TableBuilder& builder,
                              std::vector<IndicatorDefinition>* out = nullptr);
// The list of region codes and names (inkar2024_regionen_kreise.csv): checks
// every code against the register, adds unknown ones provisionally.
Result<void> parse_inkar_regions(const ParseInput& input, TableBuilder& builder);

// "inkar2024_bildung_kreise_1995-2022.csv" → "inkar2024_bildung_kreise".
std::string inkar_dataset_code(std::string_view base_name);
// Unit from an INKAR indicator name ("… in %" → "Prozent").
std::string inkar_unit(std::string_view name);

}  // namespace rf::monitor
