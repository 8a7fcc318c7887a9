// `ruhrfutur backup` / `restore` on both databases: restore-and-compare (row count and
// checksum of every table, and the files of the var folder), a backup taken while
// another connection writes, restoring over a changed database, and hostile archives.
#include <gtest/gtest.h>

#include <archive.h>
#include <archive_entry.h>

#include <atomic>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "app/backup.hpp"
#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "portal/portal.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"

namespace rf::app {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream data;
  data << in.rdbuf();
  return data.str();
}

void write_bytes(const fs::path& path, const std::string& data) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << data;
}

// Every regular file under `dir` (relative name -> content).
std::map<std::string, std::string> files_under(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).generic_string()] = read_bytes(entry.path());
  }
  return files;
}

std::int64_t count(db::Database& db, const std::string& table) {
  return db.query_one("SELECT COUNT(*) FROM " + table)->integer(0);
}

// The counts and checksums of one table from a summary list.
const TableSummary& table_of(const std::vector<TableSummary>& tables, const std::string& name) {
  for (const auto& t : tables) {
    if (t.table == name) return t;
  }
  throw std::runtime_error("no table " + name);
}

class BackupTest : public test::BothDatabases {
 protected:
  // A database with accounts, the demo content (news, pages, uploads into var_dir) and
  // files of every kind in the var folder.
  app::Config populated_config(const fs::path& var_dir) {
    app::Config config;
    config.database_url = fresh_url();
    config.web.root = RF_SOURCE_DIR;
    config.web.var_dir = var_dir;
    auto db = db::open(config.database_url);
    db::migrate(*db, RF_SOURCE_DIR + "/migrations");
    web::create_user(*db, "redaktion@example.org", "Erika Muster", "ein-langes-passwort", {"editor"});
    web::create_user(*db, "daten@example.org", "Ömer Ünal – „Daten“", "noch-ein-passwort", {"data_steward"});
    EXPECT_GT(portal::load_demo_content(*db, config.web), 5);
    write_bytes(var_dir / "notizen" / "liste.txt", "Zeile 1\nZeile 2 – äöü\n");
    write_bytes(var_dir / "binär.bin", std::string("\0\x01\xff\xfe", 4));
    write_bytes(var_dir / "tmp" / "upload-in-arbeit", "cache");
    write_bytes(var_dir / "downloads" / "v1" / "daten.csv", "cache");
    return config;
  }

  app::Config empty_target(const fs::path& var_dir) {
    app::Config config;
    config.database_url = fresh_url();
    config.web.root = RF_SOURCE_DIR;
    config.web.var_dir = var_dir;
    return config;
  }
};

TEST_P(BackupTest, RestoreGivesTheSameTablesAndFiles) {
  test::TempDir dir;
  auto source = populated_config(dir / "var");
  const auto archive = dir / "sicherung.tar.gz";
  write_backup(source, archive);

  auto source_db = db::open(source.database_url);
  const auto before = summarize_tables(*source_db);
  ASSERT_GT(before.size(), 10u);
  EXPECT_EQ(table_of(before, "users").rows, 2);
  EXPECT_GT(table_of(before, "uploads").rows, 0);

  auto target = empty_target(dir / "restored-var");
  restore_backup(target, archive);
  auto target_db = db::open(target.database_url);
  const auto after = summarize_tables(*target_db);
  EXPECT_EQ(after, before);
  EXPECT_EQ(count(*target_db, "users"), 2);
  auto name = target_db->query_one("SELECT name FROM users WHERE email = 'daten@example.org'");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->text(0), "Ömer Ünal – „Daten“");

  // The files, byte for byte; caches (tmp/, downloads/) are not part of a backup.
  auto expected = files_under(source.web.var_dir);
  for (auto it = expected.begin(); it != expected.end();) {
    it = it->first.starts_with("tmp/") || it->first.starts_with("downloads/") ? expected.erase(it) : std::next(it);
  }
  // The SQLite database lives elsewhere in this test; in var_dir it would be left out too.
  EXPECT_TRUE(expected.contains("notizen/liste.txt"));
  EXPECT_TRUE(expected.contains("binär.bin"));
  EXPECT_EQ(files_under(target.web.var_dir), expected);
  EXPECT_FALSE(fs::exists(target.web.var_dir / ".restore-staging"));
}

TEST_P(BackupTest, ChecksumsSeeAChangedValue) {
  test::TempDir dir;
  auto config = populated_config(dir / "var");
  auto db = db::open(config.database_url);
  const auto before = summarize_tables(*db);
  db->execute("UPDATE users SET name = 'Erika Mustermann' WHERE email = 'redaktion@example.org'");
  const auto after = summarize_tables(*db);
  EXPECT_EQ(table_of(after, "users").rows, table_of(before, "users").rows);
  EXPECT_NE(table_of(after, "users").checksum, table_of(before, "users").checksum);
  EXPECT_EQ(table_of(after, "uploads"), table_of(before, "uploads"));
}

TEST_P(BackupTest, RestoreOverAChangedDatabaseBringsBackTheBackup) {
  test::TempDir dir;
  auto config = populated_config(dir / "var");
  const auto archive = dir / "sicherung.tar.gz";
  write_backup(config, archive);
  std::vector<TableSummary> before;
  {
    auto db = db::open(config.database_url);
    before = summarize_tables(*db);
    web::create_user(*db, "neu@example.org", "Neu", "ein-langes-passwort", {"partner"});
    db->execute("DELETE FROM user_roles WHERE role = 'editor'");
    db->execute("UPDATE uploads SET original_name = 'geändert.pdf'");
  }
  write_bytes(config.web.var_dir / "notizen" / "liste.txt", "überschrieben");
  restore_backup(config, archive);
  auto db = db::open(config.database_url);
  EXPECT_EQ(summarize_tables(*db), before);
  EXPECT_EQ(read_bytes(config.web.var_dir / "notizen" / "liste.txt"), "Zeile 1\nZeile 2 – äöü\n");
}

// The backup is one snapshot while another connection writes: rows come in pairs in
// one transaction each, so a torn snapshot would hold an odd number; restore checks
// every table against the manifest written from that same snapshot.
TEST_P(BackupTest, BackupWhileWritingIsOneConsistentSnapshot) {
  test::TempDir dir;
  auto config = populated_config(dir / "var");
  {
    auto db = db::open(config.database_url);
    db->exec_script("CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, pair INTEGER NOT NULL)");
  }
  std::atomic<bool> stop{false};
  std::atomic<int> pairs{0};
  std::thread writer([&] {
    auto db = db::open(config.database_url);
    for (int i = 0; !stop; ++i) {
      db::Transaction tx(*db);
      db->execute("INSERT INTO backup_probe (id, pair) VALUES (?, ?)", {std::int64_t{2 * i}, std::int64_t{i}});
      db->execute("INSERT INTO backup_probe (id, pair) VALUES (?, ?)", {std::int64_t{2 * i + 1}, std::int64_t{i}});
      tx.commit();
      ++pairs;
    }
  });
  while (pairs < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto archive = dir / "sicherung.tar.gz";
  write_backup(config, archive);
  const int pairs_after_backup = pairs;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  writer.join();
  ASSERT_GT(pairs.load(), pairs_after_backup) << "the writer was not writing during the backup";

  auto target = empty_target(dir / "restored-var");
  restore_backup(target, archive);  // throws unless every table matches the manifest
  auto db = db::open(target.database_url);
  auto rows = count(*db, "backup_probe");
  EXPECT_GE(rows, 40);
  EXPECT_EQ(rows % 2, 0) << "a transaction was torn apart";
  EXPECT_LT(rows, 2 * pairs.load());
}

// Writes a gzip tar with the given entries (name -> content), as an attacker could.
void write_archive(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& entries) {
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_add_filter_gzip(a);
  archive_write_open_filename(a, path.c_str());
  for (const auto& [name, data] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::string restore_error(const app::Config& config, const fs::path& archive) {
  try {
    restore_backup(config, archive);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST_P(BackupTest, HostileOrForeignArchivesAreRefusedWithoutTouchingAnything) {
  test::TempDir dir;
  auto config = empty_target(dir / "var");
  const std::string manifest = std::string("{\"format\":\"ruhrfutur-backup\",\"version\":1,\"database\":\"") +
                               std::string(db::kind_name(GetParam())) + "\",\"tables\":[]}";
  write_archive(dir / "escape.tar.gz", {{"manifest.json", manifest}, {"var/../../evil.txt", "x"}});
  EXPECT_NE(restore_error(config, dir / "escape.tar.gz").find("unsafe path"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "evil.txt"));

  write_archive(dir / "absolute.tar.gz", {{"manifest.json", manifest}, {"/tmp/evil.txt", "x"}});
  EXPECT_NE(restore_error(config, dir / "absolute.tar.gz").find("unsafe path"), std::string::npos);

  write_archive(dir / "fremd.tar.gz", {{"readme.txt", "hallo"}});
  EXPECT_NE(restore_error(config, dir / "fremd.tar.gz").find("is not a ruhrfutur backup"), std::string::npos);

  const char* other = GetParam() == db::Kind::sqlite ? "postgresql" : "sqlite";
  write_archive(dir / "kind.tar.gz",
                {{"manifest.json", std::string("{\"format\":\"ruhrfutur-backup\",\"version\":1,\"database\":\"") +
                                       other + "\",\"tables\":[]}"}});
  EXPECT_NE(restore_error(config, dir / "kind.tar.gz").find(std::string("holds a ") + other + " database"),
            std::string::npos);

  write_archive(dir / "ohne-db.tar.gz", {{"manifest.json", manifest}, {"var/a.txt", "a"}});
  EXPECT_NE(restore_error(config, dir / "ohne-db.tar.gz").find("incomplete"), std::string::npos);
  EXPECT_FALSE(fs::exists(config.web.var_dir / "a.txt")) << "files of a refused archive were restored";
}

RF_BOTH_DATABASES(BackupTest);

}  // namespace
}  // namespace rf::app
