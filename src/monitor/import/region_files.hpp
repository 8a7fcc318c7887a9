// The region register's files: the Destatis Gemeindeverzeichnis GV100AD for
// all of Germany, names and population of NRW from IT.NRW table 12411-15i
// (read with the GENESIS importer), the Ruhr membership from the
// Regionalverband Ruhr's list of its 53 municipalities (see data/README.md).
#pragma once

#include <string>

#include "monitor/import/result.hpp"
#include "monitor/model/region.hpp"

namespace rf::monitor {

// Loads the register from a data directory laid out as the project's data/:
// regions/GV100AD_300918.ASC, regions/12411-15i.csv, regions/rvr_municipalities.csv.
// Errors name the file and line.
Result<RegionRegister> load_region_files(const std::string& data_dir);

// Parts of the loading, usable on their own (tests, other Gebietsstände).
Result<void> read_gv100ad(const std::string& path, RegionRegister& regions);
Result<void> read_nrw_municipalities(const std::string& path, RegionRegister& regions);
// data/regions/region_changes.csv: validity and successor of regions changed
// by reforms; a retired code missing from the register is added as historic.
Result<void> read_region_changes(const std::string& path, RegionRegister& regions);
Result<void> read_ruhr_members(const std::string& path, RegionRegister& regions);

}  // namespace rf::monitor
