// A SQLite database with the region register and every statistics table the
// repository ships (what `ruhrfutur demo` imports), for tests that build the
// demo report. Importing it takes ~25 s in the sanitizer build, so a test run
// pays it once: the CTest fixture e2e.demo (tests/e2e/demo_fixture.js) writes
// the demo database of the run, and a test whose CTest entry requires that
// fixture (rf_uses_e2e_demo in tests/CMakeLists.txt) gets RF_E2E_DEMO and
// copies it. Run by hand without it, the program imports the tables itself.
// Header-only, so only tests that use it link the monitor.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "db/database.hpp"
#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/monitor.hpp"

namespace rf::test {

// The SQLite URL of such a database at `dir`/statistics.db. Fails the calling
// test (ASSERT_…) when the import fails; call it with ASSERT_NO_FATAL_FAILURE.
inline void shipped_statistics_database(const std::filesystem::path& dir, std::string* url) {
  namespace fs = std::filesystem;
  const fs::path file = dir / "statistics.db";
  *url = "sqlite:" + file.string();
  const char* shared = std::getenv("RF_E2E_DEMO");
  if (shared && fs::exists(fs::path(shared) / "ready")) {
    // The fixture is finished and nobody writes to it any more: the file and its WAL are the database.
    fs::copy_file(fs::path(shared) / "demo.db", file);
    if (fs::exists(fs::path(shared) / "demo.db-wal"))
      fs::copy_file(fs::path(shared) / "demo.db-wal", dir / "statistics.db-wal");
    return;
  }
  auto db = db::open(*url);
  db::migrate(*db, RF_SOURCE_DIR + "/migrations");
  ASSERT_EQ(monitor::load_region_register(*db, RF_SOURCE_DIR + "/data"), 0);
  std::ostringstream out, err;
  ASSERT_EQ(monitor::import_shipped_statistics(*db, RF_SOURCE_DIR, out, err), 0) << err.str();
}

}  // namespace rf::test
