// What `ruhrfutur backup` needs from the storage room beyond the Database interface.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"

namespace rf::db {

// The file of a "sqlite:PATH" URL; nullopt for PostgreSQL URLs.
std::optional<std::string> sqlite_path(std::string_view url);

// SQLite only (Error for PostgreSQL): copies the whole database into the file `path`
// with SQLite's online backup API — one consistent snapshot while other connections
// go on writing. restore_sqlite() copies such a file back over the database.
void backup_sqlite(Database& db, const std::string& path);
void restore_sqlite(Database& db, const std::string& path);

}  // namespace rf::db
