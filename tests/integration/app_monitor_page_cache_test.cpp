// The monitor's page cache in the whole app, on both databases, seen through
// the page-cache counters on /metrics: an editor's content save leaves the
// monitor's cached pages alone (no monitor page shows content), while a new
// statistics version makes them be rendered anew.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <thread>

#include "app/routes.hpp"
#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/indicators.hpp"
#include "monitor/monitor.hpp"
#include "support/database_params.hpp"
#include "support/http_client.hpp"
#include "support/served_app.hpp"
#include "support/temp_dir.hpp"
#include "web/accounts.hpp"

namespace rf::app {
namespace {

using test::cookie_value;
using test::hidden_csrf;

const std::string kPage = "/monitor/indikatoren/schulabgaenger_ohne_abschluss";
const test::HeaderList& kVisitor = test::kFixedVisitor;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// The page caches look at the shared versions at most once a second.
void wait_for_the_version_check() { std::this_thread::sleep_for(std::chrono::milliseconds(1200)); }

class MonitorPageCacheTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    database_url_ = prepared_url("leavers table", [](const std::string& url) {
      auto db = db::open(url);
      db::migrate(*db, RF_SOURCE_DIR + "/migrations");
      monitor::ImportOptions options;
      options.files = {RF_SOURCE_DIR + "/data/genesis/21111-02-06-4.csv"};
      options.data_dir = RF_SOURCE_DIR + "/data/";
      options.progress = false;
      std::ostringstream out, err;
      if (monitor::run_import_command(options, *db, out, err) != 0) throw std::runtime_error(err.str());
      monitor::bump_statistics_version(*db);
    });
    {
      auto db = db::open(database_url_);
      web::create_user(*db, "redaktion@example.org", "Erika", "ein-langes-passwort", {"editor"});
    }
    web::Settings settings;
    settings.root = RF_SOURCE_DIR;
    settings.var_dir = var_.path();
    settings.report_dir = report_.path();
    app_ = std::make_unique<test::ServedApp>(settings, database_url_, register_all_routes);
  }
  unsigned short port() const { return app_->port(); }

  // A counter of the monitor's page cache from /metrics (on loopback without a token).
  std::uint64_t monitor_cache(const std::string& family, const std::string& cache = "monitor") {
    auto r = test::get(port(), "/metrics");
    EXPECT_EQ(r.status, 200);
    const std::string line = "rf_page_cache_" + family + "{cache=\"" + cache + "\"} ";
    const auto at = r.body.find("\n" + line);
    if (at == std::string::npos) {
      ADD_FAILURE() << line << "missing in\n" << r.body.substr(0, 3000);
      return 0;
    }
    return std::stoull(r.body.substr(at + 1 + line.size()));
  }

  std::string visit(const std::string& target) {
    auto r = test::get(port(), target, kVisitor);
    EXPECT_EQ(r.status, 200) << target;
    return r.body;
  }

  // An editor logs in and saves a new news item as a browser does ("Speichern
  // und veröffentlichen" in /redaktion/meldungen/neu).
  void editor_saves_news(const std::string& title) {
    auto form = test::get(port(), "/anmelden");
    auto login = test::post_form(port(), "/anmelden",
                                 {{"_csrf", hidden_csrf(form.body)},
                                  {"email", "redaktion@example.org"},
                                  {"password", "ein-langes-passwort"},
                                  {"weiter", "/redaktion"}},
                                 {{"Cookie", "rf_csrf=" + cookie_value(form, "rf_csrf")}});
    ASSERT_EQ(login.status, 303) << login.body.substr(0, 500);
    const std::string cookie = "rf_session=" + cookie_value(login, "rf_session");
    auto editor = test::get(port(), "/redaktion/meldungen/neu", {{"Cookie", cookie}});
    ASSERT_EQ(editor.status, 200) << editor.body.substr(0, 500);
    auto saved = test::post_multipart(port(), "/redaktion/meldungen/neu",
                                      {{"_csrf", hidden_csrf(editor.body), ""},
                                       {"title", title, ""},
                                       {"slug", "", ""},
                                       {"item_date", "2026-12-01", ""},
                                       {"summary", "Kurz gemeldet.", ""},
                                       {"body", "Text der Meldung.", ""},
                                       {"action", "publish", ""}},
                                      {{"Cookie", cookie}});
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 1000);
    EXPECT_TRUE(contains(saved.header("Location"), "hinweis=veroeffentlicht")) << saved.header("Location");
  }

  std::string database_url_;
  test::TempDir var_, report_;
  std::unique_ptr<test::ServedApp> app_;
};

TEST_P(MonitorPageCacheTest, AContentSaveLeavesTheMonitorPagesCachedAndNewStatisticsDoNot) {
  const std::string first = visit(kPage);
  ASSERT_TRUE(contains(first, "Schulabgänger")) << first.substr(0, 2000);
  EXPECT_EQ(visit(kPage), first);
  const auto hits = monitor_cache("hits_total");
  const auto misses = monitor_cache("misses_total");
  const auto clears = monitor_cache("clears_total");
  EXPECT_GE(hits, 1u);
  EXPECT_GE(misses, 1u);
  EXPECT_GE(monitor_cache("entries"), 1u);
  EXPECT_FALSE(contains(visit("/aktuelles"), "Ferienakademie im Sommer"));

  // An editor's save: the portal shows it at once, the monitor's page still comes from memory.
  editor_saves_news("Ferienakademie im Sommer");
  wait_for_the_version_check();
  EXPECT_TRUE(contains(visit("/aktuelles"), "Ferienakademie im Sommer"));
  EXPECT_EQ(visit(kPage), first);
  EXPECT_EQ(monitor_cache("hits_total"), hits + 1);
  EXPECT_EQ(monitor_cache("misses_total"), misses);
  EXPECT_EQ(monitor_cache("clears_total"), clears);

  // New statistics (an import here or on another instance): the page is rendered anew, once.
  {
    auto db = app_->pool().acquire();
    monitor::bump_statistics_version(*db);
  }
  wait_for_the_version_check();
  EXPECT_EQ(visit(kPage), first);  // the same numbers: nothing but the version changed
  EXPECT_EQ(monitor_cache("misses_total"), misses + 1);
  EXPECT_GE(monitor_cache("clears_total"), clears + 1);
  EXPECT_EQ(visit(kPage), first);
  EXPECT_EQ(monitor_cache("hits_total"), hits + 2);
}

// Every module's cache of anonymous pages is listed under its name.
TEST_P(MonitorPageCacheTest, EveryModulesPageCacheIsOnMetrics) {
  for (const char* page : {"/", "/suche?q=Schule", "/daten/datensaetze", "/netzwerk/agenda"}) visit(page);
  for (const char* cache : {"portal", "search", "datasets", "network"}) {
    EXPECT_EQ(monitor_cache("misses_total", cache), 1u) << cache;
    EXPECT_EQ(monitor_cache("entries", cache), 1u) << cache;
    EXPECT_GT(monitor_cache("bytes", cache), 1000u) << cache;
  }
}

RF_BOTH_DATABASES(MonitorPageCacheTest);

}  // namespace
}  // namespace rf::app
