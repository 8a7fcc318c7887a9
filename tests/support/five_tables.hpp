// The five shipped tables the monitor's HTTP tests work on (school leavers,
// population, INKAR's indicator list and child care, a school list),
// imported once per program and database kind: each call returns a URL of a
// fresh copy (prepared_database_url). Header-only, so only tests that use it
// link the monitor.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/indicators.hpp"
#include "support/database_params.hpp"

namespace rf::test {

inline std::string five_tables_url(rf::db::Kind kind) {
  return prepared_database_url(kind, "five tables", [](const std::string& url) {
    const std::string data = RF_SOURCE_DIR + "/data/";
    auto db = db::open(url);
    db::migrate(*db, RF_SOURCE_DIR + "/migrations");
    monitor::ImportOptions options;
    for (const char* f : {"genesis/21111-02-06-4.csv", "genesis/12411-0018.csv", "inkar/inkar2024_indikatoren_meta.csv",
                          "inkar/inkar2024_kinderbetreuung_kreise_2006-2022.csv",
                          "schools/AS_BS_Verzeichnis_2024_25_mit_Sozialindex.csv"}) {
      options.files.push_back(data + f);
    }
    options.data_dir = data;
    options.progress = false;
    std::ostringstream out, err;
    if (monitor::run_import_command(options, *db, out, err) != 0) throw std::runtime_error(err.str());
    monitor::bump_statistics_version(*db);
  });
}

}  // namespace rf::test
