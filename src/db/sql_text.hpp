// Text helpers shared by the two drivers: SQL placeholder rewriting, number
// formatting that round-trips exactly, identifier checks and URL handling.
// Internal to src/db (namespace detail); other modules use database.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"

namespace rf::db::detail {

struct RewrittenSql {
  std::string sql;
  int parameter_count = 0;
};

// Replaces each '?' placeholder with $1, $2, … for PostgreSQL. A '?' inside a
// string literal ('…', E'…', $tag$…$tag$), a quoted identifier ("…") or a
// comment (-- …, /* … */, which nest in PostgreSQL) is left alone.
RewrittenSql rewrite_placeholders(std::string_view sql);

// What a statement does, judged by its first keyword (after blanks, comments and
// opening parentheses), for the statement cache (see database.hpp):
//  - data: SELECT, INSERT, UPDATE, DELETE, WITH, VALUES; cached.
//  - transaction: BEGIN, START, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE; not
//    cached, leave the cache alone. rollback says whether it is a ROLLBACK or ABORT.
//  - other: everything else (CREATE, ALTER, DROP, SET, PRAGMA, …); not cached, and may
//    change what cached statements mean.
enum class StatementClass { data, transaction, other };
struct Classified {
  StatementClass kind = StatementClass::other;
  bool rollback = false;
};
Classified classify_statement(std::string_view sql);
// classify_statement() of a script for exec_script(): `other` unless the script is one
// statement (no ';' but at its end; a ';' inside a literal errs on the safe side).
Classified classify_script(std::string_view script);

// Shortest text that reads back as the same number (std::to_chars), so no
// precision is lost when values travel as text. Non-finite doubles use
// PostgreSQL's spelling: "NaN", "Infinity", "-Infinity".
std::string format_number(std::int64_t value);
std::string format_number(double value);

// Whole-string parses; nullopt when the text is not exactly a number.
std::optional<std::int64_t> parse_int64(std::string_view text);
std::optional<double> parse_double(std::string_view text);

// Throws Error unless `name` is a plain (optionally schema-qualified)
// identifier, so table and column names can be spliced into SQL safely.
void check_identifier(std::string_view name);

// The driver a URL asks for; throws Error naming the scheme when unknown.
Kind url_kind(std::string_view url);

// The URL with any password replaced by "***", for error messages and logs.
std::string redact_url(std::string_view url);

}  // namespace rf::db::detail
