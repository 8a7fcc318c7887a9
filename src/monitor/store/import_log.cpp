#include "monitor/store/import_log.hpp"

#include "db/database.hpp"

namespace rf::monitor {

std::int64_t count_imports(db::Database& db) { return db.query_one("SELECT COUNT(*) FROM imports")->integer(0); }

std::vector<ImportRecord> list_imports(db::Database& db, std::int64_t limit, std::int64_t offset) {
  std::vector<ImportRecord> out;
  for (const auto& r :
       db.query("SELECT id, file_name, sha256, format, encoding, table_code, publisher, licence, stand, "
                "imported_by, imported_at, cells, markers, bytes FROM imports ORDER BY imported_at DESC, id DESC "
                "LIMIT ? OFFSET ?",
                {limit, offset})) {
    ImportRecord i;
    i.id = r.integer(0);
    i.file_name = r.text(1);
    i.sha256 = r.text(2);
    i.format = r.text(3);
    i.encoding = r.text(4);
    i.table_code = r.text(5);
    i.publisher = r.text(6);
    i.licence = r.text(7);
    i.stand = r.text(8);
    i.imported_by = r.text(9);
    i.imported_at = r.integer(10);
    i.cells = r.integer(11);
    i.markers = r.text(12);
    i.bytes = r.integer(13);
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace rf::monitor
