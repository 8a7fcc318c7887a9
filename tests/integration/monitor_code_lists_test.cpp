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

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>
#include <fstream>
#include <sstream>

#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "monitor/engine/code_lists.hpp"
#include "monitor/monitor.hpp"
#include "web/accounts.hpp"
#include "web/middleware.hpp"
#include "web/templates.hpp"
#include "web/web.hpp"
#include "support/http_client.hpp"
#include "support/running_server.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/import/import_command.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"
#include "text/files.hpp"

namespace rf::monitor {
namespace {

const std::string kData = RF_SOURCE_DIR + "/data/";
const std::string kLeavers2023 = RF_TEST_DATA_DIR + "/genesis/21111-02-06-4.csv";
constexpr const char* kIndicator = "schulabgaenger_ohne_abschluss";

std::string read(const std::string& path) { return text::read_file(path).value(); }

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
    db_url_ = fresh_url();
    db_ = db::open(db_url_);
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
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
  std::string db_url_;
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

// The steward's page: a bad upload refused with FILE:LINE and nothing stored;
// an empty version in force (the series stops at 2023); the new edition tied
// to the indicators with a preview (nothing stored), then taken over: the
// indicator page, the API and the downloads' data package carry the break footnote.
class MonitorCodeListPages : public MonitorCodeLists {
 protected:
  void SetUp() override {
    MonitorCodeLists::SetUp();
    const std::string url = db_url_;
    web::create_user(*db_, "daten@example.org", "Dana", kPassword, {"data_steward"});
    std::ostringstream out, err;
    ASSERT_EQ(run_import_command(options(kLeavers2023), *db_, out, err), 0) << err.str();
    ASSERT_EQ(run_import_command(options(edition_2024()), *db_, out, err), 0) << err.str();
    config_.root = RF_SOURCE_DIR;
    config_.var_dir = dir_.path() / "var";
    pool_ = std::make_unique<db::Pool>(url, 4);
    templates_ = std::make_unique<web::Templates>(config_.root / "templates");
    services_ = std::make_unique<web::Services>(web::Services{config_, *pool_, *templates_});
    router_.use(web::input_validation_middleware());
    router_.use(web::session_middleware(*services_));
    web::register_account_routes(router_, *services_);
    register_routes(router_, *services_);
    server_ = std::make_unique<test::RunningServer>(router_);
  }
  void TearDown() override {
    server_.reset();
    pool_.reset();
  }
  unsigned short port() const { return server_->port(); }

  std::string login() {
    auto form = test::get(port(), "/anmelden");
    std::string anon = test::cookie_value(form, "rf_csrf");
    auto r = test::post_form(port(), "/anmelden",
                             {{"_csrf", test::hidden_csrf(form.body)},
                              {"email", "daten@example.org"},
                              {"password", kPassword},
                              {"weiter", "/konto"}},
                             {{"Cookie", "rf_csrf=" + anon}});
    return "rf_session=" + test::cookie_value(r, "rf_session");
  }
  test::HttpResponse post(const std::string& cookie, const std::string& target, test::HeaderList fields) {
    auto page = test::get(port(), "/monitor/codelisten", {{"Cookie", cookie}});
    fields.insert(fields.begin(), {"_csrf", test::hidden_csrf(page.body)});
    return test::post_form(port(), target, fields, {{"Cookie", cookie}});
  }
  // Every instance takes a new version within a second (the view's version
  // check) plus the cube's rebuild: ask until `done` or 30 s passed.
  test::HttpResponse get_until(const std::string& target, const std::function<bool(const std::string&)>& done) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      auto r = test::get(port(), target);
      if (done(r.body) || std::chrono::steady_clock::now() > until) return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  std::int64_t versions() { return db_->query_one("SELECT COUNT(*) FROM code_lists")->integer(0); }

  static constexpr const char* kPassword = "ein-langes-passwort";
  web::Settings config_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<web::Templates> templates_;
  std::unique_ptr<web::Services> services_;
  http::Router router_;
  std::unique_ptr<test::RunningServer> server_;
};

TEST_P(MonitorCodeListPages, StewardTiesTheNewEditionAfterAPreview) {
  const std::string cookie = login();
  // A visitor sees the lists in force (the shipped file) but no forms.
  auto visitor = test::get(port(), "/monitor/codelisten");
  ASSERT_EQ(visitor.status, 200);
  EXPECT_NE(visitor.body.find("codelists.yaml · "), std::string::npos);
  EXPECT_EQ(visitor.body.find("/monitor/codelisten/ausgabe"), std::string::npos);
  auto anonymous = test::post_form(port(), "/monitor/codelisten", {{"yaml", "code_lists: []"}});
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_NE(anonymous.header("Location").find("/anmelden"), std::string::npos);
  EXPECT_EQ(versions(), 0);

  // A broken upload: refused whole, FILE:LINE, the text kept.
  const std::string broken =
      "code_lists:\n  - dimension: Tabelle\n    entries:\n      - code: A\n        synonyms:\n"
      "          - {code: B, from: Juli}\n";
  auto refused = post(cookie, "/monitor/codelisten", {{"yaml", broken}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Textfeld:6: Synonym von &#39;A&#39;: &#39;from&#39; muss eine Jahreszahl sein"),
            std::string::npos)
      << refused.body.substr(0, 3000);
  EXPECT_NE(refused.body.find("from: Juli}"), std::string::npos);
  EXPECT_EQ(versions(), 0);

  // An empty version: the series stops at 2023.
  auto empty = post(cookie, "/monitor/codelisten", {{"yaml", "code_lists: []\n"}, {"kommentar", "leer"}});
  ASSERT_EQ(empty.status, 303) << empty.body;
  EXPECT_EQ(versions(), 1);
  auto api = get_until(std::string("/api/v1/indicators/") + kIndicator, [](const std::string& body) {
    return body.find("\"periods\":[\"2023\"]") != std::string::npos;
  });
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(api.body.find("Ab 2024"), std::string::npos) << api.body.substr(0, 1500);

  // Wrong input keeps what was typed.
  auto wrong = post(cookie, "/monitor/codelisten/ausgabe",
                    {{"alt", "21111-02-06-4"}, {"neu", "21111-02-06-4-B"}, {"ab", "zwanzig"}, {"aktion", "vorschau"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("„Ab Jahr“: eine Jahreszahl wie 2024 erwartet, nicht „zwanzig“."), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"zwanzig\""), std::string::npos);

  const test::HeaderList tie{{"alt", "21111-02-06-4"},
                             {"neu", "21111-02-06-4-B"},
                             {"ab", "2024"},
                             {"dimension", "Abschlussart"},
                             {"bezeichnungen",
                              "ohne Hauptschulabschluss = ohne Ersten Schulabschluss\n"
                              "mit Hauptschulabschluss = mit Erstem Schulabschluss"}};
  auto preview_fields = tie;
  preview_fields.push_back({"aktion", "vorschau"});
  auto preview = post(cookie, "/monitor/codelisten/ausgabe", preview_fields);
  ASSERT_EQ(preview.status, 200) << preview.body.substr(0, 2000);
  EXPECT_EQ(versions(), 1);  // a preview stores nothing
  // The leavers' table: 2024 has no value before and one after.
  auto table_at = preview.body.find(std::string("data-indicator=\"") + kIndicator + "\"");
  ASSERT_NE(table_at, std::string::npos);
  auto table = preview.body.substr(table_at, preview.body.find("</table>", table_at) - table_at);
  auto row_2024 = table.substr(table.find("<th scope=\"row\">2024</th>"));
  row_2024 = row_2024.substr(0, row_2024.find("</tr>"));
  EXPECT_NE(row_2024.find("<td>–</td><td><strong>"), std::string::npos) << row_2024;
  EXPECT_NE(row_2024.find("%</strong>"), std::string::npos) << row_2024;
  auto row_2023 = table.substr(table.find("<th scope=\"row\">2023</th>"));
  row_2023 = row_2023.substr(0, row_2023.find("</tr>"));
  EXPECT_EQ(row_2023.find("<strong>"), std::string::npos) << row_2023;  // unchanged
  EXPECT_NE(preview.body.find("Ab 2024 Tabelle 21111-02-06-4-B"), std::string::npos);

  auto take_fields = tie;
  take_fields.push_back({"aktion", "uebernehmen"});
  auto taken = post(cookie, "/monitor/codelisten/ausgabe", take_fields);
  ASSERT_EQ(taken.status, 303) << taken.body.substr(0, 2000);
  EXPECT_EQ(versions(), 2);
  auto stored = parse_code_lists(db_->query_one("SELECT yaml FROM code_lists ORDER BY id DESC LIMIT 1")->text(0));
  ASSERT_TRUE(stored.lists);
  EXPECT_EQ(stored.lists->lists.size(), 2u);

  const std::string label_note =
      "Ab 2024 „ohne Ersten Schulabschluss“ (bis 2023: „ohne Hauptschulabschluss“, Abschlussart); Bruch in der Reihe.";
  auto page = get_until(std::string("/monitor/indikatoren/") + kIndicator,
                        [&label_note](const std::string& body) { return body.find(label_note) != std::string::npos; });
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(label_note), std::string::npos) << page.body;
  api = test::get(port(), std::string("/api/v1/indicators/") + kIndicator);
  EXPECT_NE(api.body.find(label_note), std::string::npos);
  EXPECT_NE(api.body.find("\"2024\""), std::string::npos);
  // The downloads' description (footnotes beside the data, as in the XLSX's information sheet).
  auto package = test::get(port(), std::string("/api/v1/indicators/") + kIndicator + "/datapackage.json");
  ASSERT_EQ(package.status, 200);
  EXPECT_NE(package.body.find(label_note), std::string::npos);
  auto lists = test::get(port(), "/monitor/codelisten", {{"Cookie", cookie}});
  EXPECT_NE(lists.body.find("Fassung 2"), std::string::npos);
  EXPECT_NE(lists.body.find("ohne Ersten Schulabschluss"), std::string::npos);
}

RF_BOTH_DATABASES(MonitorCodeListPages);

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
  EXPECT_EQ(bad.errors[3],
            "codelists.yaml:12: Synonym von 'ohne Hauptschulabschluss': 'from' (das Jahr der Änderung) fehlt");

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
