#include "db/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "db/sql_text.hpp"

namespace rf::db {
namespace {

std::string error_message(sqlite3* db, int code, std::string_view sql) {
  std::string message = "sqlite: ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  if (!sql.empty()) {
    message += " (in: ";
    message += sql;
    message += ")";
  }
  return message;
}

// Throws the exception that fits an SQLite result code: unique and
// primary-key violations become ConstraintError so callers can react (e.g.
// "e-mail already registered"); everything else is a plain Error.
[[noreturn]] void raise(int code, std::string message) {
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    throw ConstraintError(message);
  }
  throw Error(message);
}

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view sql) {
  raise(code, error_message(db, code, sql));
}

// True when [begin, end) holds more than blanks, ';' and comments.
bool has_statement(sqlite3* db, const char* begin, const char* end) {
  while (begin < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v3(db, begin, static_cast<int>(end - begin), 0, &stmt, &tail) != SQLITE_OK) {
      return true;
    }
    if (stmt != nullptr) {
      sqlite3_finalize(stmt);
      return true;
    }
    if (tail == begin) return false;
    begin = tail;
  }
  return false;
}

}  // namespace

// The idle statements of one connection (see database.hpp), by SQL text, the most
// recently used first. A statement in use is not here: its SqliteStatement owns it.
class SqliteDatabase::StatementCache {
 public:
  struct Idle {
    std::string sql;
    sqlite3_stmt* stmt = nullptr;
  };

  StatementCache() = default;
  ~StatementCache() { clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The idle statement of `sql`, taken out of the cache; stmt is null when there is none.
  Idle take(std::string_view sql) {
    const auto found = by_sql_.find(sql);
    if (found == by_sql_.end()) return {};
    const auto entry = found->second;
    by_sql_.erase(found);
    Idle idle = std::move(*entry);
    lru_.erase(entry);
    return idle;
  }

  // Takes back a statement that was reset and had its bindings cleared. A second one of
  // the same SQL (two were in use at once) is finalised: one idle statement per SQL suffices.
  void give_back(std::string sql, sqlite3_stmt* stmt) {
    if (by_sql_.contains(sql)) {
      sqlite3_finalize(stmt);
      return;
    }
    lru_.push_front(Idle{std::move(sql), stmt});
    by_sql_.emplace(lru_.front().sql, lru_.begin());  // the key views the node's string, which never moves
    if (lru_.size() > kStatementCacheCapacity) {
      by_sql_.erase(lru_.back().sql);
      sqlite3_finalize(lru_.back().stmt);
      lru_.pop_back();
    }
  }

  void clear() {
    by_sql_.clear();
    for (Idle& idle : lru_) sqlite3_finalize(idle.stmt);
    lru_.clear();
  }

 private:
  std::list<Idle> lru_;
  std::unordered_map<std::string_view, std::list<Idle>::iterator> by_sql_;
};

namespace {

class SqliteStatement : public Statement {
 public:
  // With a cache, the statement goes back into it when this object ends; without, it is finalised.
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::string sql, SqliteDatabase::StatementCache* cache)
      : db_(db), stmt_(stmt), sql_(std::move(sql)), cache_(cache) {}
  ~SqliteStatement() override {
    if (cache_ == nullptr) {
      sqlite3_finalize(stmt_);
      return;
    }
    // Reset also ends a read the caller left half-way (query_one), releasing its lock.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    cache_->give_back(std::move(sql_), stmt_);
  }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  Statement& bind(int index, const Value& value) override {
    const int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Null>) {
            return sqlite3_bind_null(stmt_, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt_, index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt_, index, v);
          } else {
            return sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
          }
        },
        value);
    if (rc != SQLITE_OK) throw_error(db_, rc, sql_);
    return *this;
  }

  std::optional<Row> step() override {
    // After SQLITE_DONE another sqlite3_step() would silently run the
    // statement again; the interface promises nullopt until reset().
    if (done_) return std::nullopt;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return read_row();
    done_ = true;
    if (rc == SQLITE_DONE) return std::nullopt;
    // Take the message first: reset() makes the statement reusable but may
    // replace the connection's error text.
    std::string message = error_message(db_, rc, sql_);
    sqlite3_reset(stmt_);
    raise(rc, std::move(message));
  }

  std::int64_t execute() override {
    while (step()) {
    }
    return sqlite3_stmt_readonly(stmt_) ? 0 : sqlite3_changes64(db_);
  }

  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    done_ = false;
  }

 private:
  Row read_row() {
    const int columns = sqlite3_column_count(stmt_);
    std::vector<Value> values;
    values.reserve(columns);
    for (int i = 0; i < columns; ++i) values.push_back(read_column(i));
    return Row(std::move(values));
  }

  Value read_column(int i) {
    switch (sqlite3_column_type(stmt_, i)) {
      case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(stmt_, i));
      case SQLITE_FLOAT: return sqlite3_column_double(stmt_, i);
      case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
        return std::string(text, sqlite3_column_bytes(stmt_, i));
      }
      case SQLITE_BLOB: {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, i));
        const int size = sqlite3_column_bytes(stmt_, i);
        return data == nullptr ? std::string() : std::string(data, size);
      }
      default: return Null{};
    }
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
  SqliteDatabase::StatementCache* cache_;
  bool done_ = false;
};

// One prepared INSERT run once per row. SQLite has no faster bulk path than
// this inside a single transaction, which the caller holds.
class SqliteBulkInsert : public BulkInsert {
 public:
  SqliteBulkInsert(std::unique_ptr<Statement> insert, std::size_t columns)
      : insert_(std::move(insert)), columns_(columns) {}

  void add(const std::vector<Value>& row) override {
    if (!insert_) throw Error("bulk insert: add() after finish()");
    if (row.size() != columns_) {
      throw Error("bulk insert: row has " + std::to_string(row.size()) + " values, expected " +
                  std::to_string(columns_));
    }
    insert_->reset();
    insert_->bind_all(row).execute();
  }

  void finish() override { insert_.reset(); }

 private:
  std::unique_ptr<Statement> insert_;
  std::size_t columns_;
};

}  // namespace

namespace {

constexpr int kBusyTimeoutMs = 5000;

// One mutex per database file for the writers of this process (see begin()).
std::shared_ptr<std::timed_mutex> writers_of(const std::string& path) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::weak_ptr<std::timed_mutex>> registry;
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) key = path;
  std::lock_guard lock(registry_mutex);
  auto& slot = registry[key];
  auto writers = slot.lock();
  if (!writers) slot = writers = std::make_shared<std::timed_mutex>();
  return writers;
}

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path) : cache_(std::make_unique<StatementCache>()) {
  const bool in_memory = path == ":memory:";
  if (!in_memory) writers_ = writers_of(path);
  if (!in_memory) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      throw Error("sqlite: cannot create directory " + parent.string() + ": " + ec.message());
    }
  }
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message =
        "sqlite: cannot open " + path + ": " + (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    throw Error(message);
  }
  try {
    configure(in_memory);
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

namespace {

// Copies database `from` into `to` in one step: the source is read under one read
// transaction (a consistent snapshot; in WAL mode writers go on meanwhile).
void copy_database(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) throw Error("sqlite: " + what + ": " + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  // A writer holding the lock briefly makes a step return BUSY/LOCKED: try again.
  for (int attempt = 0; attempt < 200; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw Error("sqlite: " + what + ": " + sqlite3_errstr(rc));
}

// A plain connection to a backup file (no WAL: the copy is one self-contained file).
sqlite3* open_file(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = "sqlite: cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    throw Error(message);
  }
  sqlite3_busy_timeout(db, 10000);
  return db;
}

}  // namespace

void SqliteDatabase::copy_to(const std::string& path) {
  std::filesystem::remove(path);
  sqlite3* file = open_file(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  try {
    copy_database(db_, file, "backup to " + path);
  } catch (...) {
    sqlite3_close(file);
    throw;
  }
  sqlite3_close(file);
}

void SqliteDatabase::copy_from(const std::string& path) {
  sqlite3* file = open_file(path, SQLITE_OPEN_READONLY);
  try {
    copy_database(file, db_, "restore from " + path);
  } catch (...) {
    sqlite3_close(file);
    throw;
  }
  sqlite3_close(file);
}

SqliteDatabase::~SqliteDatabase() {
  release_writers();  // closing ends an open transaction
  cache_->clear();
  // close_v2 waits for statements still alive (a caller's bug, but not one
  // worth a leak or a crash) and closes when the last is finalized.
  sqlite3_close_v2(db_);
}

void SqliteDatabase::configure(bool in_memory) {
  sqlite3_extended_result_codes(db_, 1);
  // Waits instead of failing when another connection holds the write lock.
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  if (!in_memory) {
    // WAL lets readers run while one writer writes; it is a property of the
    // file, so the result tells whether it took (e.g. not on some network FS).
    auto row = query_one("PRAGMA journal_mode=WAL");
    if (!row || row->text(0) != "wal") {
      throw Error("sqlite: could not switch to WAL journal mode (got '" + (row ? row->text(0) : std::string()) + "')");
    }
  }
  // In WAL mode NORMAL is durable except for the last commits on power loss,
  // and much faster than FULL.
  // The committing request copies the WAL into the database once it holds this many
  // pages (16 MB; SQLite's default is 1,000). Small write transactions touch the same
  // pages again and again (an index's inner pages, a counter row): the longer interval
  // copies each of them once for four times as many commits, with a quarter of the
  // fsyncs (bench/survey.sh: checkpoints took a tenth of the server's CPU).
  exec_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=4000;");
}

// SQLite has one writer per file. A second BEGIN IMMEDIATE waits in the busy
// handler, which sleeps 1, 2, 5, 10 ... ms between attempts, while a web
// request's transaction holds the lock for a few hundred microseconds; every
// connection served by the waiting thread waits with it (bench/survey.sh: the
// server used one of its two cores). So the writers of this process queue on a
// mutex first and take the file's lock the moment the previous one ends.
// Writers in other processes (the CLI beside a server) still meet the busy
// timeout; a mutex not free within that timeout is reported like SQLite's own
// "database is locked".
void SqliteDatabase::begin() {
  const bool queue = writers_ && !writing_;  // (a second BEGIN on this connection fails below)
  if (queue) {
    if (!writers_->try_lock_for(std::chrono::milliseconds(kBusyTimeoutMs)))
      throw Error("sqlite: BEGIN IMMEDIATE: database is locked (another transaction of this process held it for " +
                  std::to_string(kBusyTimeoutMs / 1000) + " s)");
    writing_ = true;
  }
  try {
    // IMMEDIATE takes the write lock up front: two deferred transactions that
    // both read and then write would deadlock on the upgrade, and the busy
    // timeout cannot resolve that; waiting at BEGIN can.
    exec_script("BEGIN IMMEDIATE");
  } catch (...) {
    if (queue) release_writers();
    throw;
  }
}

void SqliteDatabase::commit() {
  // A failed COMMIT leaves the transaction open; the rollback releases then.
  exec_script("COMMIT");
  release_writers();
}

void SqliteDatabase::rollback() {
  try {
    exec_script("ROLLBACK");
  } catch (...) {
    release_writers();
    throw;
  }
  release_writers();
}

void SqliteDatabase::release_writers() {
  if (writing_) writers_->unlock();
  writing_ = false;
}

std::unique_ptr<Statement> SqliteDatabase::prepare(std::string_view sql) {
  const bool cacheable = detail::classify_statement(sql).kind == detail::StatementClass::data;
  if (cacheable) {
    StatementCache::Idle idle = cache_->take(sql);
    if (idle.stmt != nullptr) {
      return std::make_unique<SqliteStatement>(db_, idle.stmt, std::move(idle.sql), cache_.get());
    }
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const unsigned flags = cacheable ? SQLITE_PREPARE_PERSISTENT : 0;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), flags, &stmt, &tail);
  if (rc != SQLITE_OK) throw_error(db_, rc, sql);
  if (stmt == nullptr) throw Error("sqlite: empty statement");
  // SQLite would silently ignore a second statement; PostgreSQL rejects it.
  // Reject it here too so code tested on SQLite behaves the same on PostgreSQL.
  if (has_statement(db_, tail, sql.data() + sql.size())) {
    sqlite3_finalize(stmt);
    throw Error("sqlite: prepare() takes one statement; use exec_script() for several (in: " + std::string(sql) + ")");
  }
  return std::make_unique<SqliteStatement>(db_, stmt, std::string(sql), cacheable ? cache_.get() : nullptr);
}

void SqliteDatabase::exec_script(std::string_view sql) {
  const std::string script(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // sqlite3_errmsg() still holds the same text
  if (rc != SQLITE_OK) throw_error(db_, sqlite3_extended_errcode(db_), sql);
}

bool SqliteDatabase::ping() { return sqlite3_exec(db_, "SELECT 1", nullptr, nullptr, nullptr) == SQLITE_OK; }

std::unique_ptr<BulkInsert> SqliteDatabase::bulk_insert(std::string_view table,
                                                        const std::vector<std::string>& columns) {
  detail::check_identifier(table);
  if (columns.empty()) throw Error("bulk insert into " + std::string(table) + ": no columns");
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  std::string placeholders;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    detail::check_identifier(columns[i]);
    sql += (i == 0 ? "" : ", ") + columns[i];
    placeholders += i == 0 ? "?" : ", ?";
  }
  sql += ") VALUES (" + placeholders + ")";
  return std::make_unique<SqliteBulkInsert>(prepare(sql), columns.size());
}

}  // namespace rf::db
