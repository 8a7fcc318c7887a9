#include "db/database.hpp"

#include <cmath>

#include "db/backup.hpp"
#include "db/postgres/postgres_database.hpp"
#include "db/sql_text.hpp"
#include "db/sqlite/sqlite_database.hpp"

namespace rf::db {
namespace {

// Overload set for std::visit.
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

std::int64_t to_integer(double value) {
  // The exclusive upper bound 2^63 is exactly representable; INT64_MAX is not.
  if (!std::isfinite(value) || value < -9223372036854775808.0 || value >= 9223372036854775808.0) {
    throw Error("value " + detail::format_number(value) + " does not fit a 64-bit integer");
  }
  return static_cast<std::int64_t>(value);  // truncates like SQL CAST
}

// "SELECT …;  " → "SELECT …" so a RETURNING clause can follow.
std::string_view trim_statement_end(std::string_view sql) {
  while (!sql.empty() &&
         (sql.back() == ';' || sql.back() == ' ' || sql.back() == '\n' || sql.back() == '\t' || sql.back() == '\r')) {
    sql.remove_suffix(1);
  }
  return sql;
}

}  // namespace

std::string_view kind_name(Kind kind) { return kind == Kind::sqlite ? "sqlite" : "postgresql"; }

std::int64_t Row::integer(std::size_t i) const {
  return std::visit(Overloaded{
                        [](Null) -> std::int64_t { return 0; },
                        [](std::int64_t v) { return v; },
                        [](double v) { return to_integer(v); },
                        [](const std::string& v) {
                          if (auto parsed = detail::parse_int64(v)) return *parsed;
                          throw Error("column value is not an integer: '" + v + "'");
                        },
                    },
                    values_.at(i));
}

double Row::real(std::size_t i) const {
  return std::visit(Overloaded{
                        [](Null) { return 0.0; },
                        [](std::int64_t v) { return static_cast<double>(v); },
                        [](double v) { return v; },
                        [](const std::string& v) {
                          if (auto parsed = detail::parse_double(v)) return *parsed;
                          throw Error("column value is not a number: '" + v + "'");
                        },
                    },
                    values_.at(i));
}

std::string Row::text(std::size_t i) const {
  return std::visit(Overloaded{
                        [](Null) { return std::string(); },
                        [](std::int64_t v) { return detail::format_number(v); },
                        [](double v) { return detail::format_number(v); },
                        [](const std::string& v) { return v; },
                    },
                    values_.at(i));
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<double> Row::opt_real(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return real(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

Statement& Statement::bind_all(const std::vector<Value>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
  return *this;
}

std::int64_t Database::execute(std::string_view sql, const std::vector<Value>& params) {
  return prepare(sql)->bind_all(params).execute();
}

std::vector<Row> Database::query(std::string_view sql, const std::vector<Value>& params) {
  auto statement = prepare(sql);
  statement->bind_all(params);
  std::vector<Row> rows;
  while (auto row = statement->step()) rows.push_back(std::move(*row));
  return rows;
}

std::optional<Row> Database::query_one(std::string_view sql, const std::vector<Value>& params) {
  return prepare(sql)->bind_all(params).step();
}

std::int64_t Database::insert(std::string_view sql, const std::vector<Value>& params) {
  std::string with_returning(trim_statement_end(sql));
  with_returning += " RETURNING id";
  auto row = query_one(with_returning, params);
  if (!row || row->is_null(0)) throw Error("insert returned no id: " + with_returning);
  return row->integer(0);
}

void Database::begin() { exec_script("BEGIN"); }  // SQLite: SqliteDatabase::begin
void Database::commit() { exec_script("COMMIT"); }
void Database::rollback() { exec_script("ROLLBACK"); }

Transaction::Transaction(Database& db) : db_(db) {
  if (db_.transaction_depth_ == 0)
    db_.begin();
  else
    db_.exec_script("SAVEPOINT rf_nested");
  ++db_.transaction_depth_;
}

Transaction::~Transaction() {
  if (done_) return;
  --db_.transaction_depth_;
  try {
    if (db_.transaction_depth_ == 0)
      db_.rollback();
    else
      db_.exec_script("ROLLBACK TO SAVEPOINT rf_nested; RELEASE SAVEPOINT rf_nested");
  } catch (...) {
    // Nothing sensible to do while possibly unwinding: the connection is
    // either already outside a transaction or broken (and ping() will say so).
  }
}

void Transaction::commit() {
  if (db_.transaction_depth_ == 1)
    db_.commit();
  else
    db_.exec_script("RELEASE SAVEPOINT rf_nested");
  --db_.transaction_depth_;
  done_ = true;
}

std::optional<std::string> sqlite_path(std::string_view url) {
  if (detail::url_kind(url) == Kind::postgresql) return std::nullopt;
  std::string_view path = url.substr(std::string_view("sqlite:").size());
  // Accept sqlite:///abs/path as well as sqlite:/abs/path and sqlite:rel/path.
  if (path.starts_with("//")) path.remove_prefix(2);
  if (path.empty()) throw Error("sqlite URL without a path: '" + std::string(url) + "'");
  return std::string(path);
}

std::unique_ptr<Database> open(std::string_view url) {
  auto path = sqlite_path(url);
  if (!path) return std::make_unique<PostgresDatabase>(std::string(url));
  return std::make_unique<SqliteDatabase>(*path);
}

void backup_sqlite(Database& db, const std::string& path) {
  auto* sqlite = dynamic_cast<SqliteDatabase*>(&db);
  if (sqlite == nullptr) throw Error("backup_sqlite: not an SQLite database");
  sqlite->copy_to(path);
}

void restore_sqlite(Database& db, const std::string& path) {
  auto* sqlite = dynamic_cast<SqliteDatabase*>(&db);
  if (sqlite == nullptr) throw Error("restore_sqlite: not an SQLite database");
  sqlite->copy_from(path);
}

}  // namespace rf::db
