// The update report names the figures of the built report, through the app's
// wiring, on both databases. The demo report is built once (without profiles)
// on the shipped statistics; each database holds the shipped leavers and
// income tables, and a new edition of the leavers table (one value revised)
// goes through the real binary
// (`ruhrfutur import --report`, the report folder from RF_REPORT_DIR) and
// through a dry run on the import page (the whole app router): both name the
// web code of the chapter figure that reads the table, and not the one of the
// income figure. Without a built report both say so in German.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "app/routes.hpp"
#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/indicators.hpp"
#include "monitor/monitor.hpp"
#include "report/geo_data.hpp"
#include "report/monitor_data.hpp"
#include "report/report.hpp"
#include "support/child_process.hpp"
#include "support/database_params.hpp"
#include "support/http_client.hpp"
#include "support/served_app.hpp"
#include "support/shipped_statistics.hpp"
#include "support/temp_dir.hpp"
#include "text/files.hpp"
#include "web/accounts.hpp"

namespace rf::app {
namespace {

namespace fs = std::filesystem;

const std::string kData = RF_SOURCE_DIR + "/data";
const std::string kLeavers = kData + "/genesis/21111-02-06-4.csv";
const std::string kIncome = kData + "/genesis/82411-01-03-4.csv";
const std::string kPassword = "ein-langes-passwort";

// Imports the first editions of both tables.
void import_first_editions(db::Database& db) {
  monitor::ImportOptions options;
  options.files = {kLeavers, kIncome};
  options.data_dir = kData;
  options.progress = false;
  options.who = "test";
  auto run = monitor::import_files(options, db);
  ASSERT_EQ(run.exit_code, 0) << run.error;
}

class AppUpdateReport : public test::BothDatabases {
 protected:
  // The demo report (without profiles), built once for both databases (the
  // report folder is files only); its cross references need every shipped table.
  static void SetUpTestSuite() {
    report_ = new test::TempDir();
    std::string url;
    ASSERT_NO_FATAL_FAILURE(test::shipped_statistics_database(report_->path(), &url));
    auto db = db::open(url);
    auto geo = report::load_geo_data(RF_SOURCE_DIR);
    std::vector<std::string> kreise;
    for (const auto& [code, feature] : geo.kreise) kreise.push_back(code);
    report::MonitorData data(monitor::load_indicators(*db, kData + "/indicators.yaml"),
                             kData + "/regions/rvr_municipalities.csv", kreise);
    report::ReportBuildOptions options;
    options.report_dir = RF_SOURCE_DIR + "/reports/bildungsmonitoring-ruhr";
    options.out_dir = built();
    options.profiles = false;
    options.root = RF_SOURCE_DIR;
    options.progress = false;
    std::ostringstream out, err;
    ASSERT_EQ(report::build_report(options, data, out, err), 0) << err.str();
  }
  static void TearDownTestSuite() {
    delete report_;
    report_ = nullptr;
  }
  static fs::path built() { return report_->path() / "bericht"; }
  // The web code of a figure, by its anchor, from the codes the report serves.
  static std::string code_of(const std::string& anchor) {
    auto codes = nlohmann::json::parse(text::read_file(built() / "codes.json").value_or("{}"));
    for (const auto& [code, url] : codes["codes"].items()) {
      if (url.get<std::string>().ends_with("#" + anchor)) return code;
    }
    return "";
  }

  void SetUp() override {
    database_url_ = fresh_url();
    auto db = db::open(database_url_);
    db::migrate(*db, RF_SOURCE_DIR + "/migrations");
    ASSERT_NO_FATAL_FAILURE(import_first_editions(*db));
    web::create_user(*db, "daten@example.org", "Dana", kPassword, {"data_steward"});
    // The next edition: Gelsenkirchen's 2023 "ohne Hauptschulabschluss" 370 → 371.
    std::string text = text::read_file(kLeavers).value_or("");
    const std::string before = "2023;05513;      Gelsenkirchen, kreisfreie Stadt;2845;1360;370;";
    const std::size_t at = text.find(before);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, before.size(), "2023;05513;      Gelsenkirchen, kreisfreie Stadt;2845;1360;371;");
    revised_text_ = text;
    revised_ = (work_.path() / "21111-02-06-4.csv").string();
    std::ofstream(revised_, std::ios::binary) << text;
  }

  // `ruhrfutur import --report` on the new edition; its output (stdout and stderr).
  std::string import_with_binary(const fs::path& report_dir, bool dry_run) {
    std::vector<std::string> argv{RF_BINARY, "import", "--database", database_url_, "--report"};
    if (dry_run) argv.push_back("--dry-run");
    argv.push_back(revised_);
    test::ChildProcess child(argv, {{"RF_REPORT_DIR", report_dir.string()}, {"RF_CONFIG", ""}},
                             work_.path() / "import.log");
    EXPECT_TRUE(test::wait_until([&child] { return !child.running(); }, 300));
    EXPECT_EQ(child.terminate(), 0) << child.log();
    return child.log();
  }

  // A dry run of the new edition on the import page of the whole app, its
  // report folder `report_dir`; the page.
  std::string dry_run_on_page(const fs::path& report_dir) {
    web::Settings settings;
    settings.root = RF_SOURCE_DIR;
    settings.var_dir = work_.path() / "var";
    settings.report_dir = report_dir;
    test::ServedApp app(settings, database_url_, register_all_routes);
    const auto port = app.port();

    auto login_form = test::get(port, "/anmelden");
    auto login = test::post_form(port, "/anmelden",
                                 {{"_csrf", test::hidden_csrf(login_form.body)},
                                  {"email", "daten@example.org"},
                                  {"password", kPassword},
                                  {"weiter", "/konto"}},
                                 {{"Cookie", "rf_csrf=" + test::cookie_value(login_form, "rf_csrf")}});
    const std::string cookie = "rf_session=" + test::cookie_value(login, "rf_session");
    auto form = test::get(port, "/daten/import", {{"Cookie", cookie}});
    EXPECT_EQ(form.status, 200);
    auto dry = test::post_multipart(port, "/daten/import",
                                    {{"_csrf", test::hidden_csrf(form.body), ""},
                                     {"kodierung", "auto", ""},
                                     {"aktion", "probelauf", ""},
                                     {"dateien", revised_text_, "21111-02-06-4.csv"}},
                                    {{"Cookie", cookie}});
    EXPECT_EQ(dry.status, 200) << dry.body.substr(0, 2000);
    return dry.body;
  }

  static test::TempDir* report_;
  test::TempDir work_;
  std::string database_url_;
  std::string revised_, revised_text_;
};

test::TempDir* AppUpdateReport::report_ = nullptr;

TEST_P(AppUpdateReport, NamesTheReportFiguresOfTheRevisedTable) {
  // The chapter figure ranking the Kreise by leavers without a Hauptschulabschluss reads the
  // table; the income figure does not.
  const std::string leavers = code_of("abb-ohne-abschluss-rang");
  const std::string income = code_of("abb-einkommen");
  ASSERT_EQ(leavers.size(), 5u);
  ASSERT_EQ(income.size(), 5u);

  const std::string out = import_with_binary(built(), /*dry_run=*/true);
  EXPECT_NE(out.find("revidiert: 1 von"), std::string::npos) << out;
  // The two figures and two tables of the indicators that read the table.
  EXPECT_NE(out.find("betroffene Abbildungen des Berichts: 4\n"), std::string::npos) << out;
  EXPECT_NE(out.find("    Webcode " + leavers +
                     " „Schulabgänger/-innen ohne Hauptschulabschluss nach Kreisen und kreisfreien Städten“ (Kapitel 3 "
                     "Allgemeinbildende Schulen): /bericht/kapitel/03-allgemeinbildende-schulen.html"
                     "#abb-ohne-abschluss-rang\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("    Webcode " + code_of("tab-uebersicht") + " „"), std::string::npos) << out;
  EXPECT_EQ(out.find(income), std::string::npos) << out;

  const std::string page = dry_run_on_page(built());
  EXPECT_NE(page.find("<h3>Betroffene Abbildungen des Berichts</h3>"), std::string::npos) << page;
  // The link to the figure (the templates write "/" as "&#x2F;").
  EXPECT_NE(page.find("<a href=\"&#x2F;bericht&#x2F;kapitel&#x2F;03-allgemeinbildende-schulen.html"
                      "#abb-ohne-abschluss-rang\">Webcode " +
                      leavers + ": "),
            std::string::npos)
      << page;
  EXPECT_EQ(page.find("Webcode " + income), std::string::npos);
}

TEST_P(AppUpdateReport, WithoutABuiltReportSaysSo) {
  const fs::path none = work_.path() / "kein-bericht";
  const std::string out = import_with_binary(none, /*dry_run=*/false);
  EXPECT_NE(out.find("betroffene Abbildungen des Berichts: unbekannt (Es ist kein Bildungsbericht erstellt, daher "
                     "lassen sich die betroffenen Abbildungen nicht nennen.)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("importiert: 1 Datei(en)"), std::string::npos) << out;

  const std::string page = dry_run_on_page(none);
  EXPECT_NE(page.find("Es ist kein Bildungsbericht erstellt, daher lassen sich die betroffenen Abbildungen nicht "
                      "nennen."),
            std::string::npos)
      << page;
  EXPECT_EQ(page.find("Webcode "), std::string::npos);
}

RF_BOTH_DATABASES(AppUpdateReport);

}  // namespace
}  // namespace rf::app
