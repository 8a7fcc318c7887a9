// The versions of the indicator catalogue (table indicator_catalogues,
// migration 0060) and of the code lists (code_lists, migration 0240) that
// data stewards uploaded or extended. Both tables have the same shape; the
// newest row of each is in force (indicators.cpp reads it). Every function
// runs in the caller's transaction (if any).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rf::db {
class Database;
}

namespace rf::monitor {

enum class VersionedText {
  catalogue,   // indicator_catalogues
  code_lists,  // code_lists
};

struct TextVersion {
  std::int64_t id = 0;
  std::string comment;
  std::int64_t uploaded_at = 0;  // Unix seconds
  std::string who;               // the uploader's name, else the e-mail; "" when unknown
};

// The newest `limit` versions, newest first (for the page's history).
std::vector<TextVersion> recent_versions(db::Database& db, VersionedText kind, std::int64_t limit);

// Stores `yaml` as the version in force and bumps the statistics version, so
// that every instance rebuilds its view. Returns the new version's id.
std::int64_t store_version(db::Database& db, VersionedText kind, const std::string& yaml, const std::string& comment,
                           std::optional<std::int64_t> user_id, std::int64_t uploaded_at);

}  // namespace rf::monitor
