// The import log: the provenance record (table imports, migration 0010) that
// every import writes (StoreSink, statistics_store.hpp), read back newest
// first for /daten/importe. Runs in the caller's transaction (if any).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rf::db {
class Database;
}

namespace rf::monitor {

struct ImportRecord {
  std::int64_t id = 0;
  std::string file_name, sha256, format, encoding, table_code, publisher, licence;
  std::string stand;             // ISO date as the file states it, or ""
  std::string imported_by;       // who imported (on the web: the user's e-mail)
  std::int64_t imported_at = 0;  // Unix seconds
  std::int64_t cells = 0;
  std::string markers;  // JSON object marker → count
  std::int64_t bytes = 0;
};

std::int64_t count_imports(db::Database& db);
// `limit` records from `offset`, newest first.
std::vector<ImportRecord> list_imports(db::Database& db, std::int64_t limit, std::int64_t offset);

}  // namespace rf::monitor
