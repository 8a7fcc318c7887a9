// The PostgreSQL driver: one libpq connection. Parameters travel as text,
// results come back typed by column type (integers, floats, text). Statements
// are named server-side prepared statements, cached per connection (database.hpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

struct pg_conn;

namespace rf::db {

class PostgresDatabase : public Database {
 public:
  // Connects to a postgresql:// URL; throws Error (password redacted) on failure.
  explicit PostgresDatabase(const std::string& url);
  ~PostgresDatabase() override;
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  Kind kind() const override { return Kind::postgresql; }
  std::unique_ptr<Statement> prepare(std::string_view sql) override;
  void exec_script(std::string_view sql) override;
  // SELECT 1; after a lost connection, one reconnect attempt.
  bool ping() override;
  std::unique_ptr<BulkInsert> bulk_insert(std::string_view table, const std::vector<std::string>& columns) override;

  struct Prepared;       // one SQL text of the statement cache (see database.hpp)
  class StatementCache;  // the connection's Prepared, least recently used first
  void prepare_cached(Prepared& entry);
  // After a statement that may change the schema: forgets the cached statements.
  void schema_changed();

 private:
  void configure_session();
  pg_conn* conn_ = nullptr;
  std::unique_ptr<StatementCache> cache_;
  bool schema_changed_in_transaction_ = false;
};

}  // namespace rf::db
