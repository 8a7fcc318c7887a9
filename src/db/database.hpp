// The one storage interface with two drivers (SQLite, PostgreSQL).
// SQL uses '?' placeholders; the PostgreSQL driver rewrites them to $1, $2, ….
// A Database is one connection: use it from one thread at a time (see Pool).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rf::db {

// A bound parameter or a column value.
struct Null {};
using Value = std::variant<Null, std::int64_t, double, std::string>;

enum class Kind { sqlite, postgresql };
std::string_view kind_name(Kind kind);  // "sqlite" / "postgresql"

// Thrown for database errors (I/O, constraint violations, bad SQL).
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// Thrown when a UNIQUE or PRIMARY KEY constraint rejects a write.
class ConstraintError : public Error {
 public:
  using Error::Error;
};

// One result row; columns by index (0-based).
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  bool is_null(std::size_t i) const { return std::holds_alternative<Null>(values_.at(i)); }
  std::int64_t integer(std::size_t i) const;  // 0 for NULL
  double real(std::size_t i) const;           // 0 for NULL
  std::string text(std::size_t i) const;      // "" for NULL
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  std::optional<double> opt_real(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  const Value& value(std::size_t i) const { return values_.at(i); }
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
};

// The statement cache. Each connection keeps what it prepared, keyed by the exact SQL
// text, so that code which runs the same SQL again (every page, every insert) pays for
// parsing and planning once per connection instead of once per call: profiles showed
// preparing at a fifth of the server's CPU. Nothing changes for callers; what holds:
//  - prepare() of an SQL text seen before hands out the cached statement; a Statement
//    ending (destroyed) gives it back, reset and with its bindings cleared. SQLite: a
//    second Statement of the same SQL while the first is alive gets its own sqlite3_stmt
//    (each has its own cursor). PostgreSQL: both run the one server-side statement
//    (results arrive whole, so they cannot interfere).
//  - At most kStatementCacheCapacity statements per connection are kept; beyond that the
//    least recently used idle one is finalised (SQLite) or DEALLOCATEd (PostgreSQL).
//  - Only SELECT, INSERT, UPDATE, DELETE, WITH and VALUES are cached. Any other statement
//    (CREATE, ALTER, DROP, SET, …) and every exec_script() except transaction control
//    (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) may change what a cached statement
//    means, so on PostgreSQL it empties the cache (else: "cached plan must not change
//    result type"); so does a ROLLBACK of a transaction that ran such a statement, and a
//    reconnect (ping()), whose new session has none of the old statements. SQLite
//    re-prepares its statements itself when the schema changes.
//  - A Statement must not outlive the Database that prepared it (it returns itself into
//    that connection's cache); ASan reports a use after free when one does.
// Statements prepared inside a transaction stay valid after its rollback.
inline constexpr std::size_t kStatementCacheCapacity = 256;

// A prepared statement; bind, then step() through rows or execute().
class Statement {
 public:
  virtual ~Statement() = default;
  // Binds parameters by position (1-based, like both drivers' C APIs).
  virtual Statement& bind(int index, const Value& value) = 0;
  Statement& bind_all(const std::vector<Value>& values);
  // Next row, or nullopt when done. The first call executes the statement.
  virtual std::optional<Row> step() = 0;
  // Runs to completion; returns the number of rows changed.
  virtual std::int64_t execute() = 0;
  // Clears bindings and results so the statement can run again.
  virtual void reset() = 0;
};

// Streams many rows into one table, much faster than one INSERT per row
// (PostgreSQL: COPY FROM STDIN; SQLite: one reused prepared INSERT). Run it
// inside a Transaction; nothing else may use the connection until finish().
class BulkInsert {
 public:
  virtual ~BulkInsert() = default;  // without finish(): abandons the load
  // One value per column, in the order given to bulk_insert().
  virtual void add(const std::vector<Value>& row) = 0;
  // Sends what is buffered and checks that the server accepted every row.
  virtual void finish() = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Kind kind() const = 0;
  virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
  // Runs one or more statements without parameters (DDL, migrations).
  virtual void exec_script(std::string_view sql) = 0;
  // True when the server answers (for /healthz).
  virtual bool ping() = 0;
  // Loads rows into `table` (plain identifiers only: letters, digits, '_', '.').
  virtual std::unique_ptr<BulkInsert> bulk_insert(std::string_view table, const std::vector<std::string>& columns) = 0;

  // Convenience: prepare, bind, run.
  std::int64_t execute(std::string_view sql, const std::vector<Value>& params = {});
  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params = {});
  std::optional<Row> query_one(std::string_view sql, const std::vector<Value>& params = {});
  // Inserts and returns the new row's id: appends "RETURNING id" for both drivers.
  std::int64_t insert(std::string_view sql, const std::vector<Value>& params = {});

  // A transaction on this connection (see Transaction); a driver may add to them.
  virtual void begin();
  virtual void commit();
  virtual void rollback();

 private:
  friend class Transaction;
  int transaction_depth_ = 0;  // Transactions open on this connection
};

// Rolls back unless commit() was called. Inside another Transaction on the
// same connection it is a savepoint: its commit keeps its work for the outer
// one to commit, its rollback undoes only its own work (Pool::write runs
// several callers' transactions inside one).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// Opens "sqlite:PATH", "sqlite::memory:" or "postgresql://…" / "postgres://…".
// Throws Error with a readable message for unknown schemes or failed connects.
std::unique_ptr<Database> open(std::string_view url);

}  // namespace rf::db
