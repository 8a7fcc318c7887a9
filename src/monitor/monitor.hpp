// The monitor module as the program (src/app) sees it: its routes and its
// two commands. Other modules use monitor/indicators.hpp instead; everything
// in the sub-rooms below is the module's own business:
//
//   model/      observations, periods, the region register, a parsed table
//   store/      the statistics, datasets and goals in the database
//   import/     statistics and region files (GENESIS, INKAR, school lists,
//               GV100AD) -> model, `ruhrfutur import`, the shipped statistics
//   engine/     indicator catalogue, expressions, cube, aggregation, trend
//   open_data/  /api/v1/: JSON, OpenAPI, CSV/XLSX/SDMX/data package downloads
//   pages/      the /monitor and /daten pages
//
// Dependencies point one way, down this list: a room includes only rooms
// above it (import/ and engine/ do not know each other), plus the two
// public headers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "web/web.hpp"

namespace rf::db {
class Database;
}

namespace rf::monitor {

// A figure of the built education report (from its codes.json), as an
// import's update report names it.
struct ReportFigure {
  std::string code;   // five-digit web code
  std::string title;  // the figure's title
  std::string place;  // "Kapitel 3 Allgemeinbildende Schulen", "Profil Bochum"
  std::string url;    // "/bericht/kapitel/03-….html#abb-ohne-abschluss"
};
// The figures of the built report that read any of the given indicators
// (ids), in the report's order; nullopt when no report is built. The report
// module depends on the monitor, so the monitor cannot ask it: the app
// supplies this (for `import --report` and the import page).
using ReportFigureLookup =
    std::function<std::optional<std::vector<ReportFigure>>(const std::vector<std::string>& indicator_ids)>;

// Every monitor route: the statistics import and dataset pages (/daten/…),
// the /monitor pages and the open-data API under /api/v1/. The import page's
// update report names the report's figures through `report_figures`
// (without it: "no report built").
void register_routes(http::Router& router, web::Services& services, ReportFigureLookup report_figures = {});

// `ruhrfutur import [--dry-run] [--encoding E] [--max-size BYTES]
// [--strict-regions] [--sheet NAME] FILE…` as the command line gives it.
struct ImportCommandLine {
  std::vector<std::string> files;
  bool dry_run = false;
  std::string encoding;                        // "" or "auto": detected per file
  std::optional<std::uint64_t> max_file_size;  // default: 4 GiB
  bool strict_regions = false;                 // unknown region codes are errors
  std::string sheet;                           // --sheet NAME of XLSX workbooks
  bool report = false;                         // --report: new periods, revised values, goals
  ReportFigureLookup report_figures;           // --report: the report's figures an indicator is in
};

// Runs `ruhrfutur import` on the database at `database_url`; migrations and
// the region register come from `root` (migrations/, data/). Returns the exit
// code: 0 success, 1 nothing was stored, 2 usage error.
int run_import_command(const ImportCommandLine& command, const std::string& database_url,
                       const std::filesystem::path& root);

// `ruhrfutur demo`: imports the statistics shipped in `root`/data (see
// data/README.md) in one transaction unless statistics were imported before,
// then bumps the statistics version. Returns an exit code (0 also when there
// was nothing to do); progress and errors go to the streams.
int import_shipped_statistics(db::Database& db, const std::filesystem::path& root, std::ostream& out,
                              std::ostream& err);

}  // namespace rf::monitor
