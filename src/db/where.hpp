// A WHERE clause put together from the conditions a filter asks for, each
// with its parameters, so that any combination of filter fields stays one
// prepared statement with "?" placeholders (never values in the SQL text).
//
//   db::Where where;
//   where.add("c.kind = ?", {kind});
//   if (theme) where.add("c.theme_id = ?", {*theme});
//   where.add_in("o.series_id", series_ids);
//   db.query("SELECT … FROM content_items c" + where.sql(), where.params());
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace rf::db {

// "?, ?, ?" for n parameters.
inline std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

class Where {
 public:
  // One condition ("r.level = ?"), joined to the others with AND.
  Where& add(std::string_view condition, std::vector<Value> params = {}) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += condition;
    for (auto& p : params) params_.push_back(std::move(p));
    return *this;
  }

  // "column IN (?, …)" over `values`; call it only with at least one value.
  template <class Range>
  Where& add_in(std::string_view column, const Range& values) {
    std::vector<Value> params;
    for (const auto& v : values) params.emplace_back(v);
    const std::size_t n = params.size();
    return add(std::string(column) + " IN (" + placeholders(n) + ")", std::move(params));
  }

  // " WHERE a AND b", or "" without conditions.
  const std::string& sql() const { return sql_; }
  const std::vector<Value>& params() const { return params_; }

 private:
  std::string sql_;
  std::vector<Value> params_;
};

}  // namespace rf::db
