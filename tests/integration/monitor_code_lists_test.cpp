// Code lists carry an indicator across a new edition of its table.
//
// The 2024 edition of the school-leavers table (21111-02-06-4) is not
// published yet in the layout the issue describes, so the test builds it from
// the shipped 2023 table (tests/data/genesis/21111-02-06-4.csv, a real
// Regionaldatenbank export) by renaming: the table code gets the suffix -B,
// "ohne Hauptschulabschluss" becomes "ohne Ersten Schulabschluss", "mit
// Hauptschulabschluss" becomes "mit Erstem Schulabschluss", the year 2023
// becomes 2024, and Gelsenkirchen's leavers without a first certificate drop
// from 370 to 300 so that the two years differ. Without a code-list entry the
// indicator stops at 2023; with one it continues into 2024, reading the new
// table and labels, and says so in a footnote ("Ab 2024 …"). On SQLite and
// PostgreSQL. The file format's checks (FILE:LINE messages) are tested too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "db/migrations.hpp"
#include "monitor/engine/code_lists.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/import/import_command.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"

namespace rf::monitor {
namespace {

const std::string kData = RF_SOURCE_DIR "/data/";
const std::string kLeavers2023 = RF_TEST_DATA_DIR "/genesis/21111-02-06-4.csv";
constexpr const char* kIndicator = "schulabgaenger_ohne_abschluss";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int replace_all(std::string& s, const std::string& from, const std::string& to) {
  int n = 0;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
    ++n;
  }
  return n;
}

// A code list of the test: only the entries the 2024 edition needs.
const char* kEntry = R"(code_lists:
  - dimension: Tabelle
    entries:
      - code: "21111-02-06-4"
        synonyms:
          - {code: "21111-02-06-4-B", from: 2024}
  - dimension: Abschlussart
    tables: ["21111-02-06-4"]
    entries:
      - code: "ohne Hauptschulabschluss"
        synonyms:
          - {code: "ohne Ersten Schulabschluss", from: 2024}
)";

class MonitorCodeLists : public test::BothDatabases {
 protected:
  void SetUp() override {
    db_ = db::open(fresh_url());
    db::migrate(*db_, RF_SOURCE_DIR "/migrations");
    // The shipped catalogue in a folder without the shipped code lists.
    std::filesystem::copy_file(kData + "indicators.yaml", dir_.path() / "indicators.yaml");
  }

  ImportOptions options(const std::string& file) {
    ImportOptions o;
    o.files = {file};
    o.data_dir = kData;
    o.progress = false;
    o.who = "test";
    return o;
  }

  std::string edition_2024() {
    std::string bytes = read(kLeavers2023);
    EXPECT_EQ(replace_all(bytes, "GENESIS-Tabelle: 21111-02-06-4", "GENESIS-Tabelle: 21111-02-06-4-B"), 1);
    EXPECT_EQ(replace_all(bytes, ";ohne Hauptschulabschluss", ";ohne Ersten Schulabschluss"), 2);
    EXPECT_EQ(replace_all(bytes, ";mit Hauptschulabschluss", ";mit Erstem Schulabschluss"), 2);
    EXPECT_GT(replace_all(bytes, "\n2023;", "\n2024;"), 400);
    // Gelsenkirchen: total 2845, without a first certificate 370 → 300.
    EXPECT_EQ(replace_all(bytes, "\n2024;05513;      Gelsenkirchen, kreisfreie Stadt;2845;1360;370;",
                          "\n2024;05513;      Gelsenkirchen, kreisfreie Stadt;2845;1360;300;"),
              1);
    const std::string path = (dir_.path() / "21111-02-06-4-B.csv").string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  IndicatorView view() { return load_indicators(*db_, dir_.path() / "indicators.yaml"); }

  test::TempDir dir_;
  std::unique_ptr<db::Database> db_;
};

TEST_P(MonitorCodeLists, LeaversContinueIntoTheRenamedEditionWithTheBreakFootnoted) {
  std::ostringstream out, err;
  ASSERT_EQ(run_import_command(options(kLeavers2023), *db_, out, err), 0) << err.str();
  ASSERT_EQ(run_import_command(options(edition_2024()), *db_, out, err), 0) << err.str();

  // Without a code-list entry the series stops at 2023.
  {
    auto v = view();
    auto periods = v.periods(kIndicator);
    ASSERT_FALSE(periods.empty());
    EXPECT_EQ(periods.back(), "2023");
    EXPECT_FALSE(v.value(kIndicator, "05513", "2024").value);
    for (const auto& f : v.find(kIndicator)->footnotes) EXPECT_EQ(f.find("Ab 2024"), std::string::npos) << f;
  }

  // The entry, stored as a data steward's version.
  ASSERT_TRUE(parse_code_lists(kEntry).lists);
  db_->insert("INSERT INTO code_lists (yaml, comment, uploaded_at) VALUES (?, ?, ?)",
              {std::string(kEntry), std::string("2024er Ausgabe"), std::int64_t{1}});
  auto v = view();
  EXPECT_EQ(v.state()->code_lists_origin, "Fassung 1");
  auto periods = v.periods(kIndicator);
  ASSERT_FALSE(periods.empty());
  EXPECT_EQ(periods.back(), "2024");
  auto before = v.value(kIndicator, "05513", "2023");
  auto after = v.value(kIndicator, "05513", "2024");
  ASSERT_TRUE(before.value);
  ASSERT_TRUE(after.value);
  EXPECT_NEAR(*before.value, 100.0 * 370 / 2845, 1e-9);
  EXPECT_NEAR(*after.value, 100.0 * 300 / 2845, 1e-9);
  EXPECT_NE(after.source.find("21111-02-06-4-B"), std::string::npos) << after.source;
  EXPECT_EQ(before.source.find("21111-02-06-4-B"), std::string::npos) << before.source;
  // The value's notes and the indicator's footnotes (page, API, downloads) mark the break.
  const std::string table_note = "Ab 2024 Tabelle 21111-02-06-4-B (bis 2023: 21111-02-06-4); Bruch in der Reihe.";
  const std::string label_note =
      "Ab 2024 „ohne Ersten Schulabschluss“ (bis 2023: „ohne Hauptschulabschluss“, Abschlussart); Bruch in der Reihe.";
  std::string notes;
  for (const auto& n : after.notes) notes += n + "\n";
  EXPECT_NE(notes.find(table_note), std::string::npos) << notes;
  EXPECT_NE(notes.find(label_note), std::string::npos) << notes;
  for (const auto& n : before.notes) EXPECT_EQ(n.find("Ab 2024"), std::string::npos) << n;
  const auto& footnotes = v.find(kIndicator)->footnotes;
  EXPECT_NE(std::find(footnotes.begin(), footnotes.end(), table_note), footnotes.end());
  EXPECT_NE(std::find(footnotes.begin(), footnotes.end(), label_note), footnotes.end());
  // The groups follow too: women in Gelsenkirchen, from the renamed column.
  auto women = v.value(kIndicator, "05513", "2024", {"sex", "female"});
  ASSERT_TRUE(women.value);
  EXPECT_NEAR(*women.value, *v.value(kIndicator, "05513", "2023", {"sex", "female"}).value, 1e-9);
  // An aggregate over the Ruhr's Kreise continues as well.
  EXPECT_TRUE(v.value(kIndicator, "ruhr", "2024").value);
  // The indicator that only reads the total (no renamed label) follows the new table code.
  EXPECT_TRUE(v.value("schulabgaenger_hochschulreife", "05513", "2024").value);
}

RF_BOTH_DATABASES(MonitorCodeLists);

// The file's checks: every problem as FILE:LINE in German, all or nothing.
TEST(CodeListFile, ProblemsNameFileAndLine) {
  auto bad = parse_code_lists(R"(code_lists:
  - dimension: Tabelle
    entries:
      - code: "21111-02-06-4"
        synonyms:
          - {code: "21111 02 06 4 B", from: 2024}
  - dimension: Abschlussart
    entries:
      - code: "ohne Hauptschulabschluss"
        synonyms:
          - {code: "ohne Ersten Schulabschluss", from: zweitausendvierundzwanzig}
          - {code: "x", frm: 2024}
)",
                              "codelists.yaml");
  EXPECT_FALSE(bad.lists);
  ASSERT_EQ(bad.errors.size(), 4u);
  EXPECT_EQ(bad.errors[0],
            "codelists.yaml:6: Synonym von '21111-02-06-4': '21111 02 06 4 B' ist kein Tabellencode (nur Buchstaben, "
            "Ziffern, '-', '_' und '.')");
  EXPECT_EQ(bad.errors[1],
            "codelists.yaml:11: Synonym von 'ohne Hauptschulabschluss': 'from' muss eine Jahreszahl sein, nicht "
            "'zweitausendvierundzwanzig'");
  EXPECT_EQ(bad.errors[2], "codelists.yaml:12: unbekannter Schlüssel 'frm' (erlaubt: code, from, note)");
  EXPECT_EQ(bad.errors[3], "codelists.yaml:12: Synonym von 'ohne Hauptschulabschluss': 'from' (das Jahr der Änderung) fehlt");

  auto syntax = parse_code_lists("code_lists:\n  - dimension: [Tabelle\n", "upload.yaml");
  ASSERT_EQ(syntax.errors.size(), 1u);
  EXPECT_EQ(syntax.errors[0].rfind("upload.yaml:3: kein gültiges YAML", 0), 0u) << syntax.errors[0];

  auto twice = parse_code_lists(
      "code_lists:\n  - dimension: Tabelle\n    entries:\n      - code: A\n        synonyms: [{code: B, from: 2024}, "
      "{code: C, from: 2024}]\n");
  ASSERT_EQ(twice.errors.size(), 1u);
  EXPECT_EQ(twice.errors[0], "codelists.yaml:5: Synonym von 'A': für 2024 ist schon 'B' eingetragen");
}

TEST(CodeListFile, ShippedFileParsesAndRoundTrips) {
  auto shipped = parse_code_lists(read(kData + "codelists.yaml"));
  ASSERT_TRUE(shipped.lists) << (shipped.errors.empty() ? "" : shipped.errors[0]);
  ASSERT_EQ(shipped.lists->lists.size(), 2u);
  EXPECT_EQ(shipped.lists->lists[0].dimension, "Tabelle");
  auto again = parse_code_lists(code_lists_yaml(*shipped.lists));
  ASSERT_TRUE(again.lists);
  EXPECT_EQ(code_lists_yaml(*again.lists), code_lists_yaml(*shipped.lists));
  EXPECT_EQ(again.lists->lists[1].entries[0].synonyms[0].code, "ohne Ersten Schulabschluss");
  EXPECT_EQ(again.lists->lists[1].entries[0].synonyms[0].from, 2024);
}

}  // namespace
}  // namespace rf::monitor
