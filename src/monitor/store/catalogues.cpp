#include "monitor/store/catalogues.hpp"

#include "db/database.hpp"
#include "monitor/indicators.hpp"

namespace rf::monitor {

namespace {

// Only these two names ever reach the SQL text.
std::string table_of(VersionedText kind) {
  return kind == VersionedText::catalogue ? "indicator_catalogues" : "code_lists";
}

}  // namespace

std::vector<TextVersion> recent_versions(db::Database& db, VersionedText kind, std::int64_t limit) {
  std::vector<TextVersion> out;
  for (const auto& r : db.query("SELECT c.id, c.comment, c.uploaded_at, u.name, u.email FROM " + table_of(kind) +
                                    " c LEFT JOIN users u ON u.id = c.uploaded_by ORDER BY c.id DESC LIMIT ?",
                                {limit})) {
    out.push_back({r.integer(0), r.text(1), r.integer(2), r.text(3).empty() ? r.text(4) : r.text(3)});
  }
  return out;
}

std::int64_t store_version(db::Database& db, VersionedText kind, const std::string& yaml, const std::string& comment,
                           std::optional<std::int64_t> user_id, std::int64_t uploaded_at) {
  const auto id =
      db.insert("INSERT INTO " + table_of(kind) + " (yaml, comment, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?)",
                {yaml, comment, user_id ? db::Value(*user_id) : db::Value(db::Null{}), uploaded_at});
  bump_statistics_version(db);
  return id;
}

}  // namespace rf::monitor
