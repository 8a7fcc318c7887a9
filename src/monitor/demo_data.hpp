// The statistics shipped in data/ (see data/README.md), imported by
// `ruhrfutur demo` so that the monitor has real figures from the start.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace rf::db {
class Database;
}

namespace rf::monitor {

// The shipped statistics files under `root`/data, in import order (INKAR
// definitions first, so that INKAR series get their names).
std::vector<std::string> shipped_statistics_files(const std::filesystem::path& root);

// Imports the shipped files in one transaction unless statistics were
// imported before, then bumps the statistics version. Returns an exit code
// (0 also when there was nothing to do); progress and errors go to the streams.
int import_shipped_statistics(db::Database& db, const std::filesystem::path& root,
                              std::ostream& out, std::ostream& err);

}  // namespace rf::monitor
