// The whole app router behind the real server, on both databases: health,
// metrics, security headers, CSRF, login/logout, forged and expired sessions,
// bad input. Everything a browser test would be too slow to cover case by case.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <vector>

#include <thread>

#include <nlohmann/json.hpp>

#include "app/routes.hpp"
#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "http/server.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"
#include "support/http_client.hpp"
#include "support/served_app.hpp"

namespace rf::app {
namespace {

using test::cookie_value;
using test::HeaderList;
using test::hidden_csrf;
using test::HttpResponse;
using test::set_cookie_line;

class AppWebTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    database_url_ = fresh_url();
    {
      auto db = db::open(database_url_);
      db::migrate(*db, RF_SOURCE_DIR + "/migrations");
      web::create_user(*db, "redaktion@example.org", "Erika", "ein-langes-passwort", {"editor"});
    }
    web::Settings settings;
    settings.root = RF_SOURCE_DIR;
    app_ = std::make_unique<test::ServedApp>(settings, database_url_, register_all_routes);
    pool_ = &app_->pool();
    services_ = &app_->services();
  }
  unsigned short port() const { return app_->port(); }

  // Logs in through the form; returns the session cookie value.
  std::string login(const std::string& password = "ein-langes-passwort") {
    auto form = test::get(port(), "/anmelden");
    std::string anon = cookie_value(form, "rf_csrf");
    auto r = test::post_form(port(), "/anmelden",
                             {{"_csrf", hidden_csrf(form.body)},
                              {"email", "redaktion@example.org"},
                              {"password", password},
                              {"weiter", "/konto"}},
                             {{"Cookie", "rf_csrf=" + anon}});
    last_login_ = r;
    return cookie_value(r, "rf_session");
  }

  std::string database_url_;
  std::unique_ptr<test::ServedApp> app_;
  db::Pool* pool_ = nullptr;
  web::Services* services_ = nullptr;
  HttpResponse last_login_;
};

TEST_P(AppWebTest, HealthzNamesTheDatabase) {
  auto r = test::get(port(), "/healthz");
  EXPECT_EQ(r.status, 200);
  std::string kind = GetParam() == db::Kind::sqlite ? "sqlite" : "postgresql";
  EXPECT_EQ(r.body, R"({"database":")" + kind + R"(","status":"ok"})");
  EXPECT_EQ(r.header("Content-Type").substr(0, 16), "application/json");
}

TEST_P(AppWebTest, MetricsCountRequestsByRoute) {
  test::get(port(), "/healthz");
  test::get(port(), "/gibt-es-nicht");
  auto r = test::get(port(), "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(R"(route="/healthz",status="200")"), std::string::npos) << r.body.substr(0, 2000);
  EXPECT_NE(r.body.find(R"(status="404")"), std::string::npos);
  EXPECT_NE(r.body.find("http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_P(AppWebTest, UnknownPathsGetTheStyledNotFoundPageEverywhereAndJsonUnderApi) {
  // Unknown paths of every area, and a handler's own 404 (no report built).
  for (const std::string path : {"/gibt-es-nicht", "/monitor/gibt/es/nicht", "/daten/gibt-es-nicht",
                                 "/bericht/gibt-es-nicht.html", "/netzwerk/x/y/z", "/%C3%BCber"}) {
    auto r = test::get(port(), path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(r.body.find("aria-label=\"Hauptnavigation\""), std::string::npos) << path << r.body;
    EXPECT_NE(r.body.find("<h1>Seite nicht gefunden</h1>"), std::string::npos) << path;
    EXPECT_NE(r.body.find("<meta name=\"description\""), std::string::npos) << path;
    EXPECT_NE(r.body.find("action=\"/suche\""), std::string::npos) << path;
    EXPECT_NE(r.header("Content-Security-Policy").find("frame-ancestors"), std::string::npos) << path;
  }
  // The handler's message stays, the path is shown escaped.
  auto report = test::get(port(), "/bericht/x.html");
  EXPECT_NE(report.body.find("Der Bericht ist noch nicht erstellt"), std::string::npos) << report.body;
  auto hostile = test::get(port(), "/%3Cscript%3Ealert(1)%3C/script%3E");
  EXPECT_EQ(hostile.status, 404);
  EXPECT_EQ(hostile.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(hostile.body.find("&lt;script&gt;alert(1)"), std::string::npos) << hostile.body;

  auto api = test::get(port(), "/api/v1/gibt-es-nicht");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type"), "application/json");
  auto j = nlohmann::json::parse(api.body);
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["title"], "Seite nicht gefunden");
  EXPECT_EQ(j["error"]["status"], 404);
}

TEST_P(AppWebTest, EveryPageHasAMetaDescription) {
  for (const std::string path : {"/", "/anmelden", "/monitor", "/monitor/katalog", "/daten/datensaetze", "/suche"}) {
    auto r = test::get(port(), path);
    EXPECT_EQ(r.status, 200) << path;
    auto at = r.body.find("<meta name=\"description\" content=\"");
    ASSERT_NE(at, std::string::npos) << path;
    EXPECT_GT(r.body.find('"', at + 34) - (at + 34), 20u) << path;
  }
}

TEST_P(AppWebTest, PagesCarrySecurityHeadersAndGermanLayout) {
  auto r = test::get(port(), "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("Referrer-Policy"), "strict-origin-when-cross-origin");
  EXPECT_NE(r.body.find("<html lang=\"de\">"), std::string::npos);
  EXPECT_NE(r.body.find("Direkt zum Inhalt"), std::string::npos);
  EXPECT_NE(r.body.find("<main id=\"inhalt\""), std::string::npos);
  // Visitors get an anonymous CSRF cookie, HttpOnly and SameSite=Lax.
  auto line = set_cookie_line(r, "rf_csrf");
  EXPECT_NE(line.find("HttpOnly"), std::string::npos) << line;
  EXPECT_NE(line.find("SameSite=Lax"), std::string::npos) << line;
  // 404 pages get the headers too.
  auto missing = test::get(port(), "/gibt-es-nicht");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("X-Content-Type-Options"), "nosniff");
}

TEST_P(AppWebTest, LoginSetsSessionCookieAndAudits) {
  auto session = login();
  ASSERT_EQ(last_login_.status, 303) << last_login_.body;
  EXPECT_EQ(last_login_.header("Location"), "/konto");
  ASSERT_FALSE(session.empty());
  auto line = set_cookie_line(last_login_, "rf_session");
  EXPECT_NE(line.find("HttpOnly"), std::string::npos);
  EXPECT_NE(line.find("SameSite=Lax"), std::string::npos);
  auto konto = test::get(port(), "/konto", {{"Cookie", "rf_session=" + session}});
  EXPECT_EQ(konto.status, 200);
  EXPECT_NE(konto.body.find("redaktion@example.org"), std::string::npos);
  EXPECT_NE(konto.body.find("Redaktion"), std::string::npos);
  // The account navigation links the editor's work area on every page, and
  // not the data stewards'.
  EXPECT_NE(konto.body.find("<a href=\"/redaktion\">Redaktion</a>"), std::string::npos);
  EXPECT_EQ(konto.body.find("<a href=\"/daten/import\">"), std::string::npos);
  auto db = pool_->acquire();
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login'")->integer(0), 1);
}

TEST_P(AppWebTest, WrongPasswordKeepsEmailAndStoresNothing) {
  auto session = login("falsches-passwort");
  EXPECT_EQ(last_login_.status, 401);
  EXPECT_TRUE(session.empty());
  EXPECT_NE(last_login_.body.find("value=\"redaktion@example.org\""), std::string::npos);
  EXPECT_NE(last_login_.body.find("role=\"alert\""), std::string::npos);
  auto db = pool_->acquire();
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM sessions")->integer(0), 0);
}

TEST_P(AppWebTest, LoginIsThrottledAfterFiveFailures) {
  for (int i = 0; i < web::kMaxFailuresPerAccountAndIp; ++i) {
    login("falsches-passwort");
    EXPECT_EQ(last_login_.status, 401);
  }
  auto session = login();  // the right password no longer helps
  EXPECT_EQ(last_login_.status, 429);
  EXPECT_TRUE(session.empty());
}

TEST_P(AppWebTest, PostWithoutOrWithForgedCsrfIsRejected) {
  auto form = test::get(port(), "/anmelden");
  std::string anon = cookie_value(form, "rf_csrf");
  HeaderList fields{{"email", "redaktion@example.org"}, {"password", "ein-langes-passwort"}};
  auto none = test::post_form(port(), "/anmelden", fields, {{"Cookie", "rf_csrf=" + anon}});
  EXPECT_EQ(none.status, 403);
  std::string forged_token = anon;
  forged_token[0] = forged_token[0] == 'A' ? 'B' : 'A';
  fields.push_back({"_csrf", forged_token});
  auto forged = test::post_form(port(), "/anmelden", fields, {{"Cookie", "rf_csrf=" + anon}});
  EXPECT_EQ(forged.status, 403);
  auto db = pool_->acquire();
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM sessions")->integer(0), 0);
}

TEST_P(AppWebTest, SafeApiRequestsGetNoCsrfCookieButUnsafeOnesNeedTheToken) {
  auto api = test::get(port(), "/api/v1/regions");
  EXPECT_EQ(api.status, 200);
  EXPECT_EQ(set_cookie_line(api, "rf_csrf"), "");
  auto page = test::get(port(), "/anmelden");
  EXPECT_NE(set_cookie_line(page, "rf_csrf"), "");
  auto post = test::post_form(port(), "/api/v1/regions", {{"x", "1"}});
  EXPECT_EQ(post.status, 403);
  EXPECT_EQ(post.header("Content-Type").substr(0, 16), "application/json");
}

TEST_P(AppWebTest, SessionCsrfTokenIsBoundToTheSession) {
  auto session = login();
  auto konto = test::get(port(), "/konto", {{"Cookie", "rf_session=" + session}});
  std::string token = hidden_csrf(konto.body);
  ASSERT_FALSE(token.empty());
  // The anonymous token of another visitor does not work for this session.
  auto other = test::get(port(), "/");
  auto rejected = test::post_form(port(), "/abmelden", {{"_csrf", cookie_value(other, "rf_csrf")}},
                                  {{"Cookie", "rf_session=" + session}});
  EXPECT_EQ(rejected.status, 403);
  auto out = test::post_form(port(), "/abmelden", {{"_csrf", token}}, {{"Cookie", "rf_session=" + session}});
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(set_cookie_line(out, "rf_session").find("Max-Age=0"), std::string::npos);
  auto after = test::get(port(), "/konto", {{"Cookie", "rf_session=" + session}});
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.header("Location"), "/anmelden?weiter=%2Fkonto");
}

TEST_P(AppWebTest, ForgedAndExpiredSessionsAreVisitors) {
  auto forged = test::get(port(), "/konto", {{"Cookie", "rf_session=erfunden123"}});
  EXPECT_EQ(forged.status, 303);
  auto session = login();
  {
    auto db = pool_->acquire();
    db->execute("UPDATE sessions SET expires_at = ?", {web::unix_now() - 1});
  }
  auto expired = test::get(port(), "/konto", {{"Cookie", "rf_session=" + session}});
  EXPECT_EQ(expired.status, 303);
}

TEST_P(AppWebTest, MetricsAreForLoopbackOrTheToken) {
  // By default only clients on the loopback interface see /metrics.
  http::Request outside;
  outside.method = "GET";
  outside.target = outside.path = "/metrics";
  outside.remote_address = "203.0.113.7";
  EXPECT_EQ(app_->router().dispatch(outside).status, 403);
  http::Request mapped = outside;
  mapped.remote_address = "::ffff:127.0.0.1";
  EXPECT_EQ(app_->router().dispatch(mapped).status, 200);
  // With a token configured, only requests that carry it.
  services_->settings.metrics_token = "geheimes-messwort";
  EXPECT_EQ(test::get(port(), "/metrics").status, 403);
  EXPECT_EQ(test::get(port(), "/metrics", {{"Authorization", "Bearer falsch"}}).status, 403);
  auto ok = test::get(port(), "/metrics", {{"Authorization", "Bearer geheimes-messwort"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("http_requests_total"), std::string::npos);
  outside.headers.emplace("Authorization", "Bearer geheimes-messwort");
  EXPECT_EQ(app_->router().dispatch(outside).status, 200);
}

TEST_P(AppWebTest, NewsletterSignUpsArePerAddressLimited) {
  test::TempDir mail;
  services_->settings.smtp_url = "file:" + mail.path().string();
  auto form = test::get(port(), "/newsletter");
  std::string anon = cookie_value(form, "rf_csrf");
  auto sign_up = [&](int i) {
    return test::post_form(
        port(), "/newsletter",
        {{"_csrf", hidden_csrf(form.body)}, {"email", "person" + std::to_string(i) + "@example.org"}, {"consent", "1"}},
        {{"Cookie", "rf_csrf=" + anon}});
  };
  for (int i = 0; i < web::kMaxMailRequestsPerIp; ++i) EXPECT_EQ(sign_up(i).status, 200) << i;
  auto refused = sign_up(99);
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("zu viele Anmeldungen"), std::string::npos);
  EXPECT_NE(refused.body.find("person99@example.org"), std::string::npos);  // the form keeps what was typed
  EXPECT_FALSE(refused.header("Retry-After").empty());
  auto db = pool_->acquire();
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM newsletter_subscribers")->integer(0), web::kMaxMailRequestsPerIp);
  // Each accepted sign-up enqueued exactly one confirmation mail (the outbox's sender delivers it
  // later); the refused one enqueued none.
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM mail_outbox WHERE category = 'newsletter.confirmation'")->integer(0),
            web::kMaxMailRequestsPerIp);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'person99@example.org'")->integer(0), 0);
}

TEST_P(AppWebTest, LoginTakesAsLongForUnknownAddresses) {
  auto attempt = [&](const std::string& email) {
    auto form = test::get(port(), "/anmelden");
    std::string anon = cookie_value(form, "rf_csrf");
    auto started = std::chrono::steady_clock::now();
    auto r = test::post_form(port(), "/anmelden",
                             {{"_csrf", anon}, {"email", email}, {"password", "falsches-passwort"}, {"weiter", "/"}},
                             {{"Cookie", "rf_csrf=" + anon}});
    EXPECT_EQ(r.status, 401);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  };
  // Medians of three, alternating, each on a fresh address (no throttle delay).
  std::vector<double> known, unknown;
  for (int i = 0; i < 3; ++i) {
    known.push_back(attempt("redaktion@example.org"));
    unknown.push_back(attempt("niemand" + std::to_string(i) + "@example.org"));
  }
  std::sort(known.begin(), known.end());
  std::sort(unknown.begin(), unknown.end());
  // argon2 dominates a known address's attempt; an unknown one must cost as much.
  EXPECT_GT(unknown[1], known[1] * 0.5) << "unknown " << unknown[1] << " ms, known " << known[1] << " ms";
}

TEST_P(AppWebTest, StrangersCannotLockTheOwnerOut) {
  // Ten failures on the account from other addresses…
  {
    auto db = pool_->acquire();
    for (int i = 0; i < web::kMaxFailuresPerAccount + 2; ++i) {
      web::record_login_failure(*db, "redaktion@example.org", "198.51.100." + std::to_string(i % 3));
    }
  }
  // …only slow the owner down; the right password still works from here.
  auto started = std::chrono::steady_clock::now();
  auto session = login();
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(last_login_.status, 303);
  EXPECT_FALSE(session.empty());
  EXPECT_GE(waited, std::chrono::milliseconds(900));  // 250 ms doubled twice
  EXPECT_LT(waited, std::chrono::milliseconds(9000));
}

TEST_P(AppWebTest, OpenRedirectAfterLoginIsRefused) {
  auto form = test::get(port(), "/anmelden");
  std::string anon = cookie_value(form, "rf_csrf");
  for (std::string target :
       {"//evil.example/", "https://evil.example/", "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
        "/\r\n/evil.example", " //evil.example", " /konto", "\t//evil.example", "/ /evil.example", "/\\/evil.example",
        "/x\\..\\\\evil.example", "///evil.example", "http:evil.example", "javascript:alert(1)", "", "evil.example",
        "/\xc2\xa0/evil.example"}) {
    auto r = test::post_form(
        port(), "/anmelden",
        {{"_csrf", anon}, {"email", "redaktion@example.org"}, {"password", "ein-langes-passwort"}, {"weiter", target}},
        {{"Cookie", "rf_csrf=" + anon}});
    EXPECT_EQ(r.status, 303);
    // Refused targets land where the user works (an editor: /redaktion), never elsewhere.
    EXPECT_EQ(r.header("Location"), "/redaktion") << target;
  }
  // Same-site paths pass unchanged, percent-escapes included (they stay in the path).
  for (std::string target : {"/monitor/indikatoren/x?kreis=05913", "/%2F/evil.example", "/%09/evil.example"}) {
    auto r = test::post_form(
        port(), "/anmelden",
        {{"_csrf", anon}, {"email", "redaktion@example.org"}, {"password", "ein-langes-passwort"}, {"weiter", target}},
        {{"Cookie", "rf_csrf=" + anon}});
    EXPECT_EQ(r.header("Location"), target);
  }
  // The form field decoded: weiter=/%09/evil.example arrives as "/\t/evil.example" and is refused.
  EXPECT_EQ(web::after_login_path("/\t/evil.example"), "/konto");
  EXPECT_EQ(web::after_login_path("/%09/evil.example"), "/%09/evil.example");
}

TEST_P(AppWebTest, InjectionAttemptsAreEscapedAndStoreNothing) {
  auto form = test::get(port(), "/anmelden");
  std::string anon = cookie_value(form, "rf_csrf");
  std::string evil_email = "x' OR '1'='1\"><script>alert(1)</script>";
  auto r = test::post_form(port(), "/anmelden", {{"_csrf", anon}, {"email", evil_email}, {"password", "' OR 1=1 --"}},
                           {{"Cookie", "rf_csrf=" + anon}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;"), std::string::npos);
  // Invalid UTF-8 and a NUL byte in a parameter: a clear answer, no crash.
  auto bad = test::post_form(port(), "/anmelden",
                             {{"_csrf", anon}, {"email", std::string("a\xff\xfe@x.de\0y", 10)}, {"password", "p"}},
                             {{"Cookie", "rf_csrf=" + anon}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("ungültige Zeichen"), std::string::npos);
  EXPECT_EQ(test::get(port(), "/anmelden?weiter=%ff%3Cscript%3E").status, 400);
  EXPECT_EQ(test::get(port(), "/anmelden?weiter=a%00b").status, 400);
  auto q = test::get(port(), "/anmelden?weiter=%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
  EXPECT_EQ(q.status, 200);
  EXPECT_EQ(q.body.find("<script>alert(1)"), std::string::npos);
  auto db = pool_->acquire();
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM sessions")->integer(0), 0);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM users")->integer(0), 1);
}

TEST_P(AppWebTest, MalformedAndOversizedRequestsGet4xx) {
  test::HttpConnection garbage(port());
  garbage.send("HELLO WORLD\r\n\r\n");
  EXPECT_EQ(garbage.read_response().status, 400);
  test::HttpConnection huge(port());
  huge.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(70000, 'a') + "\r\n\r\n");
  EXPECT_EQ(huge.read_response().status, 431);
  // Still serving.
  EXPECT_EQ(test::get(port(), "/healthz").status, 200);
}

RF_BOTH_DATABASES(AppWebTest);

TEST(AppHealth, UnreachableDatabaseGives503) {
  const std::string database_url = "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2";
  web::Settings config;
  config.root = RF_SOURCE_DIR;
  db::Pool pool(database_url, 1);
  web::Templates templates(config.root / "templates");
  web::Services services{config, pool, templates};
  http::Router router;
  register_operations_routes(router, services);
  http::Request req;
  req.method = "GET";
  req.path = req.target = "/healthz";
  auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.body, R"({"database":"postgresql","status":"unavailable"})");
}

TEST_P(AppWebTest, LoginLandsOnThePageTheUserCameFromElseTheirWork) {
  auto form = test::get(port(), "/anmelden");
  std::string anon = cookie_value(form, "rf_csrf");
  auto login_with = [&](const std::string& email, const std::string& next) {
    return test::post_form(port(), "/anmelden",
                           {{"_csrf", anon}, {"email", email}, {"password", "ein-langes-passwort"}, {"weiter", next}},
                           {{"Cookie", "rf_csrf=" + anon}});
  };
  {
    auto db = pool_->acquire();
    web::create_user(*db, "daten@example.org", "", "ein-langes-passwort", {"data_steward"});
    web::create_user(*db, "schule@example.org", "", "ein-langes-passwort", {"school"});
    web::create_user(*db, "fortbildung@example.org", "", "ein-langes-passwort", {"training_institution"});
    web::create_user(*db, "partner@example.org", "", "ein-langes-passwort", {"partner"});
    web::create_user(*db, "gremium@example.org", "", "ein-langes-passwort", {"board_member"});
    web::create_user(*db, "ohne@example.org", "", "ein-langes-passwort", {});
  }
  // The page the user came from wins…
  EXPECT_EQ(login_with("daten@example.org", "/monitor/ziele").header("Location"), "/monitor/ziele");
  // …unless it is the home page or an account page: then the user's work by role.
  for (const auto& [email, landing] :
       std::vector<std::pair<std::string, std::string>>{{"redaktion@example.org", "/redaktion"},
                                                        {"daten@example.org", "/daten/import"},
                                                        {"schule@example.org", "/tab"},
                                                        {"fortbildung@example.org", "/tab/bedarfe"},
                                                        {"partner@example.org", "/netzwerk/massnahmen"},
                                                        {"gremium@example.org", "/netzwerk"},
                                                        {"ohne@example.org", "/konto"}}) {
    for (std::string next : {"", "/", "/anmelden", "/passwort-neu?token=x"}) {
      auto r = login_with(email, next);
      EXPECT_EQ(r.status, 303) << email;
      EXPECT_EQ(r.header("Location"), landing) << email << " from " << next;
    }
  }
  // The account page lists every work area of the user's roles.
  auto session = cookie_value(login_with("redaktion@example.org", "/konto"), "rf_session");
  auto konto = test::get(port(), "/konto", {{"Cookie", "rf_session=" + session}});
  EXPECT_NE(konto.body.find("Ihre Arbeitsbereiche"), std::string::npos);
  EXPECT_NE(konto.body.find("netzwerk\">Netzwerk</a> – Gremien"), std::string::npos) << konto.body;
  EXPECT_NE(konto.body.find("redaktion\">Redaktion</a> – Seiten"), std::string::npos);
  // Every page's "Anmelden" link brings a visitor back to it (Mustache writes "/" as "&#x2F;").
  auto news = test::get(port(), "/aktuelles");
  EXPECT_NE(news.body.find("href=\"&#x2F;anmelden?weiter=%2Faktuelles\">Anmelden</a>"), std::string::npos);
  EXPECT_NE(test::get(port(), "/").body.find("href=\"&#x2F;anmelden\">Anmelden</a>"), std::string::npos);
}

// ---- Password reset by mail ----

class PasswordResetTest : public AppWebTest {
 protected:
  // POST /passwort-vergessen as a visitor from the test's address.
  HttpResponse request_reset(const std::string& email) {
    auto form = test::get(port(), "/passwort-vergessen");
    std::string anon = cookie_value(form, "rf_csrf");
    return test::post_form(port(), "/passwort-vergessen", {{"_csrf", hidden_csrf(form.body)}, {"email", email}},
                           {{"Cookie", "rf_csrf=" + anon}});
  }
  // The token in the newest reset mail to `email` ("" when there is none).
  std::string mailed_token(const std::string& email) {
    auto db = pool_->acquire();
    auto rows = db->query(
        "SELECT b.text_body FROM mail_outbox o JOIN mail_bodies b ON b.id = o.body_id "
        "WHERE o.recipient = ? AND o.category = 'account.password_reset' ORDER BY o.id DESC",
        {email});
    if (rows.empty()) return "";
    const std::string text = rows.front().text(0);
    auto at = text.find("/passwort-neu?token=");
    if (at == std::string::npos) return "";
    at += std::string_view("/passwort-neu?token=").size();
    return text.substr(at, text.find('\n', at) - at);
  }
  std::int64_t count(const std::string& sql, const std::vector<db::Value>& params = {}) {
    auto db = pool_->acquire();
    return db->query_one(sql, params)->integer(0);
  }
  // POST /passwort-neu with the token from a fresh form.
  HttpResponse set_password(const std::string& token, const std::string& password, const std::string& repeated) {
    auto page = test::get(port(), "/passwort-vergessen");
    std::string anon = cookie_value(page, "rf_csrf");
    return test::post_form(port(), "/passwort-neu",
                           {{"_csrf", anon}, {"token", token}, {"password", password}, {"password2", repeated}},
                           {{"Cookie", "rf_csrf=" + anon}});
  }
};

TEST_P(PasswordResetTest, ALinkByMailSetsThePasswordOnceAndEndsOtherSessions) {
  auto old_session = login();
  ASSERT_FALSE(old_session.empty());
  auto answer = request_reset("Redaktion@Example.org");
  EXPECT_EQ(answer.status, 200);
  EXPECT_NE(answer.body.find("Wenn es zur Adresse Redaktion@Example.org ein Konto gibt"), std::string::npos);
  // The mail is in the outbox; it names the hour the link is valid and how often.
  const std::string token = mailed_token("redaktion@example.org");
  ASSERT_GE(token.size(), 40u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE category = 'account.password_reset'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_bodies WHERE text_body LIKE '%gilt eine Stunde (bis %Uhr) und nur "
                  "einmal%'"),
            1);
  // Only a hash of the token is stored.
  EXPECT_EQ(count("SELECT COUNT(*) FROM password_resets WHERE token_hash = ?", {token}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM password_resets WHERE token_hash = ?", {web::sha256_hex(token)}), 1);

  auto page = test::get(port(), "/passwort-neu?token=" + token);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Neues Passwort festlegen"), std::string::npos);
  // The same rules as everywhere, in German; the link stays usable.
  auto mismatch = set_password(token, "ein-neues-passwort", "ein-anderes-passwort");
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_NE(mismatch.body.find("stimmen nicht überein"), std::string::npos);
  auto short_one = set_password(token, "kurz", "kurz");
  EXPECT_EQ(short_one.status, 422);
  EXPECT_NE(short_one.body.find("mindestens 10 Zeichen"), std::string::npos);

  auto done = set_password(token, "ein-neues-passwort", "ein-neues-passwort");
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.header("Location"), "/konto?passwort-geaendert=1");
  const std::string new_session = cookie_value(done, "rf_session");
  ASSERT_FALSE(new_session.empty());
  // The other session is over, this browser's new one works.
  EXPECT_EQ(test::get(port(), "/konto", {{"Cookie", "rf_session=" + old_session}}).status, 303);
  auto konto = test::get(port(), "/konto?passwort-geaendert=1", {{"Cookie", "rf_session=" + new_session}});
  EXPECT_EQ(konto.status, 200);
  EXPECT_NE(konto.body.find("Ihr neues Passwort ist gespeichert"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset'"), 1);
  // The new password logs in, the old one no longer.
  EXPECT_TRUE(login("ein-langes-passwort").empty());
  EXPECT_FALSE(login("ein-neues-passwort").empty());

  // The link is used up: its page and a second POST say so and change nothing.
  auto reused = test::get(port(), "/passwort-neu?token=" + token);
  EXPECT_EQ(reused.status, 410);
  EXPECT_NE(reused.body.find("abgelaufen, wurde schon benutzt"), std::string::npos);
  EXPECT_EQ(set_password(token, "noch-ein-passwort", "noch-ein-passwort").status, 410);
  EXPECT_FALSE(login("ein-neues-passwort").empty());
}

TEST_P(PasswordResetTest, AnExpiredLinkIsRefused) {
  std::string token;
  {
    auto db = pool_->acquire();
    auto user = web::find_user_by_email(*db, "redaktion@example.org");
    token = web::create_password_reset(*db, user->id, web::unix_now() - web::kPasswordResetSeconds - 1);
  }
  EXPECT_EQ(test::get(port(), "/passwort-neu?token=" + token).status, 410);
  EXPECT_EQ(set_password(token, "ein-neues-passwort", "ein-neues-passwort").status, 410);
  EXPECT_FALSE(login().empty()) << "the old password still works";
  // A link one minute before its end still works.
  {
    auto db = pool_->acquire();
    auto user = web::find_user_by_email(*db, "redaktion@example.org");
    token = web::create_password_reset(*db, user->id, web::unix_now() - web::kPasswordResetSeconds + 60);
  }
  EXPECT_EQ(test::get(port(), "/passwort-neu?token=" + token).status, 200);
  EXPECT_EQ(test::get(port(), "/passwort-neu?token=erfunden").status, 410);
  EXPECT_EQ(test::get(port(), "/passwort-neu").status, 410);
}

TEST_P(PasswordResetTest, UnknownAddressesGetTheSameAnswerInTheSameTime) {
  auto timed = [&](const std::string& email) {
    auto started = std::chrono::steady_clock::now();
    auto r = request_reset(email);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return std::make_pair(r, ms);
  };
  auto [known, known_ms] = timed("redaktion@example.org");
  auto [unknown, unknown_ms] = timed("niemand@example.org");
  EXPECT_EQ(known.status, 200);
  EXPECT_EQ(unknown.status, 200);
  // The same page but for the address typed (and the form's token).
  auto strip = [](std::string body, const std::string& email) {
    for (auto at = body.find(email); at != std::string::npos; at = body.find(email))
      body.replace(at, email.size(), "@");
    auto at = body.find("name=\"_csrf\" value=\"");
    if (at != std::string::npos) body.erase(at, body.find('"', at + 20) - at);
    return body;
  };
  EXPECT_EQ(strip(known.body, "redaktion@example.org"), strip(unknown.body, "niemand@example.org"));
  // Both wait for the same floor, which covers the extra work for a known address.
  EXPECT_GE(known_ms, 390);
  EXPECT_GE(unknown_ms, 390);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'niemand@example.org'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM password_resets"), 1);
  // Bad input is a German message that keeps what was typed.
  auto bad = request_reset("keine-adresse");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("gültige E-Mail-Adresse"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"keine-adresse\""), std::string::npos);
}

TEST_P(PasswordResetTest, RequestsAreThrottledPerAddressAndPerClient) {
  // Per address: past the limit the answer stays the same, but no more mail goes out.
  for (int i = 0; i < web::kMaxResetMailsPerAddress + 2; ++i) {
    auto r = request_reset("redaktion@example.org");
    EXPECT_EQ(r.status, 200) << i;
    EXPECT_NE(r.body.find("Wenn es zur Adresse"), std::string::npos);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'redaktion@example.org'"),
            web::kMaxResetMailsPerAddress);
  // Per client: every request counts, known address or not; then 429 with a German message.
  for (int i = web::kMaxResetMailsPerAddress + 2; i < web::kMaxMailRequestsPerIp; ++i) {
    EXPECT_EQ(request_reset("jemand" + std::to_string(i) + "@example.org").status, 200) << i;
  }
  auto refused = request_reset("noch-jemand@example.org");
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("zu viele Anfragen"), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"noch-jemand@example.org\""), std::string::npos);
  EXPECT_FALSE(refused.header("Retry-After").empty());
}

RF_BOTH_DATABASES(PasswordResetTest);

}  // namespace
}  // namespace rf::app
