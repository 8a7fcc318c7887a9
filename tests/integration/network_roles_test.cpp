// The role matrix: every route of the network module × every role, allowed
// or denied, behind the real server with the app's middleware, on both
// databases. A route added to src/network/ without a row here fails the
// completeness check.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "network/network.hpp"
#include "support/database_params.hpp"
#include "support/http_client.hpp"
#include "support/running_server.hpp"
#include "web/chain.hpp"

namespace rf::network {
namespace {

using test::HttpResponse;

enum Role { anonymous, partner, board, editor, steward, admin, kRoleCount };
constexpr const char* kRoleNames[] = {"anonymous", "partner", "board_member", "editor", "data_steward", "admin"};

struct Row {
  const char* method;
  const char* pattern;  // as registered
  std::string target;   // with ids from the demo data; "{token}" is replaced
  std::set<Role> allowed;
  std::string body = "";
};

const std::set<Role> kEveryone = {anonymous, partner, board, editor, steward, admin};
const std::set<Role> kOffice = {editor, admin};

class NetworkRolesTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    database_url_ = fresh_url();
    config_.root = RF_SOURCE_DIR;
    config_.var_dir = std::filesystem::temp_directory_path() / ("rf-roles-" + std::to_string(::getpid()));
    config_.smtp_url = "file:" + (config_.var_dir / "mail").string();
    {
      auto db = db::open(database_url_);
      db::migrate(*db, RF_SOURCE_DIR + "/migrations");
      std::ostringstream log;
      load_demo(*db, RF_SOURCE_DIR, log);
      // One municipality of the region register (the statistics are not imported here).
      db->execute(
          "INSERT INTO regions (code, name, level, parent_code, kind) VALUES "
          "('05113', 'Essen', 'county', '051', 'Kreisfreie Stadt')");
      web::create_user(*db, "editor@example.org", "Edi", "ein-langes-passwort", {"editor"});
      web::create_user(*db, "steward@example.org", "Stew", "ein-langes-passwort", {"data_steward"});
      web::create_user(*db, "admin@example.org", "Ada", "ein-langes-passwort", {"admin"});
      token_ = db->query_one("SELECT calendar_token FROM net_people WHERE email = 'beirat@ruhrfutur.example'")->text(0);
      partner_person_ =
          db->query_one("SELECT id FROM net_people WHERE email = 'partner@ruhrfutur.example'")->integer(0);
      spare_person_ = db->query_one("SELECT id FROM net_people WHERE name = 'Demo-Mitglied 8'")->integer(0);
      auto id_of = [&](const char* title) {
        return db->query_one("SELECT id FROM net_measures WHERE title = ?", {std::string(title)})->integer(0);
      };
      released_ = id_of("Sprachbrücken Kita–Grundschule");
      running_ = id_of("Abschluss sichern: Coaching in Klasse 9 und 10");
      advisory_ = id_of("Erstakademiker-Lotsen an Partnerhochschulen");
      submitted_ = id_of("Lernförderung im Ganztag");
      internal_meeting_ = db->query_one("SELECT id FROM net_meetings WHERE is_public = 0")->integer(0);
      public_meeting_ = db->query_one("SELECT MAX(id) FROM net_meetings WHERE is_public = 1")->integer(0);
      goal_ = db->query_one("SELECT MIN(id) FROM monitor_goals")->integer(0);
    }
    pool_ = std::make_unique<db::Pool>(database_url_, 4);
    templates_ = std::make_unique<web::Templates>(config_.root / "templates");
    services_ = std::make_unique<web::Services>(web::Services{config_, *pool_, *templates_});
    // The middleware chain of the app, the login pages, and the module's routes.
    web::use_standard_chain(router_, *services_);
    web::register_account_routes(router_, *services_);
    register_routes(router_, *services_);
    server_ = std::make_unique<test::RunningServer>(router_);
    sessions_[partner] = login("partner@ruhrfutur.example", "ruhrfutur-demo");
    sessions_[board] = login("beirat@ruhrfutur.example", "ruhrfutur-demo");
    sessions_[editor] = login("editor@example.org", "ein-langes-passwort");
    sessions_[steward] = login("steward@example.org", "ein-langes-passwort");
    sessions_[admin] = login("admin@example.org", "ein-langes-passwort");
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(config_.var_dir);
  }

  struct Session {
    std::string cookie;
    std::string csrf;
  };

  Session login(const std::string& email, const std::string& password) {
    auto form = test::get(server_->port(), "/anmelden");
    std::string anon = test::cookie_value(form, "rf_csrf");
    auto r = test::post_form(server_->port(), "/anmelden",
                             {{"_csrf", test::hidden_csrf(form.body)}, {"email", email}, {"password", password}},
                             {{"Cookie", "rf_csrf=" + anon}});
    Session s;
    s.cookie = "rf_session=" + test::cookie_value(r, "rf_session");
    EXPECT_NE(s.cookie, "rf_session=") << email << ": " << r.status;
    auto konto = test::get(server_->port(), "/konto", {{"Cookie", s.cookie}});
    s.csrf = test::hidden_csrf(konto.body);
    return s;
  }

  HttpResponse call(Role role, const Row& row) {
    std::string target = row.target;
    test::HeaderList headers;
    if (role == anonymous) {
      const std::string token(40, 'a');
      headers = {{"Cookie", "rf_csrf=" + token}, {"X-CSRF-Token", token}};
    } else {
      headers = {{"Cookie", sessions_[role].cookie}, {"X-CSRF-Token", sessions_[role].csrf}};
    }
    if (std::string(row.method) == "POST") {
      headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    }
    return test::http_request(server_->port(), row.method, target, headers, row.body);
  }

  std::vector<Row> rows() {
    auto n = [](std::int64_t v) { return std::to_string(v); };
    const std::set<Role> workers = {partner, board, editor, admin};
    return {
        {"GET", "/netzwerk", "/netzwerk", kEveryone},
        {"GET", "/netzwerk/partner", "/netzwerk/partner", kEveryone},
        {"GET", "/netzwerk/agenda", "/netzwerk/agenda", kEveryone},
        {"GET", "/netzwerk/agenda/ziele/{id}", "/netzwerk/agenda/ziele/" + n(goal_), kEveryone},
        {"GET", "/netzwerk/agenda/kommunen/{code}", "/netzwerk/agenda/kommunen/05113", kEveryone},
        {"GET", "/netzwerk/karte", "/netzwerk/karte", kEveryone},
        {"GET", "/netzwerk/praxisbeispiele", "/netzwerk/praxisbeispiele", kEveryone},
        {"GET", "/netzwerk/praxisbeispiele/{id}", "/netzwerk/praxisbeispiele/" + n(released_), kEveryone},
        {"GET", "/netzwerk/beschluesse", "/netzwerk/beschluesse?q=SG", kEveryone},
        {"GET", "/netzwerk/gremien/{slug}", "/netzwerk/gremien/steuerungsgruppe", kEveryone},
        {"GET", "/netzwerk/sitzungen/{id}", "/netzwerk/sitzungen/" + n(public_meeting_), kEveryone},
        {"GET", "/netzwerk/sitzungen/{id}", "/netzwerk/sitzungen/" + n(internal_meeting_), {board, editor, admin}},
        {"GET",
         "/netzwerk/sitzungen/{id}/kalender.ics",
         "/netzwerk/sitzungen/" + n(internal_meeting_) + "/kalender.ics",
         {board, editor, admin}},
        {"GET", "/netzwerk/kalender/{token}", "/netzwerk/kalender/" + token_ + ".ics", kEveryone},
        {"GET", "/netzwerk/dokumente/{id}", "", {}},  // covered by the browser test (needs an upload)
        {"GET", "/netzwerk/massnahmen", "/netzwerk/massnahmen", workers},
        {"GET", "/netzwerk/massnahmen/neu", "/netzwerk/massnahmen/neu", {partner, editor, admin}},
        {"GET", "/netzwerk/massnahmen/{id}", "/netzwerk/massnahmen/" + n(submitted_), workers},
        {"GET", "/netzwerk/massnahmen/{id}", "/netzwerk/massnahmen/" + n(advisory_), {board, editor, admin}},
        {"GET", "/netzwerk/massnahmen/fortschritt", "/netzwerk/massnahmen/fortschritt", kOffice},
        {"GET",
         "/netzwerk/organisationen/{slug}/bearbeiten",
         "/netzwerk/organisationen/stadt-essen/bearbeiten",
         {partner, editor, admin}},
        {"GET", "/netzwerk/organisationen/{slug}/bearbeiten", "/netzwerk/organisationen/tu-dortmund/bearbeiten",
         kOffice},
        {"GET", "/netzwerk/personen", "/netzwerk/personen", kOffice},
        {"GET", "/netzwerk/personen/neu", "/netzwerk/personen/neu", kOffice},
        {"GET",
         "/netzwerk/personen/{id}/export",
         "/netzwerk/personen/" + n(partner_person_) + "/export",
         {partner, editor, admin}},
        {"GET", "/netzwerk/gremien/{slug}/sitzungen/neu", "/netzwerk/gremien/fachbeirat/sitzungen/neu", kOffice},
        {"POST", "/netzwerk/massnahmen", "/netzwerk/massnahmen", {partner, editor, admin}, "titel="},
        {"POST", "/netzwerk/massnahmen/{id}/schritt", "/netzwerk/massnahmen/" + n(submitted_) + "/schritt", kOffice,
         "schritt=forward&version=0"},
        {"POST",
         "/netzwerk/massnahmen/{id}/empfehlung",
         "/netzwerk/massnahmen/" + n(advisory_) + "/empfehlung",
         {board, admin},
         "votum="},
        {"POST", "/netzwerk/massnahmen/{id}/meilensteine", "/netzwerk/massnahmen/" + n(running_) + "/meilensteine",
         kOffice, "kuerzel="},
        {"POST", "/netzwerk/massnahmen/{id}/berichte", "/netzwerk/massnahmen/" + n(running_) + "/berichte", kOffice,
         "zeitraum="},
        {"POST", "/netzwerk/massnahmen/{id}/folgen", "/netzwerk/massnahmen/" + n(submitted_) + "/folgen", workers,
         "folgen=1"},
        {"POST", "/netzwerk/massnahmen/fortschritt", "/netzwerk/massnahmen/fortschritt", kOffice, "csv="},
        {"POST",
         "/netzwerk/organisationen/{slug}/bearbeiten",
         "/netzwerk/organisationen/stadt-essen/bearbeiten",
         {partner, editor, admin},
         "name="},
        {"POST", "/netzwerk/personen", "/netzwerk/personen", kOffice, "name="},
        {"POST", "/netzwerk/personen/{id}/loeschen", "/netzwerk/personen/" + n(spare_person_) + "/loeschen", kOffice},
        {"POST", "/netzwerk/gremien/{slug}/sitzungen", "/netzwerk/gremien/fachbeirat/sitzungen", kOffice, "titel="},
        {"POST", "/netzwerk/sitzungen/{id}/dokumente", "/netzwerk/sitzungen/" + n(internal_meeting_) + "/dokumente",
         kOffice, "titel="},
        {"POST", "/netzwerk/sitzungen/{id}/protokoll", "/netzwerk/sitzungen/" + n(internal_meeting_) + "/protokoll",
         kOffice, "protokoll="},
    };
  }

  std::string database_url_;
  web::Settings config_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<web::Templates> templates_;
  std::unique_ptr<web::Services> services_;
  http::Router router_;
  std::unique_ptr<test::RunningServer> server_;
  Session sessions_[kRoleCount];
  std::string token_;
  std::int64_t partner_person_ = 0, spare_person_ = 0, released_ = 0, running_ = 0, advisory_ = 0, submitted_ = 0,
               internal_meeting_ = 0, public_meeting_ = 0, goal_ = 0;
};

TEST_P(NetworkRolesTest, EveryRouteTimesEveryRole) {
  int checked = 0;
  for (const auto& row : rows()) {
    if (row.target.empty()) continue;
    for (int r = 0; r < kRoleCount; ++r) {
      auto role = static_cast<Role>(r);
      auto res = call(role, row);
      std::string what = std::string(row.method) + " " + row.target + " as " + kRoleNames[r] + ": " +
                         std::to_string(res.status) + " " + res.header("Location");
      bool to_login = res.status == 303 && res.header("Location").starts_with("/anmelden");
      if (row.allowed.count(role)) {
        EXPECT_NE(res.status, 403) << what;
        EXPECT_FALSE(to_login) << what;
        EXPECT_LT(res.status, 500) << what << "\n" << res.body.substr(0, 400);
        EXPECT_NE(res.status, 404) << what;
      } else if (role == anonymous) {
        EXPECT_TRUE(to_login) << what;
      } else {
        EXPECT_EQ(res.status, 403) << what;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 38 * kRoleCount);
}

// Every route the module registers has at least one row in the matrix.
TEST_P(NetworkRolesTest, MatrixCoversEveryRegisteredRoute) {
  std::set<std::string> registered;
  std::regex call(R"(router\.(get|post)\("(/netzwerk[^"]*)\")");
  for (const auto& entry : std::filesystem::directory_iterator(RF_SOURCE_DIR + "/src/network")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), call), end; it != end; ++it) {
      std::string method = (*it)[1] == "get" ? "GET" : "POST";
      registered.insert(method + " " + (*it)[2].str());
    }
  }
  std::set<std::string> covered;
  for (const auto& row : rows()) covered.insert(std::string(row.method) + " " + row.pattern);
  EXPECT_GE(registered.size(), 30u);
  for (const auto& r : registered) EXPECT_TRUE(covered.count(r)) << "no role-matrix row for " << r;
}

RF_BOTH_DATABASES(NetworkRolesTest);

}  // namespace
}  // namespace rf::network
