// Applies the numbered SQL files in migrations/ (0001_name.sql, …) in order,
// each in its own transaction, recording them in schema_migrations.
// The same files serve both databases; these words are replaced per driver:
//   @ID@        an auto-increment integer primary key
//   @BLOB@      binary data
//   @DOUBLE@    a double-precision float
//   @WITHOUT_ROWID@  after a CREATE TABLE: SQLite keeps the rows in the primary
//               key's B-tree (nothing on PostgreSQL)
// Where no common SQL exists, a migration comes in two files of the same
// number, NNNN_name.sqlite.sql and NNNN_name.postgresql.sql; each database
// runs (and records) only its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace rf::db {

std::string translate_migration(std::string_view sql, Kind kind);

// Returns the names of the migrations applied now (empty when up to date).
std::vector<std::string> migrate(Database& db, const std::string& migrations_dir);

}  // namespace rf::db
