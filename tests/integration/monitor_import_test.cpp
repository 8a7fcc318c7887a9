// The import pipeline against SQLite and PostgreSQL: region register,
// provenance, named cells, re-import with history, one transaction for all
// files (bad input imports nothing), dry runs, every fixture in tests/data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/import/input.hpp"
#include "monitor/import/region_files.hpp"
#include "monitor/store/statistics_store.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace rf::monitor;

const std::string kData = RF_TEST_DATA_DIR;
const std::string kLeavers = kData + "/genesis/21111-02-06-4.csv";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class MonitorImport : public rf::test::BothDatabases {
 protected:
  // A fresh database with the schema and the region register: a copy of one
  // prepared once per database kind (loading the register's 11,000 regions
  // is most of a small case's time). RegionRegisterWithAggregates loads it
  // itself.
  std::unique_ptr<rf::db::Database> open_with_register() {
    return rf::db::open(prepared_url("register", [](const std::string& url) {
      auto db = rf::db::open(url);
      rf::db::migrate(*db, RF_SOURCE_DIR + "/migrations");
      if (load_region_register(*db, RF_SOURCE_DIR + "/data") != 0)
        throw std::runtime_error("region register not loaded");
    }));
  }

  // Runs the command; out/err are kept for the checks.
  int import(rf::db::Database& db, std::vector<std::string> files, bool dry_run = false, std::string encoding = "") {
    ImportOptions options;
    options.files = std::move(files);
    options.dry_run = dry_run;
    options.encoding = std::move(encoding);
    options.who = "test";
    options.progress = false;
    options.data_dir = RF_SOURCE_DIR + "/data";
    std::ostringstream o, e;
    int code = run_import_command(options, db, o, e);
    out_ = o.str();
    err_ = e.str();
    return code;
  }

  std::int64_t count(rf::db::Database& db, const std::string& table) {
    return db.query_one("SELECT COUNT(*) FROM " + table)->integer(0);
  }

  // The value of one cell of a dataset by breakdown values.
  std::optional<rf::db::Row> cell(rf::db::Database& db, const std::string& dataset, const std::string& region,
                                  const std::string& period, const std::string& h2, const std::string& h3) {
    return db.query_one(
        "SELECT o.value, o.status, o.import_id FROM observations o "
        "JOIN series s ON s.id = o.series_id JOIN datasets d ON d.id = s.dataset_id "
        "JOIN regions r ON r.id = o.region_id "
        "JOIN series_breakdown b2 ON b2.series_id = s.id AND b2.dimension = 'h2' "
        "JOIN series_breakdown b3 ON b3.series_id = s.id AND b3.dimension = 'h3' "
        "WHERE d.code = ? AND r.code = ? AND o.period = ? AND b2.value = ? AND b3.value = ?",
        {dataset, region, period, h2, h3});
  }

  std::string out_, err_;
  rf::test::TempDir dir_;
};

TEST_P(MonitorImport, RegionRegisterWithAggregates) {
  auto db = open_fresh();
  rf::db::migrate(*db, RF_SOURCE_DIR + "/migrations");
  ASSERT_EQ(load_region_register(*db, RF_SOURCE_DIR + "/data"), 0);
  EXPECT_GT(count(*db, "regions"), 11000);
  auto ge = db->query_one("SELECT name, level, parent_code, population FROM regions WHERE code = '05513'");
  ASSERT_TRUE(ge);
  EXPECT_EQ(ge->text(0), "Gelsenkirchen, krfr. Stadt");
  EXPECT_EQ(ge->text(1), "county");
  EXPECT_EQ(ge->text(2), "055");
  EXPECT_EQ(ge->integer(3), 267930);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM region_members WHERE aggregate_code = 'ruhr'")->integer(0), 53 + 15);
  EXPECT_EQ(db->query_one("SELECT code FROM region_aliases WHERE alias = 'nrw'")->text(0), "05");
  RegionRegister back = read_region_register(*db);
  EXPECT_EQ(back.find("nrw")->code, "05");
  EXPECT_EQ(back.members("westfalen-ohne-ruhr").size(),
            load_region_files(RF_SOURCE_DIR + "/data")->members("westfalen-ohne-ruhr").size());
  EXPECT_GT(back.find("05513")->id, 0);
  // Loading again keeps the ids.
  std::int64_t id = back.find("05513")->id;
  ASSERT_EQ(load_region_register(*db, RF_SOURCE_DIR + "/data"), 0);
  EXPECT_EQ(read_region_register(*db).find("05513")->id, id);
}

TEST_P(MonitorImport, GenesisTableWithProvenanceAndNamedCells) {
  auto db = open_with_register();
  ASSERT_EQ(import(*db, {kLeavers}), 0) << err_;
  EXPECT_NE(out_.find("21111-02-06-4"), std::string::npos) << out_;
  EXPECT_NE(out_.find("Werte 7532"), std::string::npos) << out_;
  EXPECT_NE(out_.find("'-' 1955, '.' 102, 'x' 114"), std::string::npos) << out_;

  auto without = cell(*db, "21111-02-06-4", "05513", "2023", "ohne Hauptschulabschluss", "Insgesamt");
  ASSERT_TRUE(without);
  EXPECT_EQ(without->real(0), 370);
  EXPECT_TRUE(without->is_null(1));
  auto total = cell(*db, "21111-02-06-4", "05513", "2023", "Insgesamt", "Insgesamt");
  ASSERT_TRUE(total);
  EXPECT_EQ(total->real(0), 2845);
  // A "-" stays a marker without a value.
  auto dash = cell(*db, "21111-02-06-4", "01", "2023", "mit Fachhochschulreife", "Insgesamt");
  if (dash) {
    EXPECT_TRUE(dash->is_null(0));
    EXPECT_EQ(dash->text(1), "-");
  }
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM observations WHERE status = '-'")->integer(0), 1955);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM observations WHERE status = '-' AND value IS NOT NULL")->integer(0), 0);
  EXPECT_EQ(count(*db, "observations"), 7532);

  auto import_row = db->query_one(
      "SELECT file_name, sha256, table_code, title, publisher, licence, stand, imported_at, "
      "imported_by, cells, markers, dataset_id FROM imports");
  ASSERT_TRUE(import_row);
  EXPECT_EQ(import_row->text(0), "21111-02-06-4.csv");
  EXPECT_EQ(import_row->text(1), sha256_hex(read(kLeavers)));
  EXPECT_EQ(import_row->text(2), "21111-02-06-4");
  EXPECT_NE(import_row->text(3).find("Abschlussarten"), std::string::npos);
  EXPECT_EQ(import_row->text(4), "Statistische Ämter des Bundes und der Länder, Deutschland");
  EXPECT_EQ(import_row->text(5), "dl-de/by-2-0");
  EXPECT_EQ(import_row->text(6), "2025-03-13");
  EXPECT_GT(import_row->integer(7), 1700000000);
  EXPECT_EQ(import_row->text(8), "test");
  EXPECT_EQ(import_row->integer(9), 7532);
  EXPECT_EQ(import_row->text(10), "{\"-\": 1955, \".\": 102, \"x\": 114}");
  auto dataset = db->query_one("SELECT code, publisher, stand, current_import_id, footnotes, id FROM datasets");
  ASSERT_TRUE(dataset);
  EXPECT_EQ(dataset->integer(5), import_row->integer(11));
  EXPECT_EQ(dataset->text(2), "2025-03-13");
  EXPECT_NE(dataset->text(4).find("5er-Rundungsverfahren"), std::string::npos);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM dataset_dimensions")->integer(0), 3);

  // Observations read back match the parse.
  auto stored = read_observations(*db, "21111-02-06-4");
  EXPECT_EQ(stored.size(), 7532u);
}

TEST_P(MonitorImport, ReimportReplacesCellsAndKeepsHistory) {
  auto db = open_with_register();
  ASSERT_EQ(import(*db, {kLeavers}), 0) << err_;
  std::int64_t first_import = db->query_one("SELECT MAX(id) FROM imports")->integer(0);

  // The same file again: nothing changed, no history.
  ASSERT_EQ(import(*db, {kLeavers}), 0) << err_;
  EXPECT_EQ(count(*db, "observations"), 7532);
  EXPECT_EQ(count(*db, "observation_history"), 0);
  EXPECT_EQ(count(*db, "imports"), 2);
  EXPECT_EQ(count(*db, "series"), 14);

  // A revised edition: Gelsenkirchen's 370 becomes 371 and Flensburg's row is gone.
  std::string text = read(kLeavers);
  std::string ge_old = "2023;05513;      Gelsenkirchen, kreisfreie Stadt;2845;1360;370;";
  std::string ge_new = "2023;05513;      Gelsenkirchen, kreisfreie Stadt;2845;1360;371;";
  ASSERT_NE(text.find(ge_old), std::string::npos);
  text.replace(text.find(ge_old), ge_old.size(), ge_new);
  std::size_t flensburg = text.find("2023;01001;");
  ASSERT_NE(flensburg, std::string::npos);
  text.erase(flensburg, text.find('\n', flensburg) + 1 - flensburg);
  std::string revised = (dir_ / "21111-02-06-4.csv").string();
  std::ofstream(revised, std::ios::binary) << text;
  ASSERT_EQ(import(*db, {revised}), 0) << err_;
  std::int64_t third_import = db->query_one("SELECT MAX(id) FROM imports")->integer(0);
  EXPECT_NE(out_.find("ersetzte Werte in der Historie behalten: 15"), std::string::npos) << out_;

  auto now = cell(*db, "21111-02-06-4", "05513", "2023", "ohne Hauptschulabschluss", "Insgesamt");
  ASSERT_TRUE(now);
  EXPECT_EQ(now->real(0), 371);
  EXPECT_EQ(now->integer(2), third_import);
  EXPECT_EQ(count(*db, "observations"), 7532 - 14);
  // 14 cells of Flensburg dropped + 1 changed cell.
  EXPECT_EQ(count(*db, "observation_history"), 15);
  auto old = db->query_one(
      "SELECT h.value, h.import_id, h.replaced_by FROM observation_history h "
      "JOIN regions r ON r.id = h.region_id WHERE r.code = '05513'");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->real(0), 370);
  EXPECT_EQ(old->integer(1), first_import);  // the unchanged second edition did not touch it
  EXPECT_EQ(old->integer(2), third_import);
  // Unchanged cells keep the import that delivered them.
  auto unchanged = cell(*db, "21111-02-06-4", "05513", "2023", "Insgesamt", "Insgesamt");
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->integer(2), first_import);
  EXPECT_EQ(db->query_one("SELECT current_import_id FROM datasets")->integer(0), third_import);

  // The first edition once more: Flensburg's 14 cells come back as new cells,
  // Gelsenkirchen's 371 goes to the history and 370 is current again.
  ASSERT_EQ(import(*db, {kLeavers}), 0) << err_;
  std::int64_t fourth_import = db->query_one("SELECT MAX(id) FROM imports")->integer(0);
  EXPECT_NE(out_.find("ersetzte Werte in der Historie behalten: 1"), std::string::npos) << out_;
  EXPECT_EQ(count(*db, "observations"), 7532);
  EXPECT_EQ(count(*db, "observation_history"), 16);
  EXPECT_EQ(cell(*db, "21111-02-06-4", "05513", "2023", "ohne Hauptschulabschluss", "Insgesamt")->real(0), 370);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM observations o JOIN regions r ON r.id = o.region_id "
                          "WHERE r.code = '01001' AND o.period = '2023' AND o.import_id = ?",
                          {rf::db::Value(fourth_import)})
                ->integer(0),
            14);
  EXPECT_EQ(db->query_one("SELECT value, replaced_by FROM observation_history WHERE value = 371")->integer(1),
            fourth_import);
  EXPECT_EQ(cell(*db, "21111-02-06-4", "05513", "2023", "Insgesamt", "Insgesamt")->integer(2), first_import);
}

TEST_P(MonitorImport, OneTransactionForAllFilesNothingImportedOnError) {
  auto db = open_with_register();
  std::int64_t regions_before = count(*db, "regions");
  std::string bad = (dir_ / "bad.csv").string();
  std::ofstream(bad, std::ios::binary) << "Tabelle: 99999-01i\nTest;;;;\n;;;A;B\n;;;Anzahl;Anzahl\n2023;05;NRW;1;2\n"
                                          "2023;05513;GE;3;abc\n__________\nStand: 01.01.2026\n";
  int code = import(*db, {kLeavers, kData + "/genesis/22517-02i.csv", bad});
  EXPECT_NE(code, 0);
  EXPECT_NE(err_.find(bad + ":6: Spalte 5: Erwartet: eine Zahl"), std::string::npos) << err_;
  EXPECT_NE(err_.find("\n  Zeile 6: „2023;05513;GE;3;abc“\n"), std::string::npos) << err_;
  EXPECT_NE(err_.find("nichts importiert"), std::string::npos) << err_;
  for (const char* table :
       {"observations", "datasets", "imports", "series", "series_breakdown", "observation_history"}) {
    EXPECT_EQ(count(*db, table), 0) << table;
  }
  // The youth offices 22517-02i brought along are gone with the rest.
  EXPECT_EQ(count(*db, "regions"), regions_before);
}

TEST_P(MonitorImport, EncodingMismatchImportsNothing) {
  auto db = open_with_register();
  int code = import(*db, {kLeavers}, false, "utf-8");
  EXPECT_NE(code, 0);
  EXPECT_NE(err_.find(kLeavers + ":4: Ungültiges UTF-8"), std::string::npos) << err_;
  EXPECT_EQ(count(*db, "observations"), 0);
  EXPECT_EQ(count(*db, "imports"), 0);
  EXPECT_EQ(import(*db, {kLeavers}, false, "klingon"), 2);
}

TEST_P(MonitorImport, DryRunChecksEverythingAndStoresNothing) {
  auto db = open_with_register();
  ASSERT_EQ(import(*db, {kLeavers, kData + "/genesis/22811-01i.csv"}, true), 0) << err_;
  EXPECT_NE(out_.find("Probelauf"), std::string::npos);
  EXPECT_NE(out_.find("Werte 7532"), std::string::npos);
  EXPECT_EQ(count(*db, "observations"), 0);
  EXPECT_EQ(count(*db, "imports"), 0);
}

TEST_P(MonitorImport, SchoolListsMergeIntoInstitutions) {
  auto db = open_with_register();
  ASSERT_EQ(
      import(*db, {kData + "/schools/AS_BS_Verzeichnis_2024_25_mit_Sozialindex.csv",
                   kData + "/schools/sozialindex_schulliste_schuljahr_2025-26.csv", kData + "/schools/schuldaten.csv"}),
      0)
      << err_;
  auto witten = db->query_one(
      "SELECT region_code, sozialindex, sozialindex_period, pupils, pupils_period, x, crs "
      "FROM institutions WHERE code = '131210'");
  ASSERT_TRUE(witten);
  EXPECT_EQ(witten->text(0), "05954036");  // the municipality from the directory stays
  EXPECT_EQ(witten->integer(1), 6);
  EXPECT_EQ(witten->text(2), "2025/26");
  EXPECT_GT(witten->integer(3), 0);
  EXPECT_EQ(witten->text(4), "2024/25");
  EXPECT_FALSE(witten->is_null(5));
  EXPECT_EQ(witten->text(6), "EPSG:25832");
  auto ruhr = db->query_one(
      "SELECT COUNT(*) FROM institutions i JOIN region_members m ON m.member_code = i.region_code "
      "WHERE m.aggregate_code = 'ruhr' AND i.pupils IS NOT NULL AND i.pupils_period = '2024/25'");
  EXPECT_EQ(ruhr->integer(0), 1432);
  EXPECT_EQ(count(*db, "observations"), 0);
  EXPECT_EQ(count(*db, "imports"), 3);
}

TEST_P(MonitorImport, InkarWithDefinitionsAndTheCatalogue) {
  auto db = open_with_register();
  ASSERT_EQ(import(*db, {kData + "/inkar/inkar2024_indikatoren_meta.csv",
                         kData + "/inkar/inkar2024_kinderbetreuung_kreise_2006-2022.csv",
                         kData + "/genesis/regioDB_tables.csv"}),
            0)
      << err_;
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM indicator_definitions WHERE code = 'q_newfBGu15_bev'")->integer(0), 2);
  auto c = db->query_one(
      "SELECT o.value, s.unit, s.label FROM observations o JOIN series s ON s.id = o.series_id "
      "JOIN regions r ON r.id = o.region_id "
      "WHERE s.series_key = 'a_betr0003_bev0003' AND r.code = '05513' AND o.period = '2006'");
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->real(0), 4.33);
  EXPECT_EQ(c->text(1), "Prozent");
  EXPECT_GT(count(*db, "dataset_catalogue"), 780);
  EXPECT_NE(out_.find("Katalogeinträge"), std::string::npos) << out_;
}

TEST_P(MonitorImport, EveryGenesisAndFlatFileInOneRun) {
  auto db = open_with_register();
  std::vector<std::string> files;
  for (const char* dir : {"/genesis", "/ffcsv"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(kData + dir)) {
      if (e.is_regular_file() && e.path().extension() == ".csv") files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_EQ(import(*db, files), 0) << err_;
  // Two layouts of 21611-0002 and 61111-0001: one dataset each, the later import wins.
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM datasets WHERE code = '21611-0002'")->integer(0), 1);
  EXPECT_GT(count(*db, "observations"), 150000);
  // Kreise retired by a reform are historic (data/regions/region_changes.csv),
  // not provisional; Berlin districts and youth offices were added provisionally.
  EXPECT_TRUE(db->query_one("SELECT 1 FROM regions WHERE code = '05354' AND provisional = 0 AND valid_to <> ''"));
  EXPECT_TRUE(db->query_one("SELECT 1 FROM regions WHERE code = 'JH05154008' AND level = 'youth_office'"));
}

TEST_P(MonitorImport, EveryInkarAndSchoolFileInOneRun) {
  auto db = open_with_register();
  std::vector<std::string> files;
  for (const char* dir : {"/inkar", "/schools"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(kData + dir)) {
      if (e.is_regular_file() && e.path().extension() == ".csv") files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 10u);
  ASSERT_EQ(import(*db, files), 0) << err_;
  EXPECT_GT(count(*db, "observations"), 700000);
  EXPECT_EQ(count(*db, "institutions"), 5589);  // the union of the school numbers of all four lists
  // Municipalities newer than the register (Gebietsstand 2018) came from INKAR.
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM regions WHERE provisional = 1")->integer(0), 34);
  auto haan = db->query_one("SELECT region_code, sozialindex FROM institutions WHERE code = '100011'");
  ASSERT_TRUE(haan);
  EXPECT_EQ(haan->text(0), "05158008");
}

// Each kind of bad input, imported after a good file: exit code 1, the error
// names FILE:LINE and what was expected, and the database is unchanged (the
// good file, a small table, rolled back with it).
TEST_P(MonitorImport, BadInputImportsNothing) {
  auto db = open_with_register();
  const std::int64_t regions_before = count(*db, "regions");
  const std::string table_head = "Tabelle: 99999-01i\nTesttabelle;;;;\n;;;Insgesamt;weiblich\n;;;Anzahl;Anzahl\n";
  const std::string table_foot = "__________\nStand: 19.01.2026\n";
  std::string leavers = read(kLeavers);
  std::size_t line200 = 0;
  for (int line = 1; line < 200; ++line) line200 = leavers.find('\n', line200) + 1;
  std::string tabs = leavers;
  for (auto& c : tabs) {
    if (c == ';') c = '\t';
  }
  struct Case {
    std::string name, content, expected;
  };
  const std::vector<Case> cases = {
      {"empty", "", ":1: Leere Datei"},
      {"truncated", leavers.substr(0, line200 + 40), ":200: Spalte 4: Erwartet: 17 Zellen, gefunden: 3"},
      {"wrong_delimiter", tabs, ":2: Falsches Trennzeichen"},
      {"unknown_region", table_head + "2023;05;NRW;1;2\n2023;99999;Nirgendwo;1;2\n" + table_foot,
       ":6: Unbekannter Regionalschlüssel „99999“"},
      {"duplicate", table_head + "2023;05;NRW;1;2\n2023;05513;GE;3;4\n2023;05;NRW;1;2\n" + table_foot,
       ":7: Doppelte Zellen: Region 05, Zeitraum 2023 steht schon in Zeile 5"},
      {"header_only", table_head + table_foot, ":5: Kopfzeile ohne Daten"},
      {"not_a_number", table_head + "2023;05;NRW;1;2\n2023;05513;GE;3;abc\n" + table_foot,
       ":6: Spalte 5: Erwartet: eine Zahl oder eines der Zeichen - . x ... / (), gefunden: „abc“"},
      {"inkar_wrong_delimiter", "raumbezug;kennziffer;name;zeitbezug;a\nKreise;05513000;GE;2020;1.5\n",
       ":1: Falsches Trennzeichen"},
  };
  const std::string good = kData + "/genesis/22542-06i.csv";
  for (const auto& c : cases) {
    std::string path = (dir_ / (c.name + ".csv")).string();
    std::ofstream(path, std::ios::binary) << c.content;
    int code = import(*db, {good, path});
    EXPECT_EQ(code, 1) << c.name;
    EXPECT_NE(err_.find(path + c.expected), std::string::npos) << c.name << ": " << err_;
    EXPECT_EQ(err_.find(good + ":"), std::string::npos) << c.name << ": " << err_;
    EXPECT_EQ(count(*db, "observations"), 0) << c.name;
    EXPECT_EQ(count(*db, "imports"), 0) << c.name;
    EXPECT_EQ(count(*db, "datasets"), 0) << c.name;
    EXPECT_EQ(count(*db, "regions"), regions_before) << c.name;
  }
  // Over the configured size limit.
  ImportOptions options;
  options.files = {kData + "/genesis/22811-01i.csv", kLeavers};
  options.max_file_size = 20000;
  options.progress = false;
  std::ostringstream o, e;
  EXPECT_EQ(run_import_command(options, *db, o, e), 1);
  EXPECT_NE(e.str().find(kLeavers + ": Die Datei hat 54568 Bytes, mehr als die Grenze von 20000 Bytes"),
            std::string::npos)
      << e.str();
  EXPECT_EQ(count(*db, "observations"), 0);
}

TEST_P(MonitorImport, FootnoteThatLooksLikeADataRowIsNotImported) {
  auto db = open_with_register();
  std::string path = (dir_ / "footnote.csv").string();
  std::ofstream(path, std::ios::binary)
      << "Tabelle: 99999-01i\nTesttabelle;;;;\n;;;Insgesamt;weiblich\n;;;Anzahl;Anzahl\n"
         "2023;05;NRW;1;2\n__________\n31.12.2023;05513;Gelsenkirchen;7;8\nStand: 19.01.2026\n";
  ASSERT_EQ(import(*db, {path}), 0) << err_;
  EXPECT_EQ(count(*db, "observations"), 2);
  EXPECT_FALSE(
      db->query_one("SELECT 1 FROM observations o JOIN regions r ON r.id = o.region_id WHERE r.code = '05513'"));
  EXPECT_NE(db->query_one("SELECT footnotes FROM datasets")->text(0).find("31.12.2023;05513"), std::string::npos);
}

TEST_P(MonitorImport, ProgressBarOnRequest) {
  auto db = open_with_register();
  ImportOptions options;
  options.files = {kLeavers};
  options.progress = true;
  std::ostringstream o, e;
  ASSERT_EQ(run_import_command(options, *db, o, e), 0) << e.str();
  EXPECT_NE(e.str().find("100% [1/1] 21111-02-06-4.csv"), std::string::npos) << e.str();
  EXPECT_NE(e.str().find("\r"), std::string::npos);
  EXPECT_EQ(o.str().find('\r'), std::string::npos);  // the summary stays clean
}

RF_BOTH_DATABASES(MonitorImport);

}  // namespace
