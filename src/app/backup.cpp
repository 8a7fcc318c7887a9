// `ruhrfutur backup` / `ruhrfutur restore` (see backup.hpp for the archive's layout).
//
// Why a tar archive: operators can list and unpack it with standard tools (`tar -tzf`)
// when the program itself is not at hand, and libarchive (Debian) writes and reads it
// as a stream, so a large var folder never has to fit in memory.
#include "app/backup.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "web/accounts.hpp"

#ifndef RF_VERSION
#define RF_VERSION "dev"
#endif

extern char** environ;

namespace rf::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFormat = "ruhrfutur-backup";
constexpr int kFormatVersion = 1;
constexpr const char* kManifest = "manifest.json";
constexpr const char* kSqliteEntry = "database.sqlite3";
constexpr const char* kPgEntry = "database.pgdump";
constexpr const char* kVarPrefix = "var/";
// Folders under var_dir that are caches, rebuilt on demand: not worth a backup.
const std::set<std::string> kSkippedVarFolders = {"tmp", "downloads"};
constexpr const char* kStagingFolder = ".restore-staging";
constexpr std::size_t kMaxManifestBytes = 16 << 20;

// ---- table summaries ----

void append_value(std::string& out, const db::Value& value) {
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, db::Null>) {
          out += 'N';
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          out += 'I';
          out += std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          out += 'R';
          char bytes[sizeof v];
          std::memcpy(bytes, &v, sizeof v);
          out.append(bytes, sizeof v);
        } else {
          out += 'T';
          out += std::to_string(v.size());
          out += ':';
          out += v;
        }
      },
      value);
  out += '\x1f';
}

std::vector<std::string> table_names(db::Database& db) {
  const char* sql =
      db.kind() == db::Kind::sqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
          : "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
  std::vector<std::string> names;
  for (const auto& row : db.query(sql)) names.push_back(row.text(0));
  std::sort(names.begin(), names.end());
  return names;
}

std::string hex128(std::uint64_t high, std::uint64_t low) {
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(high),
                static_cast<unsigned long long>(low));
  return text;
}

// ---- child processes (pg_dump, pg_restore) ----

// The PostgreSQL client tools: on PATH (Debian's wrappers), else the version-15 folder.
std::string pg_tool(const std::string& name) {
  for (const char* dir : {"/usr/bin", "/usr/lib/postgresql/15/bin"}) {
    auto path = fs::path(dir) / name;
    if (access(path.c_str(), X_OK) == 0) return path.string();
  }
  return name;  // let posix_spawnp search PATH
}

// Runs argv to completion with stdin from /dev/null and stdout+stderr into a file;
// throws with the tool's last output lines when it fails.
void run_tool(const std::vector<std::string>& argv, const fs::path& log) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot run " + argv[0] + ": " + std::strerror(rc));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waiting for " + argv[0] + ": " + std::strerror(errno));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  std::ifstream in(log);
  std::stringstream output;
  output << in.rdbuf();
  auto text = output.str();
  if (text.size() > 2000) text = "…" + text.substr(text.size() - 2000);
  throw std::runtime_error(fs::path(argv[0]).filename().string() + " failed: " + text);
}

// ---- archive writing ----

using ArchivePtr = std::unique_ptr<archive, int (*)(archive*)>;

void check(archive* a, int rc, const std::string& what) {
  if (rc < ARCHIVE_WARN) {
    const char* message = archive_error_string(a);
    throw std::runtime_error(what + ": " + (message ? message : "archive error"));
  }
}

void add_bytes(archive* a, const std::string& name, const std::string& data) {
  std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(entry.get(), name.c_str());
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(data.size()));
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0640);
  archive_entry_set_mtime(entry.get(), std::time(nullptr), 0);
  check(a, archive_write_header(a, entry.get()), "writing " + name);
  if (archive_write_data(a, data.data(), data.size()) != static_cast<la_ssize_t>(data.size())) {
    check(a, ARCHIVE_FATAL, "writing " + name);
  }
}

void add_file(archive* a, const std::string& name, const fs::path& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0)
    throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(entry.get(), name.c_str());
  archive_entry_set_size(entry.get(), st.st_size);
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), st.st_mode & 0777);
  archive_entry_set_mtime(entry.get(), st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  check(a, archive_write_header(a, entry.get()), "writing " + name);
  std::array<char, 1 << 16> buffer{};
  la_int64_t written = 0;
  while (in) {
    in.read(buffer.data(), buffer.size());
    auto n = in.gcount();
    if (n <= 0) break;
    if (archive_write_data(a, buffer.data(), static_cast<std::size_t>(n)) != n)
      check(a, ARCHIVE_FATAL, "writing " + name);
    written += n;
  }
  // A file that shrank while it was read would leave a short entry: tar pads it, but say so.
  if (written != st.st_size) throw std::runtime_error(path.string() + " changed while it was copied");
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

// Files under var_dir worth keeping, as (name in the archive, path on disk).
std::vector<std::pair<std::string, fs::path>> var_files(const Config& config, const std::vector<fs::path>& skip) {
  std::vector<std::pair<std::string, fs::path>> files;
  std::error_code ec;
  if (!fs::is_directory(config.web.var_dir, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(config.web.var_dir); it != fs::recursive_directory_iterator(); ++it) {
    auto relative = fs::relative(it->path(), config.web.var_dir).generic_string();
    auto first = relative.substr(0, relative.find('/'));
    if (it->is_directory() && (kSkippedVarFolders.contains(first) || first == kStagingFolder)) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->is_symlink()) continue;
    if (std::any_of(skip.begin(), skip.end(), [&](const fs::path& s) { return same_file(s, it->path()); })) continue;
    files.emplace_back(kVarPrefix + relative, it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string utc_now() {
  auto now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

nlohmann::json summaries_json(const std::vector<TableSummary>& tables) {
  auto list = nlohmann::json::array();
  for (const auto& t : tables) list.push_back({{"table", t.table}, {"rows", t.rows}, {"checksum", t.checksum}});
  return list;
}

// Removes a file at scope exit.
struct TempFile {
  fs::path path;
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

fs::path temp_path_beside(const fs::path& file, const std::string& suffix) {
  auto dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  return dir / ("." + file.filename().string() + "." + std::to_string(getpid()) + suffix);
}

// ---- archive reading ----

// An entry name that stays inside the destination: relative, no "..", no empty parts.
bool safe_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos) return false;
  std::stringstream parts(name);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part.empty() || part == "." || part == "..") return false;
  }
  return true;
}

void extract_to(archive* a, const fs::path& path) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  std::array<char, 1 << 16> buffer{};
  for (;;) {
    auto n = archive_read_data(a, buffer.data(), buffer.size());
    if (n < 0) check(a, ARCHIVE_FATAL, "reading " + path.filename().string());
    if (n == 0) break;
    out.write(buffer.data(), n);
  }
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::vector<TableSummary> summaries_from_json(const nlohmann::json& list) {
  std::vector<TableSummary> tables;
  for (const auto& t : list) {
    tables.push_back(
        {t.at("table").get<std::string>(), t.at("rows").get<std::int64_t>(), t.at("checksum").get<std::string>()});
  }
  return tables;
}

void verify_restored(db::Database& db, const std::vector<TableSummary>& expected) {
  auto actual = summarize_tables(db);
  for (const auto& want : expected) {
    auto it = std::find_if(actual.begin(), actual.end(), [&](const TableSummary& t) { return t.table == want.table; });
    if (it == actual.end()) throw std::runtime_error("restored database lacks table " + want.table);
    if (*it != want) {
      throw std::runtime_error("restored table " + want.table + " differs from the backup: " +
                               std::to_string(it->rows) + " rows (backup: " + std::to_string(want.rows) + ")");
    }
  }
}

}  // namespace

std::vector<TableSummary> summarize_tables(db::Database& db) {
  std::vector<TableSummary> result;
  for (const auto& table : table_names(db)) {
    auto stmt = db.prepare("SELECT * FROM \"" + table + "\"");
    TableSummary summary{table, 0, {}};
    std::uint64_t high = 0, low = 0;
    std::string row_text;
    while (auto row = stmt->step()) {
      row_text.clear();
      for (std::size_t i = 0; i < row->size(); ++i) append_value(row_text, row->value(i));
      auto digest = web::sha256_hex(row_text);
      high += std::stoull(digest.substr(0, 16), nullptr, 16);
      low += std::stoull(digest.substr(16, 16), nullptr, 16);
      ++summary.rows;
    }
    summary.checksum = hex128(high, low);
    result.push_back(std::move(summary));
  }
  return result;
}

void write_backup(const Config& config, const fs::path& out) {
  auto db = db::open(config.database_url);
  const auto kind = db->kind();
  TempFile partial{temp_path_beside(out, ".partial")};
  TempFile dump{temp_path_beside(out, kind == db::Kind::sqlite ? ".sqlite3" : ".pgdump")};
  TempFile log{temp_path_beside(out, ".log")};

  // 1. The database snapshot, and the summaries of exactly that snapshot.
  std::vector<TableSummary> tables;
  if (kind == db::Kind::sqlite) {
    db::backup_sqlite(*db, dump.path.string());
    auto copy = db::open("sqlite:" + dump.path.string());
    tables = summarize_tables(*copy);
  } else {
    // pg_dump reads the snapshot this transaction exports, so the summaries below
    // describe the very rows in the dump even while the instances write.
    db->exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    auto snapshot = db->query_one("SELECT pg_export_snapshot()")->text(0);
    run_tool({pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", "--snapshot=" + snapshot,
              "--file=" + dump.path.string(), "--dbname=" + config.database_url},
             log.path);
    tables = summarize_tables(*db);
    db->exec_script("COMMIT");
  }

  // 2. The var folder after the database: every upload the snapshot names is there.
  std::vector<fs::path> skip = {out, partial.path, dump.path, log.path};
  if (auto path = db::sqlite_path(config.database_url)) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) skip.emplace_back(*path + suffix);
  }
  auto files = var_files(config, skip);

  nlohmann::json manifest{{"format", kFormat},
                          {"version", kFormatVersion},
                          {"program", std::string("ruhrfutur ") + RF_VERSION},
                          {"created_at", utc_now()},
                          {"database", std::string(db::kind_name(kind))},
                          {"tables", summaries_json(tables)},
                          {"files", files.size()}};

  ArchivePtr a(archive_write_new(), archive_write_free);
  check(a.get(), archive_write_set_format_pax_restricted(a.get()), "archive format");
  check(a.get(), archive_write_add_filter_gzip(a.get()), "gzip");
  check(a.get(), archive_write_open_filename(a.get(), partial.path.c_str()), "cannot create " + partial.path.string());
  add_bytes(a.get(), kManifest, manifest.dump(2) + "\n");
  add_file(a.get(), kind == db::Kind::sqlite ? kSqliteEntry : kPgEntry, dump.path);
  for (const auto& [name, path] : files) add_file(a.get(), name, path);
  check(a.get(), archive_write_close(a.get()), "finishing " + out.string());
  fs::rename(partial.path, out);
}

void restore_backup(const Config& config, const fs::path& archive_path) {
  ArchivePtr a(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  if (archive_read_open_filename(a.get(), archive_path.c_str(), 1 << 16) != ARCHIVE_OK) {
    throw std::runtime_error("cannot open " + archive_path.string() + ": " + archive_error_string(a.get()));
  }
  auto db = db::open(config.database_url);
  const auto kind = db->kind();
  const fs::path staging = config.web.var_dir / kStagingFolder;
  std::error_code ec;
  fs::remove_all(staging, ec);
  struct StagingCleanup {
    fs::path dir;
    ~StagingCleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{staging};

  // 1. Read everything: the manifest first, the database dump and the files into staging.
  nlohmann::json manifest;
  bool have_database = false;
  std::vector<std::string> files;
  archive_entry* entry = nullptr;
  for (;;) {
    int rc = archive_read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    check(a.get(), rc, "reading " + archive_path.string());
    std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    if (!safe_name(name)) throw std::runtime_error("unsafe path in the archive: '" + name + "'");
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    if (manifest.is_null()) {
      if (name != kManifest)
        throw std::runtime_error(archive_path.string() + " is not a ruhrfutur backup (no manifest first)");
      std::string text;
      std::array<char, 1 << 16> buffer{};
      for (la_ssize_t n; (n = archive_read_data(a.get(), buffer.data(), buffer.size())) > 0;) {
        text.append(buffer.data(), static_cast<std::size_t>(n));
        if (text.size() > kMaxManifestBytes)
          throw std::runtime_error("the manifest of " + archive_path.string() + " is too large");
      }
      manifest = nlohmann::json::parse(text, nullptr, false);
      if (manifest.is_discarded() || manifest.value("format", "") != kFormat) {
        throw std::runtime_error(archive_path.string() + " is not a ruhrfutur backup (bad manifest)");
      }
      if (manifest.value("version", 0) != kFormatVersion) {
        throw std::runtime_error("backup format version " + manifest["version"].dump() + " is not supported");
      }
      if (manifest.value("database", "") != db::kind_name(kind)) {
        throw std::runtime_error("the backup holds a " + manifest.value("database", std::string("?")) +
                                 " database, but the configured database is " + std::string(db::kind_name(kind)));
      }
      continue;
    }
    if (name == kSqliteEntry || name == kPgEntry) {
      extract_to(a.get(), staging / name);
      have_database = true;
    } else if (name.starts_with(kVarPrefix)) {
      auto relative = name.substr(std::string_view(kVarPrefix).size());
      extract_to(a.get(), staging / "var" / relative);
      files.push_back(relative);
    }
  }
  if (manifest.is_null() || !have_database) throw std::runtime_error(archive_path.string() + " is incomplete");

  // 2. The database, checked against the manifest's summaries.
  auto expected = summaries_from_json(manifest.at("tables"));
  if (kind == db::Kind::sqlite) {
    db::restore_sqlite(*db, (staging / kSqliteEntry).string());
  } else {
    db.reset();  // pg_restore --clean drops tables: no open connection of ours in the way
    run_tool({pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction",
              "--exit-on-error", "--dbname=" + config.database_url, (staging / kPgEntry).string()},
             staging / "pg_restore.log");
    db = db::open(config.database_url);
  }
  verify_restored(*db, expected);

  // 3. The files: moved into var_dir (same file system as the staging folder).
  for (const auto& relative : files) {
    auto target = config.web.var_dir / relative;
    fs::create_directories(target.parent_path());
    fs::rename(staging / "var" / relative, target);
  }
}

int backup_command(const Config& config, const std::string& out) {
  try {
    write_backup(config, out);
    std::cout << "backup written to " << out << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: backup failed: " << e.what() << "\n";
    return 1;
  }
}

int restore_command(const Config& config, const std::string& archive_path) {
  try {
    restore_backup(config, archive_path);
    std::cout << "restored " << archive_path << " (database and var folder); every table matches the backup\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: restore failed: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace rf::app
