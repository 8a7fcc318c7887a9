// Tables for the open-data downloads (module-internal; routes in downloads.cpp).
#pragma once

#include <string>
#include <vector>

#include "monitor/catalogue.hpp"
#include "monitor/cube.hpp"
#include "monitor/export_table.hpp"
#include "monitor/region.hpp"
#include "monitor/value_rows.hpp"

namespace rf::monitor {

// One row per value: indicator, region, region_name, period, [group], value,
// status, unit, missing_members.
ExportTable indicator_table(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by);
// SDMX-CSV 1.0: DATAFLOW, REF_AREA, TIME_PERIOD, [SEX], OBS_VALUE, OBS_STATUS
// (CL_OBS_STATUS), UNIT_MEASURE and the German marker in OBS_STATUS_DE.
std::string indicator_sdmx_csv(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by);

// Every cell of an imported dataset.
ExportTable dataset_table(const Cube& cube, const Cube::DatasetInfo& dataset, const RegionRegister& regions);
std::string dataset_sdmx_csv(const ExportTable& table);

}  // namespace rf::monitor
