// Web pages for official statistics:
//   /daten/import      upload of statistics files, dry run ("Probelauf"),
//                      then import (role data_steward; admin implies it)
//   /daten/importe     the import log with provenance (data stewards)
//   /daten/datensaetze, /daten/datensaetze/{code}[.csv|.xlsx]
//                      the dataset browser and downloads (public: official
//                      statistics are open data)
//
// An upload is kept under <var_dir>/uploads/<sha256>/<file name> between the
// dry run and the import; the second step names it only by its hash, so the
// client never supplies a path.
#pragma once

#include "http/router.hpp"
#include "monitor/monitor.hpp"
#include "web/web.hpp"

namespace rf::monitor {

// `report_figures` names the report's figures in the update report of a dry
// run or import (without it the page says no report is built).
void register_import_routes(http::Router& router, web::Services& services, ReportFigureLookup report_figures = {});

// The dataset browser and its downloads (dataset_pages.cpp); called by
// register_import_routes.
void register_dataset_routes(http::Router& router, web::Services& services);

}  // namespace rf::monitor
