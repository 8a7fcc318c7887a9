#include "db/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <optional>
#include <string>
#include <type_traits>
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

class PostgresStatement : public Statement {
 public:
  PostgresStatement(PGconn* conn, std::string_view sql) : conn_(conn), original_sql_(sql) {
    detail::RewrittenSql rewritten = detail::rewrite_placeholders(sql);
    sql_ = std::move(rewritten.sql);
    parameters_.resize(rewritten.parameter_count);
  }

  Statement& bind(int index, const Value& value) override {
    if (index < 1 || static_cast<std::size_t>(index) > parameters_.size()) {
      throw Error("postgresql: parameter " + std::to_string(index) + " out of range, statement has " +
                  std::to_string(parameters_.size()) + " (in: " + original_sql_ + ")");
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
    // Unnamed statement, text parameters, text results: one round trip.
    PGresult* raw =
        PQexecParams(conn_, sql_.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    result_ = checked(conn_, raw, original_sql_);
  }

  PGconn* conn_;
  std::string original_sql_;
  std::string sql_;
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

PostgresDatabase::PostgresDatabase(const std::string& url) {
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
  return std::make_unique<PostgresStatement>(conn_, sql);
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
  checked(conn_, PQexec(conn_, script.c_str()), sql);
}

bool PostgresDatabase::ping() {
  auto answers = [this] {
    Result result(PQexec(conn_, "SELECT 1"));
    return result && PQresultStatus(result.get()) == PGRES_TUPLES_OK;
  };
  if (answers()) return true;
  if (PQstatus(conn_) == CONNECTION_OK) return false;  // connected, but failing (e.g. aborted tx)
  PQreset(conn_);
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
