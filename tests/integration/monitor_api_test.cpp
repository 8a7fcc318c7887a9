// The monitor's HTTP side on both databases: JSON shapes of the API, errors,
// downloads, the pages, goals and the catalogue upload (role and CSRF checks),
// dispatched through the router with the session middleware.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "web/accounts.hpp"
#include "web/templates.hpp"
#include "web/web.hpp"
#include "monitor/store/goals.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/indicators.hpp"
#include "monitor/monitor.hpp"
#include "support/database_params.hpp"
#include "support/five_tables.hpp"
#include "support/served_app.hpp"
#include "support/temp_dir.hpp"
#include "web/chain.hpp"

using nlohmann::json;
using namespace rf;

namespace {

const std::string kData = std::string(RF_SOURCE_DIR) + "/data/";

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
  return n;
}

// Requests dispatched through the router of `app()` (no socket), with the
// session middleware in front of the monitor's routes.
class MonitorRequests : public test::BothDatabases {
 protected:
  virtual test::ServedApp& app() = 0;

  // The monitor's routes over a copy of the database with the five tables.
  static std::unique_ptr<test::ServedApp> serve(const std::filesystem::path& var_dir, const std::string& url) {
    web::Settings settings;
    settings.root = RF_SOURCE_DIR;
    settings.var_dir = var_dir;
    return std::make_unique<test::ServedApp>(settings, url, [](http::Router& router, web::Services& services) {
      web::use_standard_chain(router, services);
      monitor::register_routes(router, services);
    });
  }

  http::Response get(const std::string& target, const std::string& cookie = "") {
    http::Request req;
    req.method = "GET";
    req.target = target;
    auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = http::parse_urlencoded(target.substr(q + 1));
    if (!cookie.empty()) req.headers["Cookie"] = cookie;
    req.remote_address = "127.0.0.1";
    auto res = app().router().dispatch(req);
    if (!res.body_file.empty()) {  // what the server would stream
      std::ifstream in(res.body_file, std::ios::binary);
      res.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return res;
  }
  http::Response post(const std::string& path, const std::string& body, const std::string& cookie = "") {
    http::Request req;
    req.method = "POST";
    req.target = path;
    req.path = path;
    req.body = body;
    req.headers["Content-Type"] = "application/x-www-form-urlencoded";
    if (!cookie.empty()) req.headers["Cookie"] = cookie;
    req.remote_address = "127.0.0.1";
    return app().router().dispatch(req);
  }
  json get_json(const std::string& target, int status = 200) {
    auto res = get(target);
    EXPECT_EQ(res.status, status) << target << ": " << res.body.substr(0, 300);
    EXPECT_NE(res.header("Content-Type").find("application/json"), std::string::npos) << target;
    return json::parse(res.body);
  }
};

// The cases that only read: per database kind they share one copy of the
// database and one router over it, so that the cube is built once per kind
// instead of once per case.
class MonitorApiReading : public MonitorRequests {
 protected:
  static void SetUpTestSuite() { shared_ = new test::ServedPerKind(); }
  static void TearDownTestSuite() {
    delete shared_;
    shared_ = nullptr;
  }
  void SetUp() override {
    app_ = &shared_->get(GetParam(), [kind = GetParam()](const std::filesystem::path& var_dir) {
      return serve(var_dir, test::five_tables_url(kind));
    });
  }
  test::ServedApp& app() override { return *app_; }

  static test::ServedPerKind* shared_;
  test::ServedApp* app_ = nullptr;
};

test::ServedPerKind* MonitorApiReading::shared_ = nullptr;

// The cases that write (goals, the catalogue, versions): each on its own copy
// of the database with its own router.
class MonitorApi : public MonitorRequests {
 protected:
  void SetUp() override {
    const auto url = test::five_tables_url(GetParam());
    {
      auto db = db::open(url);
      steward_id_ = web::create_user(*db, "daten@example.org", "Dana", "ein-langes-passwort", {"data_steward"});
      editor_id_ = web::create_user(*db, "redaktion@example.org", "Erik", "ein-langes-passwort", {"editor"});
    }
    app_ = serve(var_.path(), url);
  }
  test::ServedApp& app() override { return *app_; }

  // A session for the user: the cookie header and the form's CSRF token.
  std::pair<std::string, std::string> session(std::int64_t user) {
    auto lease = app_->pool().acquire();
    auto token = web::create_session(*lease, user, "127.0.0.1", "test");
    auto s = web::load_session(*lease, token);
    return {"rf_session=" + token, s->csrf_token};
  }

  test::TempDir var_;
  std::unique_ptr<test::ServedApp> app_;
  std::int64_t steward_id_ = 0, editor_id_ = 0;
};

TEST_P(MonitorApiReading, ValuesJsonShape) {
  auto j = get_json("/api/v1/indicators/schulabgaenger_ohne_abschluss/values?region=ruhr&period=2023");
  EXPECT_EQ(j["indicator"], "schulabgaenger_ohne_abschluss");
  EXPECT_EQ(j["unit"], "%");
  ASSERT_EQ(j["values"].size(), 1u);
  const auto& v = j["values"][0];
  EXPECT_EQ(v["region"], "ruhr");
  EXPECT_EQ(v["period"], "2023");
  EXPECT_NEAR(v["value"].get<double>(), 100.0 * 3900 / 50415, 1e-9);
  EXPECT_EQ(v["status"], "ok");

  // Repeated regions, all periods, breakdown by sex.
  j = get_json("/api/v1/indicators/schulabgaenger_ohne_abschluss/values?region=ruhr&region=nrw&region=05913&by=sex");
  ASSERT_EQ(j["values"].size(), 6u);  // 3 regions × 1 period × 2 groups
  std::set<std::string> groups;
  for (const auto& row : j["values"]) {
    groups.insert(row["sex"].get<std::string>());
    EXPECT_TRUE(row["value"].is_number());
  }
  EXPECT_EQ(groups, (std::set<std::string>{"female", "male"}));

  // Weighted rates are flagged "e"; a Kreis has its own published rate.
  j = get_json("/api/v1/indicators/kita_quote_u3/values?region=ruhr&region=05513&period=2020");
  EXPECT_EQ(j["values"][0]["status"], "e");
  EXPECT_EQ(j["values"][1]["status"], "ok");

  // Without regions: the standard set; rows for levels without data are left out.
  j = get_json("/api/v1/indicators/schulabgaenger_ohne_abschluss/values?period=2023");
  std::set<std::string> regions;
  for (const auto& row : j["values"]) regions.insert(row["region"].get<std::string>());
  EXPECT_TRUE(regions.count("ruhr") && regions.count("05") && regions.count("DG") && regions.count("05913"));
  EXPECT_FALSE(regions.count("05913000"));  // a Gemeinde: no data in a Kreis table
  // Schools exist for Gemeinden.
  j = get_json("/api/v1/indicators/schulen_sozialindex_6plus/values?period=2024/25");
  regions.clear();
  for (const auto& row : j["values"]) regions.insert(row["region"].get<std::string>());
  EXPECT_TRUE(regions.count("05913000"));
  auto school_row =
      std::find_if(j["values"].begin(), j["values"].end(), [](const json& r) { return r["region"] == "ruhr"; });
  ASSERT_NE(school_row, j["values"].end());
  EXPECT_TRUE((*school_row)["excluded"].is_number());
}

TEST_P(MonitorApiReading, ClearJsonErrors) {
  auto j = get_json("/api/v1/indicators/gibt_es_nicht/values", 404);
  EXPECT_EQ(j["error"]["status"], 404);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("gibt_es_nicht"), std::string::npos);
  j = get_json("/api/v1/indicators/schulabgaenger_ohne_abschluss/values?region=atlantis", 400);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("Unbekannte Region"), std::string::npos);
  j = get_json("/api/v1/indicators/schulabgaenger_ohne_abschluss/values?period=gestern", 400);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("Ungültiger Zeitraum"), std::string::npos);
  j = get_json("/api/v1/indicators/schulabgaenger_ohne_abschluss/values?period=1990", 400);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("keine Daten"), std::string::npos);
  j = get_json("/api/v1/indicators/schulabgaenger_ohne_abschluss/values?by=alter", 400);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("sex"), std::string::npos);
  get_json("/api/v1/datasets/00000-00/daten.csv", 404);
  get_json("/api/v1/regions?level=planet", 400);
}

TEST_P(MonitorApiReading, CatalogueRegionsDatasetsAndOpenApi) {
  auto j = get_json("/api/v1/indicators");
  ASSERT_GE(j["indicators"].size(), 15u);
  const auto& first = j["indicators"][0];
  for (const char* key : {"id", "title", "definition", "stage", "unit", "polarity", "source", "links"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  j = get_json("/api/v1/indicators/kita_quote_u3");
  EXPECT_EQ(j["stage"], "Frühe Bildung");
  EXPECT_EQ(j["sources"][0]["kind"], "rate");
  EXPECT_EQ(j["periods"][0], "2006");
  j = get_json("/api/v1/regions?level=aggregate");
  std::set<std::string> codes;
  for (const auto& r : j["regions"]) codes.insert(r["code"].get<std::string>());
  EXPECT_TRUE(codes.count("ruhr") && codes.count("rheinland-ohne-ruhr") && codes.count("westfalen-ohne-ruhr"));
  EXPECT_EQ(j["aliases"]["nrw"], "05");
  j = get_json("/api/v1/regions/ruhr");
  EXPECT_EQ(j["member_kreise"].size(), 15u);
  j = get_json("/api/v1/datasets");
  bool found = false;
  for (const auto& d : j["datasets"]) found = found || d["code"] == "21111-02-06-4";
  EXPECT_TRUE(found);
  j = get_json("/api/v1/openapi.json");
  EXPECT_EQ(j["openapi"], "3.0.3");
  EXPECT_TRUE(j["paths"].contains("/api/v1/indicators/{id}/values"));
  EXPECT_TRUE(j["paths"].contains("/api/v1/regions"));
  EXPECT_TRUE(j["paths"].contains("/api/v1/datasets"));
  EXPECT_TRUE(j["components"]["schemas"].contains("Values"));
}

TEST_P(MonitorApiReading, Downloads) {
  auto csv = get("/api/v1/indicators/schulabgaenger_ohne_abschluss/daten.csv?region=ruhr&region=05113&by=sex");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("Content-Disposition").find("schulabgaenger_ohne_abschluss.csv"), std::string::npos);
  EXPECT_EQ(csv.body.substr(0, csv.body.find("\r\n")),
            "indicator,region,region_name,period,sex,value,value_exact,status,unit,missing_members");
  EXPECT_EQ(count(csv.body, "\r\n"), 5u);  // header + 2 regions × 2 groups
  // The German spreadsheet dialect of the same rows.
  auto excel = get("/api/v1/indicators/schulabgaenger_ohne_abschluss/excel.csv?region=ruhr&region=05113&by=sex");
  ASSERT_EQ(excel.status, 200);
  EXPECT_EQ(excel.header("Content-Disposition"), "attachment; filename=\"schulabgaenger_ohne_abschluss_excel.csv\"");
  EXPECT_EQ(excel.body.substr(0, excel.body.find("\r\n")),
            "\xEF\xBB\xBFIndikator;Regionalschlüssel;Region;Zeitraum;Gruppe;Wert;Status;Einheit;Fehlende Mitglieder");
  EXPECT_EQ(count(excel.body, "\r\n"), 5u);
  EXPECT_NE(excel.body.find(";ruhr;"), std::string::npos) << excel.body;
  auto package = get("/api/v1/indicators/schulabgaenger_ohne_abschluss/datapackage.json");
  ASSERT_EQ(package.status, 200);
  auto p = json::parse(package.body);
  EXPECT_EQ(p["resources"][0]["path"], "daten.csv");
  bool labelled = false;
  for (const auto& f : p["resources"][0]["schema"]["fields"]) {
    if (f["name"] != "value") continue;
    for (const auto& m : f["missingValues"]) labelled = labelled || (m["value"] == "." && m.contains("label"));
  }
  EXPECT_TRUE(labelled);
  auto zip = get("/api/v1/indicators/schulabgaenger_ohne_abschluss/datapackage.zip");
  EXPECT_EQ(zip.body.substr(0, 2), "PK");
  EXPECT_NE(zip.body.find("datapackage.json"), std::string::npos);
  auto xlsx = get("/api/v1/indicators/kita_quote_u3/daten.xlsx?region=ruhr");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto sdmx = get("/api/v1/indicators/schulabgaenger_ohne_abschluss/sdmx.csv?region=ruhr&by=sex");
  EXPECT_EQ(sdmx.body.substr(0, sdmx.body.find("\r\n")),
            "DATAFLOW,REF_AREA,TIME_PERIOD,SEX,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,OBS_STATUS_DE");
  EXPECT_NE(sdmx.body.find("RUHRFUTUR:SCHULABGAENGER_OHNE_ABSCHLUSS(1.0),ruhr,2023,F,"), std::string::npos);
  auto dataset = get("/api/v1/datasets/21111-02-06-4/daten.csv");
  ASSERT_EQ(dataset.status, 200);
  EXPECT_NE(dataset.body.find("05913,"), std::string::npos);
  // Dataset downloads are files written once per statistics version and streamed.
  EXPECT_NE(dataset.body_file.find("downloads"), std::string::npos) << dataset.body_file;
  EXPECT_EQ(get("/api/v1/datasets/21111-02-06-4/daten.csv?nocache=1").body_file, dataset.body_file);
  EXPECT_EQ(dataset.header("Content-Disposition"), "attachment; filename=\"21111-02-06-4.csv\"");
  auto dsdmx = get("/api/v1/datasets/21111-02-06-4/sdmx.csv");
  EXPECT_EQ(dsdmx.status, 200);
  EXPECT_NE(dsdmx.body.find("RUHRFUTUR:DS_21111_02_06_4(1.0),"), std::string::npos);
  EXPECT_NE(dsdmx.body_file, dataset.body_file);
  auto dzip = get("/api/v1/datasets/21111-02-06-4/datapackage.zip");
  ASSERT_EQ(dzip.status, 200);
  EXPECT_EQ(dzip.body.substr(0, 4), std::string("PK\x03\x04", 4));
  // The CSV inside the package is the dataset's CSV, byte for byte.
  EXPECT_NE(dzip.body.find(dataset.body), std::string::npos);
}

TEST_P(MonitorApiReading, PagesRender) {
  auto overview = get("/monitor");
  ASSERT_EQ(overview.status, 200);
  EXPECT_NE(overview.body.find("Bildungsmonitoring Ruhr"), std::string::npos);
  // (mstch writes "/" in attributes as "&#x2F;")
  EXPECT_NE(overview.body.find("indikatoren&#x2F;schulabgaenger_ohne_abschluss"), std::string::npos);
  EXPECT_NE(overview.body.find("Frühe Bildung"), std::string::npos);
  auto page = get("/monitor/indikatoren/schulabgaenger_ohne_abschluss?kreis=05913");
  ASSERT_EQ(page.status, 200);
  EXPECT_GE(count(page.body, "role=\"img\""), 3u);
  EXPECT_GE(count(page.body, "<table class=\"data-table\""), 3u);
  EXPECT_NE(page.body.find("Quelle: "), std::string::npos);
  EXPECT_NE(page.body.find("eigene Berechnungen"), std::string::npos);
  EXPECT_NE(page.body.find("Dortmund"), std::string::npos);
  EXPECT_NE(page.body.find("7,7"), std::string::npos);  // the Ruhr value in de-DE
  auto region = get("/monitor/regionen/05913");
  ASSERT_EQ(region.status, 200);
  EXPECT_NE(region.body.find("sparkline\" role=\"img\""), std::string::npos);
  auto schools = get("/monitor/regionen/05913000/schulen");
  ASSERT_EQ(schools.status, 200);
  EXPECT_NE(schools.body.find("school-table"), std::string::npos);
  EXPECT_EQ(get("/monitor/indikatoren/unbekannt").status, 404);
  EXPECT_EQ(get("/monitor/regionen/99999").status, 404);
  EXPECT_EQ(get("/monitor/katalog").status, 200);
  EXPECT_EQ(get("/monitor/offene-daten").status, 200);
}

TEST_P(MonitorApi, GoalsAreEditedByDataStewardsOnly) {
  const std::string body =
      "indikator=schulabgaenger_ohne_abschluss&region=ruhr&gruppe=&ausgangszeitraum=2023"
      "&zielwert=6%2C5&zieljahr=2030&titel=Weniger+Abg%C3%A4nge+ohne+Abschluss&notiz=";
  // A visitor is sent to the login page, an editor is refused.
  auto visitor = post("/monitor/ziele", body);
  EXPECT_EQ(visitor.status, 403);  // no CSRF token at all
  auto [editor_cookie, editor_csrf] = session(editor_id_);
  EXPECT_EQ(post("/monitor/ziele", body + "&_csrf=" + editor_csrf, editor_cookie).status, 403);
  auto [cookie, csrf] = session(steward_id_);
  EXPECT_EQ(post("/monitor/ziele", body, cookie).status, 403);  // missing CSRF token
  auto counter = [this](const char* name) {
    auto db = app_->pool().acquire();
    return db->query_one("SELECT version FROM cache_versions WHERE name = ?", {std::string(name)})->integer(0);
  };
  const auto statistics_before = counter("statistics");
  const auto goals_before = counter("goals");
  auto ok = post("/monitor/ziele", body + "&_csrf=" + csrf, cookie);
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 500);
  // A goal is not part of the statistics cube: saving one moves only the
  // goals counter, so no instance rebuilds its cube for it.
  EXPECT_EQ(counter("statistics"), statistics_before);
  EXPECT_EQ(counter("goals"), goals_before + 1);
  // Invalid input comes back with German messages.
  auto bad =
      post("/monitor/ziele",
           "indikator=x&region=ruhr&ausgangszeitraum=2023&zielwert=viel&zieljahr=1990&titel=&_csrf=" + csrf, cookie);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Zieljahr"), std::string::npos);
  auto db = app_->pool().acquire();
  auto goals = monitor::list_goals(*db);
  ASSERT_EQ(goals.size(), 1u);
  EXPECT_DOUBLE_EQ(goals[0].target_value, 6.5);
  EXPECT_EQ(goals[0].target_year, 2030);
  auto list = get("/monitor/ziele");
  EXPECT_NE(list.body.find("Weniger Abgänge ohne Abschluss"), std::string::npos);

  // Deleting a goal that does not exist is a 404 and leaves no audit entry.
  auto audit_entries = [&db] {
    return db->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'monitor.goal.delete'")->integer(0);
  };
  const std::string missing = std::to_string(goals[0].id + 1000);
  auto gone = post("/monitor/ziele/" + missing + "/loeschen", "_csrf=" + csrf, cookie);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.header("Location"), "");
  EXPECT_EQ(audit_entries(), 0);
  auto deleted = post("/monitor/ziele/" + std::to_string(goals[0].id) + "/loeschen", "_csrf=" + csrf, cookie);
  EXPECT_EQ(deleted.status, 303);
  EXPECT_EQ(audit_entries(), 1);
  EXPECT_EQ(counter("statistics"), statistics_before);
  EXPECT_EQ(counter("goals"), goals_before + 2);
  EXPECT_TRUE(monitor::list_goals(*db).empty());
}

// Anonymous /monitor pages come from memory until the statistics or goals
// version changes (an import, the catalogue, a goal); logged-in users never
// see a cached page.
TEST_P(MonitorApi, AnonymousMonitorPagesAreCachedUntilTheStatisticsChange) {
  auto [cookie, csrf] = session(steward_id_);
  const std::string body =
      "indikator=schulabgaenger_ohne_abschluss&region=ruhr&gruppe=&ausgangszeitraum=2023"
      "&zielwert=6%2C5&zieljahr=2030&titel=Erster+Zieltitel&notiz=&_csrf=" +
      csrf;
  ASSERT_EQ(post("/monitor/ziele", body, cookie).status, 303);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the cache looks at the version once a second
  const std::vector<std::string> pages = {"/monitor", "/monitor/indikatoren/schulabgaenger_ohne_abschluss",
                                          "/monitor/regionen/05913", "/daten/datensaetze"};
  // A visitor with a fixed CSRF cookie, so that the pages' bytes can be compared.
  const std::string visitor = "rf_csrf=" + std::string(43, 'v');
  std::vector<std::string> first;
  for (const auto& page : pages) {
    auto r = get(page, visitor);
    ASSERT_EQ(r.status, 200) << page;
    first.push_back(r.body);
  }
  EXPECT_NE(first[1].find("Erster Zieltitel"), std::string::npos);
  // A change behind the pages' back (no version bump) is not seen by visitors…
  {
    auto db = app_->pool().acquire();
    db->execute("UPDATE monitor_goals SET title = 'Zweiter Zieltitel'");
  }
  for (std::size_t i = 0; i < pages.size(); ++i) EXPECT_EQ(get(pages[i], visitor).body, first[i]) << pages[i];
  // …but by a logged-in user, whose pages are never cached.
  EXPECT_NE(get(pages[1], cookie).body.find("Zweiter Zieltitel"), std::string::npos);
  // A new statistics version reaches every instance's cache within a second.
  {
    auto db = app_->pool().acquire();
    monitor::bump_statistics_version(*db);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_NE(get(pages[1], visitor).body.find("Zweiter Zieltitel"), std::string::npos);
  // A saved goal (its own counter, not the statistics one) reaches the cache too.
  const std::string third =
      "indikator=schulabgaenger_ohne_abschluss&region=ruhr&gruppe=&ausgangszeitraum=2023"
      "&zielwert=6%2C0&zieljahr=2031&titel=Dritter+Zieltitel&notiz=&_csrf=" +
      csrf;
  ASSERT_EQ(post("/monitor/ziele", third, cookie).status, 303);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_NE(get(pages[1], visitor).body.find("Dritter Zieltitel"), std::string::npos);
}

TEST_P(MonitorApi, GoalStatusFromTheTrend) {
  auto db = app_->pool().acquire();
  auto view = monitor::load_indicators(*db, kData + "indicators.yaml");
  monitor::Goal goal;
  goal.indicator = "kita_quote_u3";
  goal.region = "ruhr";
  goal.baseline_period = "2010";
  goal.target_year = 2025;
  auto base = *view.value("kita_quote_u3", "ruhr", "2010").value;
  auto latest = *view.value("kita_quote_u3", "ruhr", "2020").value;
  ASSERT_GT(latest, base);
  const double pace = (latest - base) / 10.0;
  goal.target_value = latest + pace * 5 - 0.1;  // reachable at the pace so far
  auto a = monitor::assess_goal(goal, view);
  EXPECT_EQ(a.status, monitor::GoalStatus::on_track) << a.explanation;
  EXPECT_NEAR(*a.projected, latest + pace * 5, 1e-9);
  goal.target_value = latest + pace * 5 + 1.0;  // too ambitious
  EXPECT_EQ(monitor::assess_goal(goal, view).status, monitor::GoalStatus::off_track);
  goal.target_value = latest - 1;  // already there
  EXPECT_EQ(monitor::assess_goal(goal, view).status, monitor::GoalStatus::reached);
  goal.baseline_period = "1990";
  EXPECT_EQ(monitor::assess_goal(goal, view).status, monitor::GoalStatus::unknown);
  // Store round trip.
  goal.baseline_period = "2010";
  goal.title = "Mehr Kita-Plätze für unter 3-Jährige";
  goal.group = {};
  auto id = monitor::save_goal(*db, goal, std::nullopt);
  auto stored = monitor::find_goal(*db, id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->title, goal.title);
  monitor::delete_goal(*db, id);
  EXPECT_FALSE(monitor::find_goal(*db, id));
}

TEST_P(MonitorApi, CatalogueUploadIsValidatedBeforeItIsTaken) {
  auto [cookie, csrf] = session(steward_id_);
  auto broken =
      post("/monitor/katalog",
           "_csrf=" + csrf + "&yaml=" + http::url_encode("indicators:\n  - id: x\n    stage: Mond\n"), cookie);
  EXPECT_EQ(broken.status, 422);
  EXPECT_NE(broken.body.find("nicht übernommen"), std::string::npos);
  EXPECT_NE(broken.body.find("unbekannte Bildungsstufe"), std::string::npos);
  // An expression that matches no series of an imported table is refused too.
  std::string yaml = R"(indicators:
  - id: nur_eins
    title: Nur ein Indikator
    definition: Test.
    stage: Hochschule
    unit: "%"
    polarity: up
    source: Test
    sources:
      - numerator: '21111-02-06-4[h2="gibt es nicht"]'
)";
  auto mismatch = post("/monitor/katalog", "_csrf=" + csrf + "&yaml=" + http::url_encode(yaml), cookie);
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_NE(mismatch.body.find("passt auf keine Reihe"), std::string::npos);
  EXPECT_GE(get_json("/api/v1/indicators")["indicators"].size(), 15u);  // still the shipped one
  // A valid catalogue is taken and applies at once (version bump).
  auto pos = yaml.find("h2=\"gibt es nicht\"");
  yaml.replace(pos, 18, "h2=\"Insgesamt\", h3=\"weiblich\"");
  auto taken =
      post("/monitor/katalog", "_csrf=" + csrf + "&yaml=" + http::url_encode(yaml) + "&kommentar=Test", cookie);
  EXPECT_EQ(taken.status, 303) << taken.body.substr(0, 2000);
  // The cache checks the version at most once a second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto j = get_json("/api/v1/indicators");
  ASSERT_EQ(j["indicators"].size(), 1u);
  EXPECT_EQ(j["indicators"][0]["id"], "nur_eins");
  // An editor may not upload.
  auto [editor_cookie, editor_csrf] = session(editor_id_);
  EXPECT_EQ(post("/monitor/katalog", "_csrf=" + editor_csrf + "&yaml=x", editor_cookie).status, 403);
}

RF_BOTH_DATABASES(MonitorApiReading);
RF_BOTH_DATABASES(MonitorApi);

}  // namespace
