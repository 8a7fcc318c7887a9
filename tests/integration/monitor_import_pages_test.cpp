// The statistics pages behind the real server on both databases: role checks,
// a dry run that stores nothing, the import of the same upload by its hash,
// the import log, a bad file named by FILE:LINE, the dataset browser and its
// CSV/XLSX downloads.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>

#include <fstream>
#include <sstream>
#include <thread>

#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "http/server.hpp"
#include "monitor/store/dataset_table.hpp"
#include "monitor/pages/import_pages.hpp"
#include "monitor/import/input.hpp"
#include "support/database_params.hpp"
#include "support/http_client.hpp"
#include "support/running_server.hpp"
#include "support/temp_dir.hpp"
#include "text/csv.hpp"
#include "text/xlsx.hpp"
#include "web/chain.hpp"

namespace rf::monitor {
namespace {

using test::cookie_value;
using test::hidden_csrf;
using test::HttpResponse;
using Part = test::FormPart;

const std::string kLeavers = RF_SOURCE_DIR + "/data/genesis/21111-02-06-4.csv";
const std::string kPassword = "ein-langes-passwort";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class MonitorImportPages : public test::BothDatabases {
 protected:
  void SetUp() override {
    database_url_ = fresh_url();
    config_.root = RF_SOURCE_DIR;
    config_.var_dir = var_.path();
    db_ = db::open(database_url_);
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
    web::create_user(*db_, "daten@example.org", "Dana", kPassword, {"data_steward"});
    web::create_user(*db_, "redaktion@example.org", "Erika", kPassword, {"editor"});
    pool_ = std::make_unique<db::Pool>(database_url_, 4);
    templates_ = std::make_unique<web::Templates>(config_.root / "templates");
    services_ = std::make_unique<web::Services>(web::Services{config_, *pool_, *templates_});
    web::use_standard_chain(router_, *services_);
    web::register_account_routes(router_, *services_);
    register_import_routes(router_, *services_);
    server_ = std::make_unique<test::RunningServer>(router_);
  }
  unsigned short port() const { return server_->port(); }

  // Logs in; returns the session cookie header.
  std::string login(const std::string& email) {
    auto form = test::get(port(), "/anmelden");
    std::string anon = cookie_value(form, "rf_csrf");
    auto r = test::post_form(
        port(), "/anmelden",
        {{"_csrf", hidden_csrf(form.body)}, {"email", email}, {"password", kPassword}, {"weiter", "/konto"}},
        {{"Cookie", "rf_csrf=" + anon}});
    return "rf_session=" + cookie_value(r, "rf_session");
  }

  HttpResponse post_import(const std::string& cookie, std::vector<Part> parts) {
    auto form = test::get(port(), "/daten/import", {{"Cookie", cookie}});
    parts.insert(parts.begin(), Part{"_csrf", hidden_csrf(form.body), ""});
    return test::post_multipart(port(), "/daten/import", parts, {{"Cookie", cookie}});
  }

  std::int64_t count(const std::string& table) { return db_->query_one("SELECT COUNT(*) FROM " + table)->integer(0); }

  // Dry run, then import of the same upload by its hash.
  void import_leavers(const std::string& cookie) { import_text(cookie, read(kLeavers)); }
  void import_text(const std::string& cookie, const std::string& text) {
    auto dry = post_import(
        cookie, {{"kodierung", "auto", ""}, {"aktion", "probelauf", ""}, {"dateien", text, "21111-02-06-4.csv"}});
    ASSERT_EQ(dry.status, 200) << dry.body;
    auto done = post_import(
        cookie, {{"datei", sha256_hex(text), ""}, {"kodierung", "auto", ""}, {"aktion", "importieren", ""}});
    ASSERT_EQ(done.status, 200) << done.body;
    ASSERT_NE(done.body.find("Import abgeschlossen"), std::string::npos) << done.body;
  }

  test::TempDir var_;
  std::string database_url_;
  web::Settings config_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<web::Templates> templates_;
  std::unique_ptr<web::Services> services_;
  http::Router router_;
  std::unique_ptr<test::RunningServer> server_;
};

TEST_P(MonitorImportPages, VisitorsAreSentToLoginOthersForbidden) {
  auto visitor = test::get(port(), "/daten/import");
  EXPECT_EQ(visitor.status, 303);
  EXPECT_NE(visitor.header("Location").find("/anmelden"), std::string::npos);
  EXPECT_EQ(test::get(port(), "/daten/importe").status, 303);
  const std::string editor = login("redaktion@example.org");
  EXPECT_EQ(test::get(port(), "/daten/import", {{"Cookie", editor}}).status, 403);
  EXPECT_EQ(test::get(port(), "/daten/importe", {{"Cookie", editor}}).status, 403);
  // The dataset browser is open data.
  EXPECT_EQ(test::get(port(), "/daten/datensaetze").status, 200);
}

// A 40 MB upload is refused from its header alone when the sender may not
// import: the server answers before a byte of the body and reads none of it.
TEST_P(MonitorImportPages, LargeUploadsNeedTheRoleBeforeTheBodyIsRead) {
  const std::string head =
      "POST /daten/import HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 40000000\r\n";
  test::HttpConnection visitor(port());
  visitor.send(head + "\r\n");
  auto v = visitor.read_response();
  EXPECT_EQ(v.status, 303);
  EXPECT_NE(v.header("Location").find("/anmelden"), std::string::npos);
  EXPECT_TRUE(visitor.wait_closed(std::chrono::seconds(5)));

  test::HttpConnection editor(port());
  editor.send(head + "Cookie: " + login("redaktion@example.org") + "\r\n\r\n");
  EXPECT_EQ(editor.read_response().status, 403);
  EXPECT_TRUE(editor.wait_closed(std::chrono::seconds(5)));

  // A form route takes no large body at all, whoever sends it.
  test::HttpConnection steward(port());
  steward.send(
      "POST /anmelden HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 40000000\r\n\r\n");
  EXPECT_EQ(steward.read_response().status, 413);
}

TEST_P(MonitorImportPages, UploadsLeftAfterADryRunAreRemovedAfterADay) {
  const std::string cookie = login("daten@example.org");
  const auto uploads = var_.path() / "uploads";
  const std::string stale_hash(64, 'a'), fresh_hash(64, 'b');
  for (const auto& hash : {stale_hash, fresh_hash}) {
    std::filesystem::create_directories(uploads / hash);
    std::ofstream(uploads / hash / "alt.csv") << "x";
  }
  std::filesystem::last_write_time(uploads / stale_hash,
                                   std::filesystem::file_time_type::clock::now() - std::chrono::hours(25));
  auto dry = post_import(
      cookie,
      {{"kodierung", "auto", ""}, {"aktion", "probelauf", ""}, {"dateien", read(kLeavers), "21111-02-06-4.csv"}});
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_FALSE(std::filesystem::exists(uploads / stale_hash));
  EXPECT_TRUE(std::filesystem::exists(uploads / fresh_hash));
  EXPECT_TRUE(std::filesystem::exists(uploads / sha256_hex(read(kLeavers))));  // this dry run's file
}

TEST_P(MonitorImportPages, DryRunShowsTheSummaryAndStoresNothing) {
  const std::string cookie = login("daten@example.org");
  auto form = test::get(port(), "/daten/import", {{"Cookie", cookie}});
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<label for=\"dateien\">"), std::string::npos);
  auto r = post_import(
      cookie,
      {{"kodierung", "auto", ""}, {"aktion", "probelauf", ""}, {"dateien", read(kLeavers), "21111-02-06-4.csv"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Probelauf ohne Fehler"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("21111-02-06-4"), std::string::npos);
  EXPECT_NE(r.body.find("7.532"), std::string::npos);  // cells
  EXPECT_NE(r.body.find("1.955"), std::string::npos);  // '-' markers
  EXPECT_NE(r.body.find("windows-1252"), std::string::npos);
  const std::string sha = sha256_hex(read(kLeavers));
  EXPECT_NE(r.body.find("name=\"datei\" value=\"" + sha + "\""), std::string::npos);
  EXPECT_EQ(count("observations"), 0);
  EXPECT_EQ(count("imports"), 0);
  EXPECT_TRUE(std::filesystem::exists(var_.path() / "uploads" / sha / "21111-02-06-4.csv"));
}

TEST_P(MonitorImportPages, ImportByHashIsLoggedWithProvenance) {
  const std::string cookie = login("daten@example.org");
  import_leavers(cookie);
  EXPECT_EQ(count("observations"), 7532);
  auto import = db_->query_one("SELECT file_name, imported_by FROM imports");
  ASSERT_TRUE(import);
  EXPECT_EQ(import->text(0), "21111-02-06-4.csv");
  EXPECT_EQ(import->text(1), "daten@example.org");
  auto log = test::get(port(), "/daten/importe", {{"Cookie", cookie}});
  ASSERT_EQ(log.status, 200);
  EXPECT_NE(log.body.find(sha256_hex(read(kLeavers))), std::string::npos);
  EXPECT_NE(log.body.find("21111-02-06-4.csv"), std::string::npos);
  EXPECT_NE(log.body.find("dl-de"), std::string::npos);  // the licence
  EXPECT_NE(log.body.find("13.03.2025"), std::string::npos);
  // An unknown or malformed hash is not a path.
  auto forged = post_import(cookie, {{"datei", "../../etc/passwd", ""}, {"aktion", "importieren", ""}});
  EXPECT_EQ(forged.status, 422);
  EXPECT_EQ(count("imports"), 1);
}

TEST_P(MonitorImportPages, BadFileNamesTheLineAndStoresNothing) {
  const std::string cookie = login("daten@example.org");
  const std::string bad =
      "Tabelle: 99999-01i\nTesttabelle;;;;\n;;;Insgesamt;weiblich\n;;;Anzahl;Anzahl\n"
      "2023;05;NRW;1;2\n2023;05513;GE;3;abc\n__________\nStand: 19.01.2026\n";
  auto r = post_import(
      cookie, {{"kodierung", "windows-1252", ""}, {"aktion", "importieren", ""}, {"dateien", bad, "kaputt.csv"}});
  EXPECT_EQ(r.status, 422);
  // German, with file, line and column, and the offending line quoted.
  EXPECT_NE(r.body.find("<code>kaputt.csv:6: Spalte 5: Erwartet: eine Zahl oder eines der Zeichen"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("gefunden: „abc“</code>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Zeile 6 der Datei: <code>2023;05513;GE;3;abc</code>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"windows-1252\" selected"), std::string::npos);  // the choice is kept
  EXPECT_EQ(count("observations"), 0);
  EXPECT_EQ(count("imports"), 0);
  EXPECT_EQ(count("datasets"), 0);
  // Nothing chosen at all.
  auto empty = post_import(cookie, {{"aktion", "probelauf", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("mindestens eine"), std::string::npos);
}

// A new edition of an imported table: the dry run already shows what it
// changes (new year, revised values old → new, the indicators reading it).
TEST_P(MonitorImportPages, DryRunOfANewEditionShowsTheUpdateReport) {
  const std::string cookie = login("daten@example.org");
  import_leavers(cookie);
  std::string edition = read(kLeavers);
  const std::string old_row = "2023;05513;      Gelsenkirchen, kreisfreie Stadt;2845;1360;370;";
  std::size_t at = edition.find(old_row);
  ASSERT_NE(at, std::string::npos);
  edition.replace(at, old_row.size(), "2023;05513;      Gelsenkirchen, kreisfreie Stadt;2845;1360;371;");
  edition.insert(
      edition.find("\n__________") + 1,
      "2024;05513;      Gelsenkirchen, kreisfreie Stadt;2800;1300;350;130;520;230;1090;490;165;80;-;-;870;500\n");
  auto r = post_import(
      cookie, {{"kodierung", "auto", ""}, {"aktion", "probelauf", ""}, {"dateien", edition, "21111-02-06-4.csv"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Was sich mit diesen Dateien ändert"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<dt>Neue Zeiträume</dt><dd>2024</dd>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<dt>Revidierte Werte</dt><dd>1 von 7.532 bereits veröffentlichten (0,0 %)</dd>"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("05513 Gelsenkirchen, krfr. Stadt, 2023, "), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(": 370 → 371</li>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("href=\"/monitor/indikatoren/schulabgaenger_ohne_abschluss\""), std::string::npos);
  EXPECT_EQ(count("observation_history"), 0);  // a dry run
}

TEST_P(MonitorImportPages, DatasetBrowserAndDownloads) {
  import_leavers(login("daten@example.org"));
  auto list = test::get(port(), "/daten/datensaetze");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("/daten/datensaetze/21111-02-06-4"), std::string::npos);

  auto page = test::get(port(), "/daten/datensaetze/21111-02-06-4?region=05513");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Gelsenkirchen"), std::string::npos);
  EXPECT_NE(page.body.find(">370</td>"), std::string::npos);
  EXPECT_NE(page.body.find(">2.845</td>"), std::string::npos);
  EXPECT_NE(page.body.find("title=\"genau null (nichts vorhanden)\">-</td>"), std::string::npos);
  EXPECT_NE(page.body.find("13.03.2025"), std::string::npos);         // Stand
  EXPECT_NE(page.body.find("Rundungsverfahren"), std::string::npos);  // footnotes
  // The full table is paginated.
  auto full = test::get(port(), "/daten/datensaetze/21111-02-06-4");
  EXPECT_NE(full.body.find("seite=2"), std::string::npos);
  EXPECT_EQ(test::get(port(), "/daten/datensaetze/gibt-es-nicht").status, 404);

  auto csv = test::get(port(), "/daten/datensaetze/21111-02-06-4.csv?region=05513");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBFRegionalschlüssel;Region;Zeitraum;Merkmal;Einheit;Wert;Status\r\n"));
  EXPECT_NE(csv.body.find("05513;Gelsenkirchen"), std::string::npos) << csv.body.substr(0, 400);
  EXPECT_NE(csv.body.find(";Anzahl;370;\r\n"), std::string::npos) << csv.body.substr(0, 800);
  EXPECT_NE(csv.body.find(";Anzahl;;-\r\n"), std::string::npos);
  EXPECT_EQ(csv.body.find("05111"), std::string::npos);  // filtered
  // A filtered download leaves nothing in the temporary folder: it is kept in
  // the download folder for the next request with the same filter.
  EXPECT_TRUE(!std::filesystem::exists(var_.path() / "tmp") || std::filesystem::is_empty(var_.path() / "tmp"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(var_.path() / "downloads"), {}), 1);
  EXPECT_EQ(test::get(port(), "/daten/datensaetze/21111-02-06-4.csv?region=05513").body, csv.body);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(var_.path() / "downloads"), {}), 1);
  // The whole table is written once per statistics version and then reused.
  auto whole = test::get(port(), "/daten/datensaetze/21111-02-06-4.csv");
  ASSERT_EQ(whole.status, 200);
  EXPECT_NE(whole.body.find("05111;"), std::string::npos);
  EXPECT_EQ(whole.header("Content-Length"), std::to_string(whole.body.size()));
  auto files_after_first = std::distance(std::filesystem::directory_iterator(var_.path() / "downloads"), {});
  EXPECT_EQ(test::get(port(), "/daten/datensaetze/21111-02-06-4.csv").body, whole.body);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(var_.path() / "downloads"), {}), files_after_first);
  EXPECT_EQ(files_after_first, 2);  // the filtered one and the whole table

  auto xlsx = test::get(port(), "/daten/datensaetze/21111-02-06-4.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK\x03\x04"));
  EXPECT_GT(xlsx.body.size(), 10000u);
  EXPECT_NE(xlsx.body.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

// Labels from imported files that a spreadsheet would run as formulas reach
// neither the Excel-dialect CSV nor the XLSX as formulas; numbers stay numbers.
TEST_P(MonitorImportPages, DownloadsNeutraliseSpreadsheetFormulas) {
  std::string text = read(kLeavers);
  auto replace_all = [&text](const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace_all("Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss", "@SUM(1+1)");
  replace_all(";ohne Hauptschulabschluss", ";\"=HYPERLINK(\"\"http://evil.example\"\";\"\"Klick\"\")\"");
  import_text(login("daten@example.org"), text);

  auto is_trigger = [](std::string_view cell) {
    return !cell.empty() && cell != "-" && std::string_view("=+@\t\r").find(cell.front()) != std::string_view::npos;
  };
  auto csv = test::get(port(), "/daten/datensaetze/21111-02-06-4.csv");
  ASSERT_EQ(csv.status, 200);
  text::CsvReader reader(std::string_view(csv.body).substr(3), {';', '"'});
  std::size_t neutralised = 0, negative_or_plain_numbers = 0;
  while (reader.next()) {
    for (std::string_view cell : reader.fields()) {
      EXPECT_FALSE(is_trigger(cell)) << "line " << reader.line() << ": " << cell;
      if (cell.starts_with("'=HYPERLINK(") || cell.starts_with("'@SUM(1+1)")) ++neutralised;
      if (!cell.empty() && std::isdigit(static_cast<unsigned char>(cell.front()))) ++negative_or_plain_numbers;
    }
  }
  EXPECT_GT(neutralised, 0u) << csv.body.substr(0, 600);
  EXPECT_GT(negative_or_plain_numbers, 0u);

  auto xlsx = test::get(port(), "/daten/datensaetze/21111-02-06-4.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  const auto path = var_.path() / "formeln.xlsx";
  std::ofstream(path, std::ios::binary) << xlsx.body;
  text::XlsxReader book(path);
  std::size_t neutralised_cells = 0;
  book.read_sheet("Daten", [&](std::size_t row, const std::vector<std::string>& cells) {
    for (const auto& cell : cells) {
      EXPECT_FALSE(is_trigger(cell)) << "row " << row << ": " << cell;
      if (cell.starts_with("'=HYPERLINK(") || cell.starts_with("'@SUM(1+1)")) ++neutralised_cells;
    }
    return true;
  });
  EXPECT_GT(neutralised_cells, 0u);
}

// The page's rows come from an in-memory index per dataset import; with a
// series filter they come from SQL. Both must agree, and a new import must
// be seen at once.
TEST_P(MonitorImportPages, RowIndexAgreesWithSqlAndFollowsReimports) {
  const std::string cookie = login("daten@example.org");
  import_leavers(cookie);
  auto dataset = find_dataset(*db_, "21111-02-06-4");
  ASSERT_TRUE(dataset);
  const auto series = dataset_series(*db_, dataset->id);
  RowIndexCache cache;
  auto rows_of = [&](TableFilter filter, bool through_sql) {
    if (through_sql) {
      for (const auto& s : series) filter.series.push_back(s.id);  // every series: the same rows
    }
    return read_table_page(*db_, cache, dataset->id, filter, series, 0, 1000000);
  };
  for (const auto& [level, region] : std::vector<std::pair<std::string, std::string>>{
           {"", ""}, {"county", ""}, {"", "gelsen"}, {"", "051"}, {"state", "nord"}}) {
    TableFilter filter;
    filter.level = level;
    filter.region = region;
    auto index = rows_of(filter, false);
    auto sql = rows_of(filter, true);
    ASSERT_EQ(index.total_rows, sql.total_rows) << level << "/" << region;
    ASSERT_EQ(index.rows.size(), sql.rows.size());
    for (std::size_t i = 0; i < index.rows.size(); ++i) {
      EXPECT_EQ(index.rows[i].region_code + " " + index.rows[i].period,
                sql.rows[i].region_code + " " + sql.rows[i].period);
    }
    EXPECT_EQ(index.cells, sql.cells);
  }
  TableFilter flensburg;
  flensburg.region = "01001";
  EXPECT_EQ(rows_of(flensburg, false).total_rows, 1);
  const auto all_rows = rows_of({}, false).total_rows;
  EXPECT_GT(all_rows, 400);

  // A revised edition without Flensburg's row: the index is rebuilt.
  std::string text = read(kLeavers);
  std::size_t at = text.find("2023;01001;");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.find('\n', at) + 1 - at);
  import_text(cookie, text);
  EXPECT_EQ(rows_of(flensburg, false).total_rows, 0);
  EXPECT_EQ(rows_of({}, false).total_rows, all_rows - 1);
  auto page = test::get(port(), "/daten/datensaetze/21111-02-06-4?region=01001");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Flensburg"), std::string::npos);
}

RF_BOTH_DATABASES(MonitorImportPages);

}  // namespace
}  // namespace rf::monitor
