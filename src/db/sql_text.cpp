#include "db/sql_text.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace rf::db::detail {
namespace {

bool is_identifier_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u >= 0x80;
}

// End (one past the closing quote) of a quoted token starting at `start`.
// A doubled quote stands for itself; in E'…' strings a backslash escapes the
// next character. An unterminated token runs to the end of the text.
std::size_t skip_quoted(std::string_view sql, std::size_t start, bool backslash_escapes) {
  const char quote = sql[start];
  std::size_t i = start + 1;
  while (i < sql.size()) {
    if (backslash_escapes && sql[i] == '\\') {
      i += 2;
    } else if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  return sql.size();
}

// End of a /* … */ comment starting at `start`; PostgreSQL lets them nest.
std::size_t skip_block_comment(std::string_view sql, std::size_t start) {
  int depth = 0;
  std::size_t i = start;
  while (i + 1 < sql.size()) {
    if (sql[i] == '/' && sql[i + 1] == '*') {
      ++depth;
      i += 2;
    } else if (sql[i] == '*' && sql[i + 1] == '/') {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return sql.size();
}

// The tag of a dollar quote ("$$" or "$name$") starting at `start`, or empty.
std::string_view dollar_tag(std::string_view sql, std::size_t start) {
  std::size_t i = start + 1;
  if (i < sql.size() && sql[i] >= '0' && sql[i] <= '9') return {};  // $1 is a parameter
  while (i < sql.size() && is_identifier_char(sql[i])) ++i;
  if (i < sql.size() && sql[i] == '$') return sql.substr(start, i - start + 1);
  return {};
}

}  // namespace

RewrittenSql rewrite_placeholders(std::string_view sql) {
  RewrittenSql result;
  result.sql.reserve(sql.size() + 16);
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    const bool after_identifier = i > 0 && is_identifier_char(sql[i - 1]);
    std::size_t end = i;  // end of a token to copy unchanged, when > i
    if (c == '\'') {
      // E'…' (also e'…') is an escape string where \' does not end the literal.
      const bool escape_string =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !is_identifier_char(sql[i - 2]));
      end = skip_quoted(sql, i, escape_string);
    } else if (c == '"') {
      end = skip_quoted(sql, i, false);
    } else if (c == '-' && next == '-') {
      end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
    } else if (c == '/' && next == '*') {
      end = skip_block_comment(sql, i);
    } else if (c == '$' && !after_identifier) {
      const std::string_view tag = dollar_tag(sql, i);
      if (!tag.empty()) {
        const std::size_t close = sql.find(tag, i + tag.size());
        end = close == std::string_view::npos ? sql.size() : close + tag.size();
      }
    } else if (c == '?') {
      result.sql += '$';
      result.sql += std::to_string(++result.parameter_count);
      ++i;
      continue;
    }
    if (end > i) {
      result.sql.append(sql.substr(i, end - i));
      i = end;
    } else {
      result.sql += c;
      ++i;
    }
  }
  return result;
}

Classified classify_statement(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(') {
      ++i;
    } else if (c == '-' && next == '-') {
      i = sql.find('\n', i);
      if (i == std::string_view::npos) i = sql.size();
    } else if (c == '/' && next == '*') {
      i = skip_block_comment(sql, i);
    } else {
      break;
    }
  }
  std::string word;
  while (i < sql.size() && is_identifier_char(sql[i]) && word.size() < 16) {
    char c = sql[i++];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    word += c;
  }
  for (const char* data : {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES"}) {
    if (word == data) return {StatementClass::data, false};
  }
  if (word == "ROLLBACK" || word == "ABORT") return {StatementClass::transaction, true};
  for (const char* control : {"BEGIN", "START", "COMMIT", "END", "SAVEPOINT", "RELEASE"}) {
    if (word == control) return {StatementClass::transaction, false};
  }
  return {StatementClass::other, false};
}

Classified classify_script(std::string_view script) {
  while (!script.empty() && (script.back() == ';' || script.back() == ' ' || script.back() == '\n' ||
                             script.back() == '\t' || script.back() == '\r')) {
    script.remove_suffix(1);
  }
  if (script.find(';') != std::string_view::npos) return {};
  return classify_statement(script);
}

std::string format_number(std::int64_t value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

namespace {

// The whole of `text` as a T (after an optional '+'), or nullopt.
template <class T>
std::optional<T> parse_whole(std::string_view text) {
  T value = 0;
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end != last || first == last) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::int64_t> parse_int64(std::string_view text) { return parse_whole<std::int64_t>(text); }

std::optional<double> parse_double(std::string_view text) { return parse_whole<double>(text); }

void check_identifier(std::string_view name) {
  bool ok = !name.empty() && name.front() != '.' && name.back() != '.' && !(name.front() >= '0' && name.front() <= '9');
  for (const char c : name) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    ok = ok && plain;
  }
  if (!ok) throw Error("not a plain SQL identifier: '" + std::string(name) + "'");
}

Kind url_kind(std::string_view url) {
  if (url.starts_with("sqlite:")) return Kind::sqlite;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return Kind::postgresql;
  }
  const std::size_t colon = url.find(':');
  const std::string scheme(colon == std::string_view::npos ? url : url.substr(0, colon));
  throw Error("unsupported database URL scheme '" + scheme +
              "' (expected sqlite:PATH, sqlite::memory: or postgresql://…)");
}

std::string redact_url(std::string_view url) {
  // scheme://user:password@host… — only the part between ':' and '@' goes.
  const std::size_t authority = url.find("://");
  if (authority == std::string_view::npos) return std::string(url);
  const std::size_t start = authority + 3;
  const std::size_t at = url.find('@', start);
  const std::size_t slash = url.find('/', start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(url);
  }
  const std::size_t colon = url.find(':', start);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace rf::db::detail
