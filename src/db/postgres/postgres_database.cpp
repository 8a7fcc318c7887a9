#include "db/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <list>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "db/sql_text.hpp"
#include "db/unavailable.hpp"

namespace rf::db {
namespace {

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// Type OIDs from pg_type.dat; they are fixed for built-in types.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr std::string_view kUniqueViolation = "23505";
// COPY data goes to the server in pieces of about this size: big enough to
// amortise the calls, small enough not to double the memory of a large load.
constexpr std::size_t kCopyChunkBytes = 1 << 20;

std::string without_trailing_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Throws for a failed command; a unique violation becomes ConstraintError.
[[noreturn]] void throw_result_error(PGconn* conn, const PGresult* result, std::string_view sql) {
  const char* text = result != nullptr ? PQresultErrorMessage(result) : "";
  if (*text == '\0') text = PQerrorMessage(conn);
  std::string message = "postgresql: " + without_trailing_newlines(text);
  if (!sql.empty()) {
    message += " (in: ";
    message += sql;
    message += ")";
  }
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr && state == kUniqueViolation) throw ConstraintError(message);
  // The server went away (restart, network): a retry later can succeed.
  if (conn != nullptr && PQstatus(conn) == CONNECTION_BAD) throw UnavailableError(message);
  throw Error(message);
}

// Takes ownership of `raw` and throws unless the command succeeded.
Result checked(PGconn* conn, PGresult* raw, std::string_view sql) {
  Result result(raw);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    throw_result_error(conn, result.get(), sql);
  }
  return result;
}

// Text parameters are C strings: a NUL byte would silently cut the value.
void reject_nul(const std::string& text) {
  if (text.find('\0') != std::string::npos) {
    throw Error("postgresql: text values cannot contain NUL bytes");
  }
}

std::optional<std::string> to_parameter(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::optional<std::string> {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Null>) {
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, std::string>) {
          reject_nul(v);
          return v;
        } else {
          return detail::format_number(v);
        }
      },
      value);
}

Value decode_bytea(const char* text) {
  std::size_t size = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
  if (bytes == nullptr) throw Error("postgresql: out of memory decoding bytea");
  std::string decoded(reinterpret_cast<const char*>(bytes), size);
  PQfreemem(bytes);
  return decoded;
}

// Maps the server's text output to the closest Value by column type, so
// callers see the same types as from SQLite (integers, doubles, text).
Value read_value(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return Null{};
  const char* text = PQgetvalue(result, row, column);
  const std::string_view view(text, PQgetlength(result, row, column));
  switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
      if (auto value = detail::parse_int64(view)) return *value;
      break;
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      if (auto value = detail::parse_double(view)) return *value;
      break;  // a numeric too large for a double stays text
    case kBoolOid: return std::int64_t{view == "t" ? 1 : 0};
    case kByteaOid: return decode_bytea(text);
    default: break;
  }
  return std::string(view);
}

}  // namespace

// One SQL text as the server knows it: the statement cache's entry, shared by the cache
// and every PostgresStatement of that text (see database.hpp).
struct PostgresDatabase::Prepared {
  std::string original;  // as the caller wrote it: the cache's key, and for error messages
  std::string sql;       // with $1, $2, …
  int parameter_count = 0;
  std::string name;       // the server-side name, unique for the connection's lifetime
  bool cached = false;    // in the cache; once out (evicted, invalidated) it runs unnamed
  bool prepared = false;  // exists on the server under `name` in the current session
};

// The connection's statements by SQL text, the most recently used first, at most
// kStatementCacheCapacity of them (entries still in use may exceed it briefly).
class PostgresDatabase::StatementCache {
 public:
  explicit StatementCache(PGconn*& conn) : conn_(conn) {}

  // The entry of `sql`, from the cache or made (not yet prepared: that waits for the first run).
  std::shared_ptr<Prepared> find_or_add(std::string_view sql) {
    if (const auto found = by_sql_.find(sql); found != by_sql_.end()) {
      lru_.splice(lru_.begin(), lru_, found->second);
      return *found->second;
    }
    auto entry = make_entry(sql);
    entry->cached = true;
    entry->name = "rf_s" + std::to_string(++names_);
    lru_.push_front(entry);
    by_sql_.emplace(entry->original, lru_.begin());
    if (lru_.size() > kStatementCacheCapacity) evict_one();
    return entry;
  }

  // An entry of a statement that is not cached (runs unnamed).
  static std::shared_ptr<Prepared> make_entry(std::string_view sql) {
    auto entry = std::make_shared<Prepared>();
    entry->original = std::string(sql);
    detail::RewrittenSql rewritten = detail::rewrite_placeholders(sql);
    entry->sql = std::move(rewritten.sql);
    entry->parameter_count = rewritten.parameter_count;
    return entry;
  }

  // PREPAREs a cached entry on the server, after sending the DEALLOCATEs that are due.
  void prepare(Prepared& entry) {
    deallocate_pending();
    checked(conn_, PQprepare(conn_, entry.name.c_str(), entry.sql.c_str(), entry.parameter_count, nullptr),
            entry.original);
    entry.prepared = true;
  }

  // Forgets every entry, as after DDL: statements still in use run unnamed from now on,
  // and the server drops the old ones (DEALLOCATE ALL) before the next PREPARE.
  void invalidate() {
    bool any_prepared = false;
    for (const auto& entry : lru_) {
      any_prepared = any_prepared || entry->prepared;
      entry->prepared = false;
      entry->cached = false;
    }
    by_sql_.clear();
    lru_.clear();
    deallocate_all_ = deallocate_all_ || any_prepared || !deallocate_.empty();
    deallocate_.clear();
  }

  // The session was replaced (reconnect): the server knows none of the names any more.
  void session_lost() {
    invalidate();
    deallocate_all_ = false;
  }

 private:
  // Drops the least recently used entry nobody uses (only the cache holds it).
  void evict_one() {
    for (auto it = std::prev(lru_.end());; --it) {
      if (it->use_count() == 1) {
        if ((*it)->prepared) deallocate_.push_back((*it)->name);
        by_sql_.erase((*it)->original);
        lru_.erase(it);
        return;
      }
      if (it == lru_.begin()) return;  // all in use: stay above the bound until some end
    }
  }

  // Runs the DEALLOCATEs that eviction and invalidation left. Not in a failed transaction:
  // the server refuses every command there (and the PREPARE that follows fails anyway).
  void deallocate_pending() {
    if (!deallocate_all_ && deallocate_.empty()) return;
    if (PQtransactionStatus(conn_) == PQTRANS_INERROR) return;
    std::string script;
    if (deallocate_all_) {
      script = "DEALLOCATE ALL";
    } else {
      for (const std::string& name : deallocate_) script += "DEALLOCATE " + name + ";";
    }
    checked(conn_, PQexec(conn_, script.c_str()), script);
    deallocate_all_ = false;
    deallocate_.clear();
  }

  PGconn*& conn_;
  std::list<std::shared_ptr<Prepared>> lru_;
  std::unordered_map<std::string_view, std::list<std::shared_ptr<Prepared>>::iterator> by_sql_;
  std::vector<std::string> deallocate_;  // evicted names the server still holds
  bool deallocate_all_ = false;
  std::uint64_t names_ = 0;
};

namespace {

class PostgresStatement : public Statement {
 public:
  // `changes_schema`: a statement that may change what cached statements mean (DDL, SET);
  // it empties the cache once it ran.
  PostgresStatement(PGconn* conn, PostgresDatabase& db, std::shared_ptr<PostgresDatabase::Prepared> entry,
                    bool changes_schema)
      : conn_(conn), db_(db), entry_(std::move(entry)), changes_schema_(changes_schema) {
    parameters_.resize(entry_->parameter_count);
  }

  Statement& bind(int index, const Value& value) override {
    if (index < 1 || static_cast<std::size_t>(index) > parameters_.size()) {
      throw Error("postgresql: parameter " + std::to_string(index) + " out of range, statement has " +
                  std::to_string(parameters_.size()) + " (in: " + entry_->original + ")");
    }
    parameters_[index - 1] = to_parameter(value);
    return *this;
  }

  std::optional<Row> step() override {
    if (!result_) run();
    if (next_row_ >= PQntuples(result_.get())) return std::nullopt;
    const int columns = PQnfields(result_.get());
    std::vector<Value> values;
    values.reserve(columns);
    for (int i = 0; i < columns; ++i) values.push_back(read_value(result_.get(), next_row_, i));
    ++next_row_;
    return Row(std::move(values));
  }

  std::int64_t execute() override {
    if (!result_) run();
    // libpq reports the row count of a SELECT too; SQLite's changes() does
    // not, and the interface promises rows *changed*.
    if (std::string_view(PQcmdStatus(result_.get())).starts_with("SELECT")) return 0;
    return detail::parse_int64(PQcmdTuples(result_.get())).value_or(0);
  }

  void reset() override {
    result_.reset();
    next_row_ = 0;
    for (auto& parameter : parameters_) parameter.reset();
  }

 private:
  void run() {
    std::vector<const char*> values(parameters_.size());
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      values[i] = parameters_[i] ? parameters_[i]->c_str() : nullptr;
    }
    const Prepared& entry = *entry_;
    const int count = static_cast<int>(values.size());
    if (entry.cached && !entry.prepared) db_.prepare_cached(*entry_);
    PGresult* raw = nullptr;
    if (entry.prepared) {
      // Text parameters, text results: one round trip, no parsing or planning afresh.
      raw = PQexecPrepared(conn_, entry.name.c_str(), count, values.data(), nullptr, nullptr, 0);
    } else {
      // The unnamed statement, parsed and planned for this run only.
      raw = PQexecParams(conn_, entry.sql.c_str(), count, nullptr, values.data(), nullptr, nullptr, 0);
    }
    if (changes_schema_) db_.schema_changed();
    result_ = checked(conn_, raw, entry.original);
  }

  using Prepared = PostgresDatabase::Prepared;
  PGconn* conn_;
  PostgresDatabase& db_;
  std::shared_ptr<Prepared> entry_;
  bool changes_schema_;
  std::vector<std::optional<std::string>> parameters_;
  Result result_;
  int next_row_ = 0;
};

// Appends one value in COPY's text format: \N is NULL, and backslash, tab,
// newline and carriage return are escaped so they cannot end a field or row.
void append_copy_field(std::string& out, const Value& value) {
  if (std::holds_alternative<Null>(value)) {
    out += "\\N";
  } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    out += detail::format_number(*integer);
  } else if (const auto* real = std::get_if<double>(&value)) {
    out += detail::format_number(*real);
  } else {
    const std::string& text = std::get<std::string>(value);
    reject_nul(text);
    for (const char c : text) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
    }
  }
}

class PostgresBulkInsert : public BulkInsert {
 public:
  PostgresBulkInsert(PGconn* conn, const std::string& copy_sql, std::size_t columns) : conn_(conn), columns_(columns) {
    Result result(PQexec(conn_, copy_sql.c_str()));
    if (!result || PQresultStatus(result.get()) != PGRES_COPY_IN) {
      throw_result_error(conn_, result.get(), copy_sql);
    }
    copying_ = true;
    buffer_.reserve(kCopyChunkBytes + kCopyChunkBytes / 4);
  }

  ~PostgresBulkInsert() override {
    // Abandoned (an exception, or finish() never called): end the COPY with
    // an error so the server discards the rows and the connection is usable.
    if (copying_) {
      PQputCopyEnd(conn_, "bulk insert abandoned by the client");
      drain_results();
    }
  }
  PostgresBulkInsert(const PostgresBulkInsert&) = delete;
  PostgresBulkInsert& operator=(const PostgresBulkInsert&) = delete;

  void add(const std::vector<Value>& row) override {
    if (!copying_) throw Error("bulk insert: add() after finish()");
    if (row.size() != columns_) {
      throw Error("bulk insert: row has " + std::to_string(row.size()) + " values, expected " +
                  std::to_string(columns_));
    }
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) buffer_ += '\t';
      append_copy_field(buffer_, row[i]);
    }
    buffer_ += '\n';
    if (buffer_.size() >= kCopyChunkBytes) flush();
  }

  void finish() override {
    if (!copying_) throw Error("bulk insert: finish() called twice");
    flush();
    copying_ = false;
    if (PQputCopyEnd(conn_, nullptr) != 1) {
      drain_results();
      throw_result_error(conn_, nullptr, "COPY … FROM STDIN");
    }
    Result failure = drain_results();
    if (failure) throw_result_error(conn_, failure.get(), "COPY … FROM STDIN");
  }

 private:
  void flush() {
    if (buffer_.empty()) return;
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
      throw_result_error(conn_, nullptr, "COPY … FROM STDIN");
    }
    buffer_.clear();
  }

  // Reads every pending result (libpq needs that before the next command)
  // and returns the first that is not a success, if any.
  Result drain_results() {
    Result failure;
    while (PGresult* raw = PQgetResult(conn_)) {
      Result result(raw);
      if (PQresultStatus(raw) != PGRES_COMMAND_OK && !failure) failure = std::move(result);
    }
    return failure;
  }

  PGconn* conn_;
  std::size_t columns_;
  std::string buffer_;
  bool copying_ = false;
};

}  // namespace

PostgresDatabase::PostgresDatabase(const std::string& url) : cache_(std::make_unique<StatementCache>(conn_)) {
  conn_ = PQconnectdb(url.c_str());
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string reason = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    throw UnavailableError("postgresql: cannot connect to " + detail::redact_url(url) + ": " +
                           without_trailing_newlines(reason));
  }
  try {
    configure_session();
  } catch (...) {
    PQfinish(conn_);
    throw;
  }
}

PostgresDatabase::~PostgresDatabase() { PQfinish(conn_); }

void PostgresDatabase::configure_session() {
  // NOTICEs ("table already exists, skipping", …) would go to stderr.
  exec_script("SET client_min_messages = warning");
}

std::unique_ptr<Statement> PostgresDatabase::prepare(std::string_view sql) {
  const detail::Classified what = detail::classify_statement(sql);
  if (what.kind == detail::StatementClass::data) {
    return std::make_unique<PostgresStatement>(conn_, *this, cache_->find_or_add(sql), false);
  }
  // Transaction control through prepare() is not tracked here: begin(), commit() and
  // rollback() go through exec_script().
  return std::make_unique<PostgresStatement>(conn_, *this, StatementCache::make_entry(sql),
                                             what.kind == detail::StatementClass::other);
}

void PostgresDatabase::prepare_cached(Prepared& entry) { cache_->prepare(entry); }

void PostgresDatabase::schema_changed() {
  cache_->invalidate();
  // Inside a transaction, the change may yet be rolled back: then the statements cached
  // meanwhile know a schema that no longer exists (see exec_script).
  if (PQtransactionStatus(conn_) != PQTRANS_IDLE) schema_changed_in_transaction_ = true;
}

void PostgresDatabase::exec_script(std::string_view sql) {
  const std::string script(sql);
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  // PostgreSQL answers COMMIT of a failed transaction with a silent ROLLBACK;
  // make that an error so a Transaction never reports success for lost work.
  if (script == "COMMIT" && status == PQTRANS_INERROR) {
    throw Error("postgresql: cannot commit: an earlier statement of the transaction failed");
  }
  // A transaction that a failed COMMIT already ended needs no ROLLBACK (and
  // the server would print a warning).
  if (script == "ROLLBACK" && status == PQTRANS_IDLE) return;
  const detail::Classified what = detail::classify_script(sql);
  if (what.kind != detail::StatementClass::transaction) {
    Result result(PQexec(conn_, script.c_str()));
    if (what.kind == detail::StatementClass::other) schema_changed();  // even when it failed half-way
    checked(conn_, result.release(), sql);
    return;
  }
  Result result(PQexec(conn_, script.c_str()));
  // A COMMIT the server refuses (a deferred constraint) rolls back as well.
  const bool failed = !result || PQresultStatus(result.get()) != PGRES_COMMAND_OK;
  if ((what.rollback || failed) && schema_changed_in_transaction_) cache_->invalidate();
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE) schema_changed_in_transaction_ = false;
  checked(conn_, result.release(), sql);
}

bool PostgresDatabase::ping() {
  auto answers = [this] {
    Result result(PQexec(conn_, "SELECT 1"));
    return result && PQresultStatus(result.get()) == PGRES_TUPLES_OK;
  };
  if (answers()) return true;
  if (PQstatus(conn_) == CONNECTION_OK) return false;  // connected, but failing (e.g. aborted tx)
  PQreset(conn_);
  cache_->session_lost();
  schema_changed_in_transaction_ = false;
  if (PQstatus(conn_) != CONNECTION_OK) return false;
  try {
    configure_session();
  } catch (const Error&) {
    return false;
  }
  return answers();
}

std::unique_ptr<BulkInsert> PostgresDatabase::bulk_insert(std::string_view table,
                                                          const std::vector<std::string>& columns) {
  detail::check_identifier(table);
  if (columns.empty()) throw Error("bulk insert into " + std::string(table) + ": no columns");
  std::string sql = "COPY " + std::string(table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    detail::check_identifier(columns[i]);
    sql += (i == 0 ? "" : ", ") + columns[i];
  }
  sql += ") FROM STDIN";
  return std::make_unique<PostgresBulkInsert>(conn_, sql, columns.size());
}

}  // namespace rf::db
