// The yearly update against SQLite and PostgreSQL: a table with a repeated
// column imports (identical values) or fails with a German FILE:LINE message
// (different values), and no raw database message reaches the user.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace rf::monitor;

const std::string kLeavers = RF_TEST_DATA_DIR + "/genesis/21111-02-06-4.csv";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The leavers table with its sixth column ("ohne Hauptschulabschluss |
// Insgesamt") repeated at the end; `changed` replaces the copy on line 12.
std::string with_repeated_column(const std::string& changed = "") {
  std::istringstream in(read(kLeavers));
  std::string out, line;
  std::size_t number = 0;
  bool footer = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("___")) footer = true;
    std::vector<std::string> fields(1);
    for (char c : line) {
      if (c == ';')
        fields.emplace_back();
      else
        fields.back() += c;
    }
    if (!footer && number > 1 && fields.size() == 17) {
      line += ';';
      line += number == 12 && !changed.empty() ? changed : fields[5];
    }
    out += line + "\r\n";
  }
  return out;
}

// Words of raw SQLite and PostgreSQL messages that must never be shown.
const char* kRawWords[] = {"UNIQUE", "constraint", "duplicate key", "observations", "SQL", "COPY"};

class UpkeepImport : public rf::test::BothDatabases {
 protected:
  std::unique_ptr<rf::db::Database> open_migrated() {
    auto db = open_fresh();
    rf::db::migrate(*db, RF_SOURCE_DIR + "/migrations");
    EXPECT_EQ(load_region_register(*db, RF_SOURCE_DIR + "/data"), 0);
    return db;
  }
  ImportRun import(rf::db::Database& db, const std::string& bytes) {
    path_ = (dir_ / "21111-02-06-4.csv").string();
    std::ofstream(path_, std::ios::binary) << bytes;
    ImportOptions options;
    options.files = {path_};
    options.display_names = {"Abgaenger.csv"};
    options.who = "test";
    options.progress = false;
    options.data_dir = RF_SOURCE_DIR + "/data";
    return import_files(options, db, {});
  }
  std::int64_t count(rf::db::Database& db, const std::string& table) {
    return db.query_one("SELECT COUNT(*) FROM " + table)->integer(0);
  }
  void expect_no_raw_words(const std::string& error) {
    for (const char* word : kRawWords) {
      EXPECT_EQ(error.find(word), std::string::npos) << word << " in: " << error;
    }
  }
  std::string path_;
  rf::test::TempDir dir_;
};

TEST_P(UpkeepImport, RepeatedColumnWithIdenticalValuesImportsOnce) {
  auto db = open_migrated();
  ImportRun run = import(*db, with_repeated_column());
  ASSERT_EQ(run.exit_code, 0) << run.error;
  ASSERT_EQ(run.files.size(), 1u);
  EXPECT_EQ(run.files[0].summary.cells, 7532u);
  EXPECT_EQ(count(*db, "observations"), 7532);
  ASSERT_EQ(run.files[0].summary.warnings.size(), 1u);
  EXPECT_NE(run.files[0].summary.warnings[0].find("Spalte 18"), std::string::npos);
  auto value = db->query_one(
      "SELECT o.value FROM observations o JOIN series s ON s.id = o.series_id "
      "JOIN regions r ON r.id = o.region_id "
      "JOIN series_breakdown b2 ON b2.series_id = s.id AND b2.dimension = 'h2' "
      "JOIN series_breakdown b3 ON b3.series_id = s.id AND b3.dimension = 'h3' "
      "WHERE r.code = '05513' AND o.period = '2023' AND b2.value = 'ohne Hauptschulabschluss' "
      "AND b3.value = 'Insgesamt'");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->real(0), 370);
  // The warning is kept with the import.
  auto warnings = db->query_one("SELECT warnings FROM imports");
  ASSERT_TRUE(warnings);
  EXPECT_NE(warnings->text(0).find("Spalte 18"), std::string::npos) << warnings->text(0);
}

TEST_P(UpkeepImport, RepeatedColumnWithDifferentValuesFailsInGerman) {
  auto db = open_migrated();
  ImportRun run = import(*db, with_repeated_column("91"));
  ASSERT_NE(run.exit_code, 0);
  EXPECT_EQ(run.error.rfind("Abgaenger.csv:12: Spalte 18", 0), 0u) << run.error;
  EXPECT_NE(run.error.find("Spalte 6"), std::string::npos) << run.error;
  expect_no_raw_words(run.error);
  EXPECT_EQ(count(*db, "observations"), 0);
  EXPECT_EQ(count(*db, "imports"), 0);
}

TEST_P(UpkeepImport, ADatabaseRefusalIsAGermanMessageWithFileAndLine) {
  auto db = open_migrated();
  // A rule the importer does not know about: one value per region and
  // period. The leavers table has fourteen, so the database refuses a cell.
  db->execute("CREATE UNIQUE INDEX test_one_value ON observations (region_id, period)");
  ImportRun run = import(*db, read(kLeavers));
  ASSERT_NE(run.exit_code, 0);
  EXPECT_EQ(run.error.rfind("Abgaenger.csv:", 0), 0u) << run.error;
  std::size_t colon = run.error.find(':', 14);
  ASSERT_NE(colon, std::string::npos);
  // A line number of the file, then the German explanation.
  int line = std::stoi(run.error.substr(14, colon - 14));
  EXPECT_GE(line, 10) << run.error;
  EXPECT_LE(line, 548) << run.error;
  EXPECT_NE(run.error.find("ließ sich nicht speichern"), std::string::npos) << run.error;
  expect_no_raw_words(run.error);
  EXPECT_EQ(count(*db, "imports"), 0);
}

RF_BOTH_DATABASES(UpkeepImport);

}  // namespace
