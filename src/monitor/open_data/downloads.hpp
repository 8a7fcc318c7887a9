// Tables for the open-data downloads (module-internal; routes in downloads.cpp).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "monitor/engine/catalogue.hpp"
#include "monitor/engine/cube.hpp"
#include "monitor/open_data/export_table.hpp"
#include "monitor/model/region.hpp"
#include "monitor/engine/value_rows.hpp"

namespace rf::monitor {

// The machine dialect (API): one row per value: indicator, region,
// region_name, period, [group], value (rounded as published, decimal point,
// empty without a number), value_exact (full precision), status (ok or the
// marker), unit, missing_members.
ExportTable indicator_table(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by);
// The German spreadsheet dialect (text/csv.hpp), the indicator page's default
// download: German headings, the indicator's title, periods as printed
// ("2023/24"), values rounded as published with a decimal comma, the marker
// in its own Status column (empty for a plain value), never in Wert.
std::string indicator_excel_csv(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by);
// SDMX-CSV 1.0: DATAFLOW, REF_AREA, TIME_PERIOD, [SEX], OBS_VALUE, OBS_STATUS
// (CL_OBS_STATUS), UNIT_MEASURE and the German marker in OBS_STATUS_DE.
std::string indicator_sdmx_csv(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by);

// Every cell of an imported dataset; the rows are generated while they are
// written, so `cube` and `regions` must outlive the table.
ExportTable dataset_table(const Cube& cube, const Cube::DatasetInfo& dataset, const RegionRegister& regions);
void write_dataset_sdmx_csv(const ExportTable& table, std::ostream& out);

}  // namespace rf::monitor
