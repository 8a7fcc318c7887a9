// `ruhrfutur backup` and `ruhrfutur restore`: the database and the var folder in one
// archive (a gzip-compressed tar written with libarchive, readable with `tar -tzf`):
//   manifest.json        format, program version, database kind, time, table row counts
//   database.sqlite3     SQLite: a snapshot by the online backup API (consistent while serving)
//   database.pgdump      PostgreSQL: pg_dump's custom format (a consistent snapshot too)
//   var/…                every file under var_dir but caches (tmp/, downloads/) and the
//                        SQLite database's own files
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "db/backup.hpp"
#include "app/config.hpp"

namespace rf::app {

// A table's row count and an order-independent checksum of its rows (the sum of one
// SHA-256 prefix per row), to compare a restored database with its original.
struct TableSummary {
  std::string table;
  std::int64_t rows = 0;
  std::string checksum;  // 32 hex digits
  bool operator==(const TableSummary&) const = default;
};
// Every table of the database, sorted by name.
std::vector<TableSummary> summarize_tables(db::Database& db);

// Writes the archive to `out` (via a temporary file beside it, renamed at the end).
// Throws std::runtime_error with a readable message.
void write_backup(const Config& config, const std::filesystem::path& out);
// Restores an archive: the database (replacing its contents; stop the instances first)
// and the files into var_dir (replacing files of the same name). The archive's database
// kind must match the configured database. Throws std::runtime_error.
void restore_backup(const Config& config, const std::filesystem::path& archive);

int backup_command(const Config& config, const std::string& out);
int restore_command(const Config& config, const std::string& archive);

}  // namespace rf::app
