// The SQLite driver: one sqlite3 connection, in WAL mode with foreign keys on, and its
// statement cache (database.hpp).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

struct sqlite3;

namespace rf::db {

class SqliteDatabase : public Database {
 public:
  // Opens (creating file and parent directories) PATH, or ":memory:".
  explicit SqliteDatabase(const std::string& path);
  ~SqliteDatabase() override;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Kind kind() const override { return Kind::sqlite; }
  std::unique_ptr<Statement> prepare(std::string_view sql) override;
  void exec_script(std::string_view sql) override;
  bool ping() override;
  std::unique_ptr<BulkInsert> bulk_insert(std::string_view table, const std::vector<std::string>& columns) override;
  void begin() override;
  void commit() override;
  void rollback() override;

  // The online backup API: this database into the file `path` (replaced), or the
  // database in the file `path` over this one (see backup_sqlite in database.hpp).
  void copy_to(const std::string& path);
  void copy_from(const std::string& path);

  class StatementCache;  // idle prepared statements (see database.hpp)

 private:
  void configure(bool in_memory);
  void release_writers();  // gives the writers' mutex back if held
  std::unique_ptr<StatementCache> cache_;
  sqlite3* db_ = nullptr;
  // The file's writers in this process take turns here (see begin()).
  std::shared_ptr<std::timed_mutex> writers_;
  bool writing_ = false;
};

}  // namespace rf::db
