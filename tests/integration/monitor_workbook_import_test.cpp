// XLSX workbooks through the import pipeline: an XLSX export of a shipped
// table (written here with libxlsxwriter) imports to the same cells as its
// CSV, on SQLite and PostgreSQL too; formulas, merged cells, several sheets
// and encrypted workbooks give a clear German message.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/import/importer.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"
#include "text/csv.hpp"
#include "text/number.hpp"

namespace {

using namespace rf::monitor;

const std::string kData = RF_TEST_DATA_DIR;
const std::string kLeavers = kData + "/genesis/21111-02-06-4.csv";
const std::string kIncome = kData + "/genesis/82411-01-03-4.csv";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string latin1_to_utf8(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// What a spreadsheet program saving the CSV as XLSX would write: every record
// on the row of the line it starts on, values of data rows as numbers,
// everything else (labels, region codes, markers) as text. `extra` may add
// cells to the sheet before it is closed.
void write_workbook(const std::string& csv, const std::string& xlsx,
                    const std::function<void(lxw_workbook*, lxw_worksheet*)>& extra = {},
                    const char* sheet_name = "Tabelle") {
  lxw_workbook* book = workbook_new(xlsx.c_str());
  ASSERT_NE(book, nullptr);
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name);
  const std::string text = latin1_to_utf8(read(csv));  // the reader keeps a view
  rf::text::CsvReader reader(text, rf::text::CsvOptions{';', '"'});
  while (reader.next()) {
    auto fields = reader.fields();
    auto row = static_cast<lxw_row_t>(reader.line() - 1);
    bool data = fields.size() > 3 && !fields[0].empty() && !fields[0].starts_with("_") && !fields[1].empty();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string cell(fields[i]);
      if (cell.empty()) continue;
      auto col = static_cast<lxw_col_t>(i);
      auto number = rf::text::parse_number(cell, rf::text::NumberStyle::german);
      if (data && (i == 0 || i >= 3) && number) {
        worksheet_write_number(sheet, row, col, *number, nullptr);
      } else {
        worksheet_write_string(sheet, row, col, cell.c_str(), nullptr);
      }
    }
  }
  if (extra) extra(book, sheet);
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
}

using CellKey = std::tuple<std::string, std::string, std::string>;  // series, region, period
struct StoredCell {
  bool has_value;
  double value;
  Status status;
  bool operator==(const StoredCell&) const = default;
};

std::map<CellKey, StoredCell> cells_of(const ParsedTable& t) {
  std::map<CellKey, StoredCell> out;
  for (const auto& c : t.cells) {
    out[{t.series_specs[c.series].key, t.region_list[c.region].code, t.period_list[c.period].key()}] = {
        c.has_value, c.value, c.status};
  }
  return out;
}

class Workbooks : public ::testing::Test {
 protected:
  std::string path(const std::string& name) { return (dir_ / name).string(); }
  rf::test::TempDir dir_;
};

TEST_F(Workbooks, AnXlsxExportImportsToTheSameCellsAsItsCsv) {
  for (const std::string& csv : {kLeavers, kIncome}) {
    std::string name = std::filesystem::path(csv).stem().string() + ".xlsx";
    write_workbook(csv, path(name));
    auto from_csv = parse_file(csv);
    ASSERT_TRUE(from_csv.ok()) << from_csv.error().to_string();
    auto from_xlsx = parse_file(path(name));
    ASSERT_TRUE(from_xlsx.ok()) << from_xlsx.error().to_string();
    EXPECT_EQ(from_xlsx->meta.code, from_csv->meta.code);
    EXPECT_EQ(from_xlsx->meta.title, from_csv->meta.title);
    EXPECT_EQ(from_xlsx->meta.stand, from_csv->meta.stand);
    EXPECT_EQ(from_xlsx->meta.file_name, name);
    EXPECT_EQ(from_xlsx->summary.cells, from_csv->summary.cells);
    EXPECT_GT(from_xlsx->summary.cells, 1000u);
    EXPECT_TRUE(cells_of(*from_xlsx) == cells_of(*from_csv)) << name;
    EXPECT_TRUE(from_xlsx->summary.warnings.empty());
  }
  // Spot checks against the published figures.
  auto t = parse_file(path("21111-02-06-4.xlsx"));
  ASSERT_TRUE(t.ok());
  const SeriesSpec* without = t->find_series({{"h2", "ohne Hauptschulabschluss"}, {"h3", "Insgesamt"}});
  ASSERT_NE(without, nullptr);
  ASSERT_NE(t->find("05513", "2023", without->key), nullptr);
  EXPECT_EQ(t->find("05513", "2023", without->key)->value, 370);
}

TEST_F(Workbooks, AFormulaIsRefusedNamingItsCell) {
  std::string file = path("formel.xlsx");
  write_workbook(kLeavers, file, [](lxw_workbook*, lxw_worksheet* sheet) {
    // Row 12 (Flensburg), column F: "=90" instead of the value.
    worksheet_write_formula_num(sheet, 11, 5, "=45+45", nullptr, 90);
  });
  auto t = parse_file(file);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 12u);
  EXPECT_NE(t.error().message.find("Zelle F12 enthält eine Formel"), std::string::npos) << t.error().message;
  EXPECT_EQ(t.error().to_string().rfind(file + ":12: Zelle F12", 0), 0u) << t.error().to_string();
}

TEST_F(Workbooks, MergedCellsAreRefusedNamingTheRange) {
  std::string file = path("verbunden.xlsx");
  write_workbook(kLeavers, file, [](lxw_workbook*, lxw_worksheet* sheet) {
    worksheet_merge_range(sheet, 6, 3, 6, 16, "Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss",
                          nullptr);
  });
  auto t = parse_file(file);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 7u) << t.error().to_string();
  EXPECT_NE(t.error().message.find("verbundene Zellen (D7:Q7)"), std::string::npos) << t.error().message;
}

TEST_F(Workbooks, SeveralSheetsTheFirstOrTheNamedOne) {
  std::string file = path("mappe.xlsx");
  write_workbook(
      kIncome, file,
      [](lxw_workbook* book, lxw_worksheet*) {
        lxw_worksheet* notes = workbook_add_worksheet(book, "Erläuterungen");
        worksheet_write_string(notes, 0, 0, "Nur Text", nullptr);
      },
      "Daten");
  auto first = parse_file(file);
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->meta.code, "82411-01-03-4");
  ASSERT_EQ(first->summary.warnings.size(), 1u);
  EXPECT_NE(first->summary.warnings[0].find("2 Blätter („Daten“, „Erläuterungen“): gelesen wurde "
                                            "das erste, „Daten“"),
            std::string::npos)
      << first->summary.warnings[0];

  ParseOptions named;
  named.sheet = "Daten";
  auto daten = parse_file(file, named);
  ASSERT_TRUE(daten.ok()) << daten.error().to_string();
  EXPECT_TRUE(daten->summary.warnings.empty());
  EXPECT_EQ(daten->summary.cells, first->summary.cells);

  named.sheet = "Erläuterungen";
  auto text_only = parse_file(file, named);
  ASSERT_FALSE(text_only.ok());
  EXPECT_NE(text_only.error().message.find("Unbekanntes Dateiformat"), std::string::npos) << text_only.error().message;

  named.sheet = "Fehlt";
  auto missing = parse_file(file, named);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("kein Blatt „Fehlt“. Erwartet: eines von „Daten“, "
                                         "„Erläuterungen“"),
            std::string::npos)
      << missing.error().message;
}

TEST_F(Workbooks, AnEncryptedWorkbookIsExplained) {
  // Excel saves a workbook with a password as an OLE compound file holding
  // the encrypted package; its signature is what the importer sees first.
  std::string file = path("geschuetzt.xlsx");
  std::string bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  bytes += std::string(4096, '\0');
  std::ofstream(file, std::ios::binary) << bytes;
  auto t = parse_file(file);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("mit einem Kennwort verschlüsselt"), std::string::npos) << t.error().message;
  EXPECT_EQ(t.error().to_string().rfind(file + ": Die Arbeitsmappe", 0), 0u) << t.error().to_string();
}

TEST_F(Workbooks, ABrokenArchiveIsExplained) {
  std::string file = path("kaputt.xlsx");
  std::ofstream(file, std::ios::binary) << std::string("PK\x03\x04 nicht mehr", 15);
  auto t = parse_file(file);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("keine XLSX-Arbeitsmappe"), std::string::npos) << t.error().message;
}

class WorkbookImport : public rf::test::BothDatabases {
 protected:
  rf::test::TempDir dir_;
};

TEST_P(WorkbookImport, StoresTheSameCellsAsTheCsvWithTheWorkbookAsSource) {
  std::string file = (dir_ / "21111-02-06-4.xlsx").string();
  write_workbook(kLeavers, file);
  auto db = open_fresh();
  rf::db::migrate(*db, RF_SOURCE_DIR + "/migrations");
  ASSERT_EQ(load_region_register(*db, RF_SOURCE_DIR + "/data"), 0);
  ImportOptions options;
  options.files = {file};
  options.who = "test";
  options.progress = false;
  ImportRun run = import_files(options, *db, {});
  ASSERT_EQ(run.exit_code, 0) << run.error;
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM observations")->integer(0), 7532);
  auto source = db->query_one("SELECT file_name, encoding FROM imports");
  ASSERT_TRUE(source);
  EXPECT_EQ(source->text(0), "21111-02-06-4.xlsx");
  EXPECT_EQ(source->text(1), "xlsx, Blatt „Tabelle“");
  // The CSV of the same edition changes nothing: same cells, no history.
  options.files = {kLeavers};
  ImportRun again = import_files(options, *db, {});
  ASSERT_EQ(again.exit_code, 0) << again.error;
  ASSERT_EQ(again.files.size(), 1u);
  EXPECT_EQ(again.files[0].history_rows, 0);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM observation_history")->integer(0), 0);
}

RF_BOTH_DATABASES(WorkbookImport);

}  // namespace
