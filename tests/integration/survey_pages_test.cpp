// The survey pages behind the real server on both databases: invitation
// mails, the page-by-page journey of the shipped TAB checklist, save and
// continue, submit with the token unlinked, every kind of bad input (double
// submit, used/unknown token, closed wave, tampered ids, non-relevant
// answers, oversized text), a whole response in one request, the open link,
// XLSForm uploads, and the TAB
// workflow from a school's needs round to the training institution's offer.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "http/server.hpp"
#include "support/database_params.hpp"
#include "support/http_client.hpp"
#include "support/running_server.hpp"
#include "support/temp_dir.hpp"
#include "survey/store.hpp"
#include "survey/survey.hpp"
#include "survey/tab.hpp"
#include "text/number.hpp"
#include "web/mail_sender.hpp"
#include "web/chain.hpp"

namespace rf::survey {
namespace {

using test::cookie_value;
using test::HeaderList;
using test::hidden_csrf;
using test::HttpResponse;

const std::string kPassword = "ein-langes-passwort";

std::string shift_days(int days) { return add_days(today_iso(), days); }

class SurveyPages : public test::BothDatabases {
 protected:
  void SetUp() override {
    database_url_ = fresh_url();
    config_.root = RF_SOURCE_DIR;
    config_.var_dir = var_.path();
    config_.smtp_url = "file:" + (var_.path() / "mail").string();
    config_.base_url = "http://befragung.test";
    db_ = db::open(database_url_);
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
    ASSERT_EQ(load_shipped_surveys(*db_, RF_SOURCE_DIR), 3);
    ASSERT_EQ(load_shipped_surveys(*db_, RF_SOURCE_DIR), 0);  // idempotent
    web::create_user(*db_, "daten@example.org", "Dana", kPassword, {"data_steward"});
    pool_ = std::make_unique<db::Pool>(database_url_, 4);
    templates_ = std::make_unique<web::Templates>(config_.root / "templates");
    services_ = std::make_unique<web::Services>(web::Services{config_, *pool_, *templates_});
    web::use_standard_chain(router_, *services_);
    web::register_account_routes(router_, *services_);
    register_routes(router_, *services_);
    server_ = std::make_unique<test::RunningServer>(router_);
  }
  unsigned short port() const { return server_->port(); }

  // A wave of a shipped survey, open from yesterday to next week unless told otherwise.
  std::int64_t wave(const std::string& slug, std::string opens = "", std::string closes = "") {
    auto s = find_survey(*db_, slug);
    NewWave w;
    w.survey_id = s->id;
    w.version_id = *latest_version(*db_, s->id);
    w.title = "Welle";
    w.opens_on = opens.empty() ? shift_days(-1) : opens;
    w.closes_on = closes.empty() ? shift_days(7) : closes;
    w.open_link = true;
    auto [id, token] = create_wave(*db_, w);
    open_token_ = token;
    return id;
  }

  // GET with the visitor's CSRF cookie kept.
  HttpResponse get(const std::string& path) {
    auto r = test::get(port(), path, cookies());
    if (auto c = cookie_value(r, "rf_csrf"); !c.empty()) csrf_cookie_ = c;
    last_csrf_ = hidden_csrf(r.body);
    return r;
  }
  HttpResponse post(const std::string& path, HeaderList fields) {
    fields.insert(fields.begin(), {"_csrf", last_csrf_});
    return test::post_form(port(), path, fields, cookies());
  }
  HeaderList cookies() const {
    std::string c = "rf_csrf=" + csrf_cookie_;
    if (!session_.empty()) c += "; rf_session=" + session_;
    return {{"Cookie", c}};
  }
  void login(const std::string& email) {
    session_.clear();
    auto form = get("/anmelden");
    auto r = post("/anmelden", {{"email", email}, {"password", kPassword}, {"weiter", "/konto"}});
    session_ = cookie_value(r, "rf_session");
    ASSERT_FALSE(session_.empty());
  }

  // Links of the invitation mails written so far, oldest first by file name order of sending.
  std::vector<std::string> mail_links() {
    // The pages only queue the mails: deliver the outbox to the file sink first.
    web::SenderSettings settings;
    settings.database_url = database_url_;
    settings.smtp_url = config_.smtp_url;
    web::MailSender sender(settings);
    while (sender.run_once() > 0) {
    }
    std::vector<std::pair<std::filesystem::file_time_type, std::string>> found;
    if (!std::filesystem::exists(var_.path() / "mail")) return {};
    for (const auto& entry : std::filesystem::directory_iterator(var_.path() / "mail")) {
      std::ifstream in(entry.path());
      std::stringstream s;
      s << in.rdbuf();
      std::smatch m;
      // quoted-printable may wrap long lines with "=\r\n".
      std::string body = std::regex_replace(s.str(), std::regex("=\r?\n"), "");
      if (std::regex_search(body, m, std::regex(R"(http://befragung\.test(/befragung/[A-Za-z0-9_-]+))")))
        found.emplace_back(entry.last_write_time(), m[1]);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (auto& f : found) out.push_back(f.second);
    return out;
  }

  std::int64_t count(const std::string& sql, const std::vector<db::Value>& params = {}) {
    return db_->query_one(sql, params)->integer(0);
  }

  // The TAB checklist answered page by page through the forms; returns the last response.
  HttpResponse answer_tab(const std::string& token, const std::string& group = "lehrkraft") {
    std::string path = "/befragung/" + token;
    auto r = get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    r = post(path, {{"seite", "0"}, {"_aktion", "weiter"}});  // the intro note
    EXPECT_EQ(r.status, 303) << r.body;
    get(path + "?seite=2");
    r = post(path, {{"seite", "1"}, {"_aktion", "weiter"}, {"f:personalgruppe", group}, {"f:erfahrung", "2bis10"}});
    EXPECT_EQ(r.status, 303) << r.body;
    get(path + "?seite=3");
    HeaderList topics{{"seite", "2"}, {"_aktion", "weiter"}};
    for (const char* t : {"daz", "inklusion", "digital", "klassenfuehrung", "eltern", "demokratie", "gesundheit",
                          "berufsorientierung", "ganztag"})
      topics.push_back({std::string("f:thema_") + t, std::string(t) == "daz" ? "hoch" : "gering"});
    r = post(path, topics);
    EXPECT_EQ(r.status, 303) << r.body;
    get(path + "?seite=4");
    r = post(path, {{"seite", "3"},
                    {"_aktion", "weiter"},
                    {"f:formate", "online"},
                    {"f:formate", "schilf"},
                    {"f:personentage", "1,5"}});
    EXPECT_EQ(r.status, 303) << r.body;
    get(path + "?seite=5");
    r = post(path, {{"seite", "4"}, {"_aktion", "weiter"}, {"n:weitere", "1"}});
    EXPECT_EQ(r.status, 303) << r.body;
    get(path + "?seite=6");
    return post(path, {{"seite", "5"}, {"_aktion", "absenden"}, {"f:anmerkungen", "Bitte am Nachmittag."}});
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
  std::string csrf_cookie_, last_csrf_, session_, open_token_;
};

TEST_P(SurveyPages, TabChecklistJourneyUnlinksTheTokenAtSubmit) {
  auto w = wave("tab-checkliste");
  std::string token = invite(*db_, w, "a@schule.example", "lehrkraft");
  auto done = answer_tab(token);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Vielen Dank!"), std::string::npos);

  // Stored in long form: one row per answer, select_multiple in list order, decimals normalised.
  auto responses = submitted_responses(*db_, w);
  ASSERT_EQ(responses.size(), 1u);
  const auto& a = responses[0].answers;
  EXPECT_EQ(a.at({"personalgruppe", 0}), "lehrkraft");
  EXPECT_EQ(a.at({"thema_daz", 0}), "hoch");
  EXPECT_EQ(a.at({"formate", 0}), "schilf online");
  EXPECT_EQ(a.at({"personentage", 0}), "1.5");
  EXPECT_EQ(a.at({"anmerkungen", 0}), "Bitte am Nachmittag.");
  EXPECT_EQ(responses[0].staff_group, "lehrkraft");
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers"), static_cast<std::int64_t>(a.size()));

  // Anonymous: no reference from invitation to response, only the ISO week, random id.
  auto inv = db_->query_one("SELECT draft_id, answered_on FROM survey_invitations WHERE wave_id = ?", {w});
  EXPECT_TRUE(inv->is_null(0));
  EXPECT_TRUE(std::regex_match(inv->text(1), std::regex(R"(\d{4}-W\d{2})"))) << inv->text(1);
  auto resp = db_->query_one("SELECT id, submitted_on, respondent FROM survey_responses");
  EXPECT_EQ(resp->text(1), inv->text(1));
  EXPECT_EQ(resp->text(2), "");
  EXPECT_EQ(resp->text(0).size(), 22u);  // 16 random bytes, base64url

  // Double submit and reuse: receipt, nothing stored.
  auto before = count("SELECT COUNT(*) FROM survey_answers");
  auto again = post("/befragung/" + token, {{"seite", "5"}, {"_aktion", "absenden"}, {"f:anmerkungen", "Noch was"}});
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("bereits eingegangen"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers"), before);
  auto reuse = get("/befragung/" + token);
  EXPECT_NE(reuse.body.find("Link ist damit verbraucht"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 1);
}

TEST_P(SurveyPages, SaveAndContinueKeepsAnswersAndPage) {
  auto w = wave("tab-checkliste");
  std::string token = invite(*db_, w, "b@schule.example", "verwaltung");
  std::string path = "/befragung/" + token;
  get(path);
  post(path, {{"seite", "0"}, {"_aktion", "weiter"}});
  get(path + "?seite=2");
  // Saving for later skips `required` but keeps what was given.
  auto saved = post(path, {{"seite", "1"}, {"_aktion", "speichern"}, {"f:erfahrung", "ueber10"}});
  EXPECT_EQ(saved.status, 200) << saved.body;
  EXPECT_NE(saved.body.find("Ihre Antworten sind gespeichert"), std::string::npos);
  // Continuing from the mail link: the same page with the answer checked.
  auto back = get(path);
  EXPECT_NE(back.body.find("Zu Ihrer Tätigkeit"), std::string::npos);
  EXPECT_NE(back.body.find(R"(value="ueber10" checked)"), std::string::npos);
  // Going on without the required group: an error tied to the field, nothing stored.
  auto missing = post(path, {{"seite", "1"}, {"_aktion", "weiter"}, {"f:erfahrung", "ueber10"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.body.find(R"(href="#frage-personalgruppe--0")"), std::string::npos) << missing.body;
  EXPECT_NE(missing.body.find("Bitte beantworten Sie diese Frage."), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses WHERE status = 'submitted'"), 0);
}

TEST_P(SurveyPages, BadInputIsRefusedWithGermanMessagesAndNothingStored) {
  auto w = wave("tab-checkliste");
  std::string token = invite(*db_, w, "c@schule.example", "");
  std::string path = "/befragung/" + token;
  get(path);
  auto answers = [&] { return count("SELECT COUNT(*) FROM survey_answers"); };

  // A choice that is not in the list.
  auto tampered = post(path, {{"seite", "1"}, {"_aktion", "weiter"}, {"f:personalgruppe", "hausmeister"}});
  EXPECT_EQ(tampered.status, 422);
  EXPECT_NE(tampered.body.find("Die Antwort „hausmeister“ gehört nicht zu dieser Frage."), std::string::npos);
  // A question id that is not on this page.
  auto foreign =
      post(path, {{"seite", "1"}, {"_aktion", "weiter"}, {"f:personalgruppe", "lehrkraft"}, {"f:gibt_es_nicht", "1"}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_NE(foreign.body.find("ein Feld, das es auf dieser Seite nicht gibt"), std::string::npos);
  // A page that does not exist.
  auto page = post(path, {{"seite", "99"}, {"_aktion", "weiter"}});
  EXPECT_EQ(page.status, 400);
  EXPECT_EQ(answers(), 0);

  // Constraint with its own message, and a number that is none; typed text is kept.
  post(path, {{"seite", "1"}, {"_aktion", "weiter"}, {"f:personalgruppe", "alltagshilfe"}});
  auto constraint = post(path, {{"seite", "3"},
                                {"_aktion", "weiter"},
                                {"f:formate", "online"},
                                {"f:formate", "schilf"},
                                {"f:formate", "praesenz"},
                                {"f:formate", "abruf"},
                                {"f:personentage", "zwei"}});
  EXPECT_EQ(constraint.status, 422);
  EXPECT_NE(constraint.body.find("Bitte wählen Sie höchstens drei Formate."), std::string::npos);
  EXPECT_NE(constraint.body.find("Bitte geben Sie eine Zahl ein"), std::string::npos);
  EXPECT_NE(constraint.body.find(R"(value="zwei")"), std::string::npos);

  // A question that does not apply (everyday helpers get no career-orientation topic).
  HeaderList topics{{"seite", "2"}, {"_aktion", "weiter"}};
  for (const char* t : {"daz", "inklusion", "digital", "klassenfuehrung", "eltern", "demokratie", "gesundheit",
                        "berufsorientierung", "ganztag"})
    topics.push_back({std::string("f:thema_") + t, "mittel"});
  auto not_relevant = post(path, topics);
  EXPECT_EQ(not_relevant.status, 422);
  EXPECT_NE(not_relevant.body.find("nach Ihren bisherigen Angaben nicht gestellt wird"), std::string::npos)
      << not_relevant.body.substr(0, 3000);

  // Oversized text.
  auto oversized = post(path, {{"seite", "5"}, {"_aktion", "speichern"}, {"f:anmerkungen", std::string(2500, 'x')}});
  EXPECT_EQ(oversized.status, 422);
  EXPECT_NE(oversized.body.find("Der Text ist zu lang: höchstens 2.000 Zeichen, Sie haben 2.500 eingegeben."),
            std::string::npos);
  // Only the valid first page was stored.
  EXPECT_EQ(answers(), 1);

  // Submitting with pages missing: back to the first page with a problem.
  auto early = post(path, {{"seite", "5"}, {"_aktion", "absenden"}});
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("<h1>Wie dringend ist Fortbildung für Sie in diesen Themen?</h1>"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses WHERE status = 'submitted'"), 0);
}

TEST_P(SurveyPages, AGetStoresNothingAndEveryPostIsOneWriteTransaction) {
  auto w = wave("tab-checkliste");
  std::string token = invite(*db_, w, "g@schule.example", "lehrkraft");
  std::string path = "/befragung/" + token;
  // PostgreSQL gives a transaction id only to a transaction that writes:
  // the ids taken between two calls of txid_current() (which takes one
  // itself) are the server's write transactions meanwhile. SQLite has no
  // such count; there the test checks what was stored.
  bool postgres = GetParam() == db::Kind::postgresql;
  std::int64_t last = postgres ? db_->query_one("SELECT txid_current()")->integer(0) : 0;
  auto writes = [&]() -> std::int64_t {
    if (!postgres) return -1;
    std::int64_t now = db_->query_one("SELECT txid_current()")->integer(0);
    std::int64_t n = now - last - 1;
    last = now;
    return n;
  };
  std::int64_t none = postgres ? 0 : -1, one = postgres ? 1 : -1;

  // Opening the link stores nothing: the draft comes with the first saved page.
  ASSERT_EQ(get(path).status, 200);
  EXPECT_EQ(writes(), none);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 0);
  EXPECT_TRUE(db_->query_one("SELECT draft_id FROM survey_invitations WHERE wave_id = ?", {w})->is_null(0));
  // A refused page stores nothing either.
  EXPECT_EQ(post(path, {{"seite", "1"}, {"_aktion", "weiter"}, {"f:personalgruppe", "hausmeister"}}).status, 422);
  EXPECT_EQ(writes(), none);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 0);

  // The first page: the draft and its answers in one transaction.
  auto r = post(path, {{"seite", "1"}, {"_aktion", "weiter"}, {"f:personalgruppe", "lehrkraft"}});
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(writes(), one);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses WHERE status = 'draft' AND page = 2"), 1);
  HeaderList topics{{"seite", "2"}, {"_aktion", "weiter"}};
  for (const char* t : {"daz", "inklusion", "digital", "klassenfuehrung", "eltern", "demokratie", "gesundheit",
                        "berufsorientierung", "ganztag"})
    topics.push_back({std::string("f:thema_") + t, "mittel"});
  r = post(path, topics);
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(writes(), one);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers"), 10);

  // The last page and the submit: one transaction.
  r = post(path, {{"seite", "3"}, {"_aktion", "absenden"}, {"f:formate", "online"}, {"f:personentage", "2"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Vielen Dank!"), std::string::npos);
  EXPECT_EQ(writes(), one);
  auto responses = submitted_responses(*db_, w);
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].answers.size(), 12u);
  EXPECT_EQ(responses[0].answers.at({"formate", 0}), "online");
  EXPECT_EQ(responses[0].answers.at({"thema_ganztag", 0}), "mittel");
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers"), 12);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses WHERE page <> 0"), 0);
  EXPECT_TRUE(db_->query_one("SELECT draft_id FROM survey_invitations WHERE wave_id = ?", {w})->is_null(0));
}

// The whole form for the answering script (?seite=alle) and all pages'
// fields in one POST (seite=alle), as the script sends them: one write
// transaction for a valid response; the same messages as page by page for bad
// input, shown in the whole form at the page concerned, with the pages
// without errors kept as a draft; a field of no page or of a page that does
// not apply stores nothing.
TEST_P(SurveyPages, AWholeResponseInOneRequest) {
  auto w = wave("tab-checkliste");
  {
    std::string token = invite(*db_, w, "ansicht@schule.example", "lehrkraft");
    auto paged = get("/befragung/" + token);
    EXPECT_NE(paged.body.find(R"(data-ganz="&#x2F;befragung&#x2F;)" + token + "?seite=alle\""), std::string::npos);
    auto all = get("/befragung/" + token + "?seite=alle");
    ASSERT_EQ(all.status, 200);
    std::size_t sections = 0;
    for (auto pos = all.body.find("<section class=\"survey-page\""); pos != std::string::npos;
         pos = all.body.find("<section class=\"survey-page\"", pos + 1))
      ++sections;
    EXPECT_EQ(sections, 6u);
    // Every question is there; one with a condition carries it, hidden and disabled while it fails.
    EXPECT_NE(
        all.body.find(R"(<fieldset class="survey-if" data-relevant="${personalgruppe} != &#39;alltagshilfe&#39;">)"),
        std::string::npos);
    EXPECT_NE(all.body.find(R"x(data-relevant="selected(${formate}, &#39;schilf&#39;)" hidden disabled>)x"),
              std::string::npos);
    EXPECT_NE(all.body.find(R"(data-instanz="0")"), std::string::npos);
    EXPECT_NE(all.body.find(R"(<script src="/static/js/befragung.js" defer>)"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 0);  // a GET stores nothing
    // One entry more: saved as a draft, the whole form again at the repeat's page.
    auto more = post("/befragung/" + token, {{"seite", "alle"},
                                             {"_aktion", "mehr:weitere"},
                                             {"f:personalgruppe", "lehrkraft"},
                                             {"n:weitere", "1"},
                                             {"f:weiteres_thema:0", "daz"}});
    ASSERT_EQ(more.status, 200) << more.body.substr(0, 3000);
    EXPECT_NE(more.body.find(R"(data-befragung-alle data-start="4")"), std::string::npos);
    EXPECT_NE(more.body.find(R"(data-instanz="1")"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses WHERE status = 'draft'"), 1);
    db_->execute("DELETE FROM survey_answers");
    db_->execute("UPDATE survey_invitations SET draft_id = NULL");
    db_->execute("DELETE FROM survey_responses");
  }
  bool postgres = GetParam() == db::Kind::postgresql;
  auto txid = [&] { return postgres ? db_->query_one("SELECT txid_current()")->integer(0) : 0; };
  auto submitted = [&] { return count("SELECT COUNT(*) FROM survey_responses WHERE status = 'submitted'"); };
  auto whole = [](const std::string& group, bool with_career) {
    HeaderList f{{"seite", "alle"},         {"_aktion", "absenden"}, {"f:personalgruppe", group},
                 {"f:erfahrung", "unter2"}, {"f:formate", "online"}, {"f:formate", "schilf"},
                 {"f:personentage", "1,5"}, {"n:weitere", "1"},      {"f:anmerkungen", "Alles auf einmal."}};
    for (const char* t :
         {"daz", "inklusion", "digital", "klassenfuehrung", "eltern", "demokratie", "gesundheit", "ganztag"})
      f.push_back({std::string("f:thema_") + t, "mittel"});
    if (with_career) f.push_back({"f:thema_berufsorientierung", "hoch"});
    return f;
  };

  // Valid: submitted in one write transaction, stored as page by page.
  std::string token = invite(*db_, w, "alle@schule.example", "lehrkraft");
  std::string path = "/befragung/" + token;
  ASSERT_EQ(get(path).status, 200);
  std::int64_t before = txid();
  auto r = post(path, whole("lehrkraft", true));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 3000);
  EXPECT_NE(r.body.find("Vielen Dank!"), std::string::npos);
  if (postgres) EXPECT_EQ(txid() - before - 1, 1);
  auto responses = submitted_responses(*db_, w);
  ASSERT_EQ(responses.size(), 1u);
  const auto& a = responses[0].answers;
  EXPECT_EQ(a.size(), 14u);  // group, experience, 9 topics, formats, days, remark
  EXPECT_EQ(a.at({"formate", 0}), "schilf online");
  EXPECT_EQ(a.at({"personentage", 0}), "1.5");
  EXPECT_EQ(a.at({"thema_berufsorientierung", 0}), "hoch");
  EXPECT_EQ(a.at({"anmerkungen", 0}), "Alles auf einmal.");
  EXPECT_TRUE(db_->query_one("SELECT draft_id FROM survey_invitations WHERE wave_id = ?", {w})->is_null(0));
  // Posted again: the receipt, nothing stored.
  auto rows = count("SELECT COUNT(*) FROM survey_answers");
  auto again = post(path, whole("lehrkraft", true));
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("bereits eingegangen"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers"), rows);

  // A field of no page: refused, nothing stored.
  std::string token2 = invite(*db_, w, "alle2@schule.example", "alltagshilfe");
  std::string path2 = "/befragung/" + token2;
  get(path2);
  auto fields = whole("alltagshilfe", false);
  fields.push_back({"f:gibt_es_nicht", "1"});
  auto foreign = post(path2, fields);
  EXPECT_EQ(foreign.status, 422);
  EXPECT_NE(foreign.body.find("ein Feld, das es nicht gibt („f:gibt_es_nicht“)"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers"), rows);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 1);

  // An answer to a question that does not apply (everyday helpers get no
  // career-orientation topic): the page-by-page message on that page; the
  // pages without errors, also those after it, are kept as a draft.
  auto not_relevant = post(path2, whole("alltagshilfe", true));
  EXPECT_EQ(not_relevant.status, 422);
  EXPECT_NE(not_relevant.body.find("nach Ihren bisherigen Angaben nicht gestellt wird"), std::string::npos)
      << not_relevant.body.substr(0, 3000);
  EXPECT_NE(not_relevant.body.find(R"(data-befragung-alle data-start="2")"), std::string::npos);  // the topics
  EXPECT_EQ(submitted(), 1);
  auto draft = find_access(*db_, token2);
  ASSERT_TRUE(draft && draft->draft_id);
  auto kept = load_answers(*db_, *draft->draft_id);
  EXPECT_EQ(kept.at({"personalgruppe", 0}), "alltagshilfe");
  EXPECT_EQ(kept.at({"formate", 0}), "schilf online");
  EXPECT_EQ(kept.count({"thema_daz", 0}), 0u);

  // Corrected, the next whole post submits (the draft becomes the response).
  auto fixed = post(path2, whole("alltagshilfe", false));
  ASSERT_EQ(fixed.status, 200) << fixed.body.substr(0, 3000);
  EXPECT_NE(fixed.body.find("Vielen Dank!"), std::string::npos);
  EXPECT_EQ(submitted(), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses WHERE status = 'draft'"), 0);

  // "speichern" keeps an incomplete response without `required`; the link continues there.
  std::string token3 = invite(*db_, w, "alle3@schule.example", "verwaltung");
  std::string path3 = "/befragung/" + token3;
  get(path3);
  auto saved = post(path3, {{"seite", "alle"}, {"_aktion", "speichern"}, {"f:erfahrung", "ueber10"}});
  EXPECT_EQ(saved.status, 200) << saved.body.substr(0, 3000);
  EXPECT_NE(saved.body.find("Ihre Antworten sind gespeichert"), std::string::npos);
  auto back = get(path3);
  EXPECT_NE(back.body.find("Zu Ihrer Tätigkeit"), std::string::npos);
  EXPECT_NE(back.body.find(R"(value="ueber10" checked)"), std::string::npos);
  // Submitting without the required answers: the first page with a missing one.
  auto early = post(path3, {{"seite", "alle"}, {"_aktion", "absenden"}, {"f:erfahrung", "ueber10"}});
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find(R"(href="#frage-personalgruppe--0")"), std::string::npos);
  EXPECT_EQ(submitted(), 2);
}

TEST_P(SurveyPages, ARequestThatFindsTheResponseSubmittedStoresNothing) {
  auto w = wave("partner");
  std::string token = invite(*db_, w, "h@example.org", "");
  auto start = find_access(*db_, token);
  ASSERT_TRUE(save_page(*db_, *start, {}, {"organisation", "organisation_sonst", "zusammenarbeit"},
                        {{{"organisation", 0}, "kommune"}, {{"zusammenarbeit", 0}, "4"}}, 0));
  // Two requests of the same link read the draft before either writes (a
  // double click, two tabs); the first submits.
  auto one = find_access(*db_, token), two = find_access(*db_, token);
  ASSERT_TRUE(one->draft_id && two->draft_id);
  Answers stored = load_answers(*db_, *one->draft_id);
  ASSERT_EQ(stored.size(), 2u);
  Answers final = stored;
  final[{"wunsch", 0}] = "Mehr Daten";
  ASSERT_TRUE(submit_response(*db_, *one, stored, final));
  auto rows = [&] {
    std::string out;
    for (const auto& r : db_->query("SELECT a.question, a.value, s.status, s.page FROM survey_answers a "
                                    "JOIN survey_responses s ON s.id = a.response_id ORDER BY a.question"))
      out += r.text(0) + "=" + r.text(1) + " " + r.text(2) + " " + r.text(3) + "\n";
    return out;
  };
  std::string after_submit = rows();
  EXPECT_EQ(after_submit,
            "organisation=kommune submitted 0\nwunsch=Mehr Daten submitted 0\nzusammenarbeit=4 submitted 0\n");
  // The second saves a page, then submits: neither writes anything.
  EXPECT_FALSE(save_page(*db_, *two, stored, {"wunsch"}, {{{"wunsch", 0}, "Etwas anderes"}}, 0));
  Answers other = stored;
  other[{"organisation", 0}] = "hochschule";
  EXPECT_FALSE(submit_response(*db_, *two, stored, other));
  EXPECT_EQ(rows(), after_submit);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 1);
  // Through the pages, the link shows the receipt and stores nothing.
  get("/befragung/offen/" + open_token_);  // a form, for the CSRF token
  auto again = post("/befragung/" + token,
                    {{"seite", "0"}, {"_aktion", "absenden"}, {"f:organisation", "schule"}, {"f:zusammenarbeit", "2"}});
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("bereits eingegangen"), std::string::npos);
  EXPECT_EQ(rows(), after_submit);
}

TEST_P(SurveyPages, TokensAndWavesThatCannotBeUsed) {
  EXPECT_EQ(get("/befragung/unbekannt").status, 404);
  auto closed = wave("partner", shift_days(-30), shift_days(-1));
  auto closed_token = invite(*db_, closed, "d@example.org", "");
  auto r = get("/befragung/" + closed_token);
  EXPECT_EQ(r.status, 410);
  EXPECT_NE(r.body.find("zu Ende gegangen"), std::string::npos);
  auto later = wave("partner", shift_days(3), shift_days(10));
  auto later_token = invite(*db_, later, "e@example.org", "");
  EXPECT_EQ(get("/befragung/" + later_token).status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 0);
}

TEST_P(SurveyPages, OpenLinkAndRepeats) {
  wave("partner");
  auto start = get("/befragung/offen/" + open_token_);
  ASSERT_EQ(start.status, 200);
  EXPECT_NE(start.body.find("Befragung beginnen"), std::string::npos);
  auto go = post("/befragung/offen/" + open_token_, {});
  ASSERT_EQ(go.status, 303);
  std::string personal = go.header("Location");
  ASSERT_TRUE(personal.starts_with("/befragung/"));
  auto page = get(personal);
  EXPECT_NE(page.body.find("Wie bewerten Sie die Zusammenarbeit"), std::string::npos);
  auto done = post(personal, {{"seite", "0"},
                              {"_aktion", "absenden"},
                              {"f:organisation", "andere"},
                              {"f:organisation_sonst", "Kammer"},
                              {"f:zusammenarbeit", "4"},
                              {"f:nutzen", "daten"}});
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Vielen Dank"), std::string::npos);
  // A scale value outside the range is tampering.
  auto go2 = post("/befragung/offen/" + open_token_, {});
  std::string second = go2.header("Location");
  get(second);
  auto bad =
      post(second, {{"seite", "0"}, {"_aktion", "absenden"}, {"f:organisation", "schule"}, {"f:zusammenarbeit", "9"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("gehört nicht zur Skala"), std::string::npos);

  // The repeat of the TAB checklist: add and fill a second entry.
  auto w = wave("tab-checkliste");
  std::string token = invite(*db_, w, "f@schule.example", "lehrkraft");
  std::string path = "/befragung/" + token;
  get(path + "?seite=5");
  auto more = post(path, {{"seite", "4"},
                          {"_aktion", "mehr:weitere"},
                          {"n:weitere", "1"},
                          {"f:weiteres_thema:0", "sonstiges"},
                          {"f:weiteres_text:0", "Erste Hilfe"}});
  EXPECT_EQ(more.status, 200) << more.body;
  EXPECT_NE(more.body.find("Weitere Bedarfe – Eintrag 2"), std::string::npos);
  EXPECT_NE(more.body.find(R"(name="f:weiteres_thema:1")"), std::string::npos);
  auto stored = load_answers(*db_, *find_access(*db_, token)->draft_id);
  EXPECT_EQ(stored.at({"weiteres_text", 0}), "Erste Hilfe");
  // An instance beyond the shown ones is tampering.
  auto beyond = post(path, {{"seite", "4"}, {"_aktion", "weiter"}, {"n:weitere", "2"}, {"f:weiteres_thema:5", "daz"}});
  EXPECT_EQ(beyond.status, 422);
}

TEST_P(SurveyPages, OfficeUploadsFormsCreatesWavesAndInvites) {
  login("daten@example.org");
  auto list = get("/umfragen");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("TAB-Checkliste"), std::string::npos);

  // A wave with two invitations: two mails with personal links.
  auto r = post("/umfragen/partner/wellen", {{"titel", "Herbst"},
                                             {"beginn", today_iso()},
                                             {"ende", shift_days(14)},
                                             {"einladungen", "p1@example.org\np2@example.org; kommune\nkaputt"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Zeile 3: „kaputt“ ist keine E-Mail-Adresse."), std::string::npos);
  EXPECT_NE(r.body.find("p2@example.org; kommune"), std::string::npos);  // what was typed stays
  get("/umfragen");
  r = post("/umfragen/partner/wellen", {{"titel", "Herbst"},
                                        {"beginn", today_iso()},
                                        {"ende", shift_days(14)},
                                        {"einladungen", "p1@example.org\np2@example.org; kommune"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("2 Einladung(en) versandt"), std::string::npos);
  auto links = mail_links();
  ASSERT_EQ(links.size(), 2u);
  auto page = get(links[0]);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Kurzbefragung der Partner"), std::string::npos);

  // An upload whose relevant conditions form a cycle is refused with sheet, row, column.
  get("/umfragen");
  const std::string boundary = "----rfSurveyBoundary";
  std::string survey_csv = "type,name,label,relevant\ninteger,a,A,${b} > 1\ninteger,b,B,${a} > 1\n";
  std::string body;
  auto part = [&](const std::string& name, const std::string& value, const std::string& filename = "") {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"\r\nContent-Type: text/csv";
    body += "\r\n\r\n" + value + "\r\n";
  };
  part("_csrf", last_csrf_);
  part("titel", "Studierendenbefragung");
  part("kennung", "studierende");
  part("k", "5");
  part("datei", survey_csv, "survey.csv");
  body += "--" + boundary + "--\r\n";
  auto headers = cookies();
  headers.push_back({"Content-Type", "multipart/form-data; boundary=" + boundary});
  auto upload = test::http_request(port(), "POST", "/umfragen/neu", headers, body);
  EXPECT_EQ(upload.status, 422);
  EXPECT_NE(upload.body.find("Tabelle „survey“, Zeile 2, Spalte D (relevant): Die Bedingungen (relevant) beziehen sich "
                             "im Kreis aufeinander: a → b → a."),
            std::string::npos)
      << upload.body.substr(0, 4000);
  EXPECT_NE(upload.body.find(R"(value="Studierendenbefragung")"), std::string::npos);
  EXPECT_FALSE(find_survey(*db_, "studierende"));

  // The preview shows every page with locked fields.
  auto preview = get("/umfragen/tab-checkliste/vorschau");
  EXPECT_EQ(preview.status, 200);
  EXPECT_NE(preview.body.find("Seite 6 von 6"), std::string::npos);
  EXPECT_NE(preview.body.find("disabled"), std::string::npos);
}

TEST_P(SurveyPages, OfficePagesNeedTheRole) {
  auto r = get("/umfragen");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location").rfind("/anmelden", 0), 0u);
}

TEST_P(SurveyPages, TabWorkflowFromSchoolToTrainingInstitution) {
  // Two schools of the register in Dortmund (05913), different Sozialindex.
  for (auto [code, name, form, index] : {std::tuple{"111111", "Grundschule Am Park", "Grundschule", 7},
                                         std::tuple{"222222", "Gesamtschule Nord", "Gesamtschule", 3}})
    db_->execute(
        "INSERT INTO institutions (kind, code, name, region_code, school_form, sozialindex) VALUES "
        "('school', ?, ?, '05913000', ?, ?)",
        {std::string(code), std::string(name), std::string(form), std::int64_t(index)});
  web::create_user(*db_, "koordination@park.example", "Kim", kPassword, {"school"});
  auto kt = web::create_user(*db_, "kt@dortmund.example", "Kompetenzteam", kPassword, {"training_institution"});
  assign_kreis(*db_, kt, "05913");

  // The office ties the coordinator to the school; a wrong number is named.
  login("daten@example.org");
  get("/tab/zuordnung");
  auto wrong = post("/tab/zuordnung", {{"email", "koordination@park.example"}, {"schulnummer", "999999"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Die Schulnummer „999999“ steht nicht im Schulverzeichnis."), std::string::npos);
  auto ok = post("/tab/zuordnung", {{"email", "koordination@park.example"}, {"schulnummer", "111111"}});
  EXPECT_NE(ok.body.find("der Schule „Grundschule Am Park“ zugeordnet"), std::string::npos) << ok.body;

  // The coordinator starts a round and invites two teachers.
  login("koordination@park.example");
  auto home = get("/tab");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Grundschule Am Park"), std::string::npos);
  std::string school_id =
      std::to_string(db_->query_one("SELECT id FROM institutions WHERE code = '111111'")->integer(0));
  auto started = post("/tab/runden", {{"schule", school_id}});
  ASSERT_EQ(started.status, 303);
  std::string round = started.header("Location");
  get(round);
  auto bad_invite = post(round + "/einladen", {{"gruppe", "lehrkraft"}, {"adressen", "l1@park.example\nnein"}});
  EXPECT_EQ(bad_invite.status, 422);
  EXPECT_NE(bad_invite.body.find("Zeile 2: „nein“ ist keine E-Mail-Adresse."), std::string::npos);
  auto invited = post(round + "/einladen", {{"gruppe", "lehrkraft"}, {"adressen", "l1@park.example\nl2@park.example"}});
  ASSERT_EQ(invited.status, 200) << invited.body;
  EXPECT_NE(invited.body.find("2 Einladung(en) an Lehrkraft versandt."), std::string::npos);
  auto links = mail_links();
  ASSERT_EQ(links.size(), 2u);

  // Both answer (as visitors); the coordinator sees who answered and the computed bundle.
  std::string session = session_;
  session_.clear();
  for (const auto& link : links) {
    auto done = answer_tab(link.substr(std::string("/befragung/").size()));
    ASSERT_NE(done.body.find("Vielen Dank!"), std::string::npos) << done.body.substr(0, 3000);
  }
  session_ = session;
  auto page = get(round);
  EXPECT_NE(page.body.find("l1@park.example</td><td>Lehrkraft</td><td>beantwortet"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("l2@park.example</td><td>Lehrkraft</td><td>beantwortet"), std::string::npos);
  // DaZ rated "hoch" by both: 2 people, SchiLF (first of the tied formats), 2 × 1.5 days.
  EXPECT_NE(page.body.find(R"(name="r0:thema" value="daz")"), std::string::npos);
  EXPECT_NE(page.body.find(R"(name="r0:personen" type="text" inputmode="numeric" size="4" value="2")"),
            std::string::npos);
  EXPECT_NE(page.body.find(R"(name="r0:tage" type="text" inputmode="decimal" size="5" value="3")"), std::string::npos);
  EXPECT_NE(page.body.find(R"(<option value="schilf" selected>)"), std::string::npos);

  // Bad bundle input: nothing saved, typed values shown again.
  auto tampered = post(round + "/buendel", {{"zeilen", "1"},
                                            {"_aktion", "speichern"},
                                            {"r0:thema", "astrologie"},
                                            {"r0:gruppe", "lehrkraft"},
                                            {"r0:prioritaet", "hoch"},
                                            {"r0:format", "schilf"},
                                            {"r0:personen", "2"},
                                            {"r0:tage", "3"}});
  EXPECT_EQ(tampered.status, 422);
  EXPECT_NE(tampered.body.find("passen nicht zu den Listen"), std::string::npos);
  auto not_number = post(round + "/buendel", {{"zeilen", "1"},
                                              {"_aktion", "einreichen"},
                                              {"r0:thema", "daz"},
                                              {"r0:gruppe", "lehrkraft"},
                                              {"r0:prioritaet", "hoch"},
                                              {"r0:format", "schilf"},
                                              {"r0:personen", "viele"},
                                              {"r0:tage", "3"}});
  EXPECT_EQ(not_number.status, 422);
  EXPECT_NE(not_number.body.find("„viele“ ist keine Personenzahl"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tab_bundles"), 0);

  // The coordinator edits (3 people, 4,5 days) and submits.
  auto submitted = post(round + "/buendel", {{"zeilen", "1"},
                                             {"_aktion", "einreichen"},
                                             {"r0:thema", "daz"},
                                             {"r0:gruppe", "lehrkraft"},
                                             {"r0:prioritaet", "hoch"},
                                             {"r0:format", "schilf"},
                                             {"r0:personen", "3"},
                                             {"r0:tage", "4,5"}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_NE(submitted.body.find("Das Bündel ist eingereicht."), std::string::npos);
  auto again = post(round + "/buendel", {{"zeilen", "1"},
                                         {"_aktion", "einreichen"},
                                         {"r0:thema", "daz"},
                                         {"r0:gruppe", "lehrkraft"},
                                         {"r0:prioritaet", "hoch"},
                                         {"r0:format", "schilf"},
                                         {"r0:personen", "30"},
                                         {"r0:tage", "1"}});
  EXPECT_NE(again.body.find("bereits eingereicht und bleibt unverändert"), std::string::npos);
  EXPECT_EQ(count("SELECT people FROM tab_bundle_rows"), 3);

  // The training institution finds it, filters, exports and answers with an offer.
  login("kt@dortmund.example");
  auto demand_page = get("/tab/bedarfe");
  ASSERT_EQ(demand_page.status, 200);
  EXPECT_NE(
      demand_page.body.find("<th scope=\"row\">Sprachbildung und Deutsch als Zweitsprache (DaZ)</th><td>Lehrkraft</td>"
                            "<td>Schulinterne Fortbildung (SchiLF)</td><td class=\"num\">1</td><td class=\"num\">3</td>"
                            "<td class=\"num\">4,5</td>"),
      std::string::npos)
      << demand_page.body;
  // The Sozialindex disparity: 3 people at the one school with index 7, no school below 6 yet.
  EXPECT_NE(demand_page.body.find(
                "<th scope=\"row\">Sprachbildung und Deutsch als Zweitsprache (DaZ)</th><td class=\"num\">3,0</td>"
                "<td class=\"num\">–</td><td class=\"num\">–</td>"),
            std::string::npos);
  EXPECT_NE(get("/tab/bedarfe?sozialindex=1-3").body.find("keine eingereichten Bedarfe"), std::string::npos);
  EXPECT_NE(get("/tab/bedarfe?sozialindex=7-9&schulform=Grundschule").body.find("4,5"), std::string::npos);
  auto csv = get("/tab/bedarfe.csv?sozialindex=7-9");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(
                "Sprachbildung und Deutsch als Zweitsprache (DaZ);Lehrkraft;Schulinterne Fortbildung (SchiLF);1;3;4,5"),
            std::string::npos)
      << csv.body;
  auto xlsx = get("/tab/bedarfe.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  get("/tab/bedarfe");
  auto bad_offer = post("/tab/angebote", {{"titel", ""},
                                          {"thema", "daz"},
                                          {"gruppe", ""},
                                          {"format", "schilf"},
                                          {"kreis", "05913"},
                                          {"termine", "12.03.2026"},
                                          {"plaetze", "null"}});
  EXPECT_EQ(bad_offer.status, 422);
  EXPECT_NE(bad_offer.body.find("Die Zahl der Plätze muss eine ganze Zahl"), std::string::npos);
  auto offer = post("/tab/angebote", {{"titel", "DaZ im Fachunterricht"},
                                      {"thema", "daz"},
                                      {"gruppe", "lehrkraft"},
                                      {"format", "schilf"},
                                      {"kreis", "05913"},
                                      {"termine", "12.03.2026, 14–17 Uhr"},
                                      {"plaetze", "25"}});
  EXPECT_EQ(offer.status, 200) << offer.body;

  // The school sees the offer; other roles are refused.
  EXPECT_EQ(get(round).status, 403);
  login("koordination@park.example");
  auto with_offer = get(round);
  EXPECT_NE(with_offer.body.find("DaZ im Fachunterricht"), std::string::npos);
  EXPECT_NE(with_offer.body.find("25 Plätze"), std::string::npos);
  EXPECT_EQ(get("/tab/bedarfe").status, 403);
}

TEST_P(SurveyPages, ResultsHideSmallCellsOnThePageAndInExports) {
  auto w = wave("partner");
  auto s = find_survey(*db_, "partner");
  auto answer = [&](const std::string& org, const std::string& rating) {
    std::string token = invite(*db_, w, "", "");
    auto access = find_access(*db_, token);
    ASSERT_TRUE(submit_response(*db_, *access, {},
                                {{{"organisation", 0}, org},
                                 {{"zusammenarbeit", 0}, rating},
                                 {{"wunsch", 0}, "Mehr Daten für Gelsenkirchen"}}));
  };
  for (int i = 0; i < 6; ++i) answer("kommune", "4");
  for (int i = 0; i < 2; ++i) answer("hochschule", "5");
  login("daten@example.org");
  auto page = get("/umfragen/partner/ergebnisse");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Antwortende: 8."), std::string::npos);
  EXPECT_NE(page.body.find("<th scope=\"row\">Kommune oder Kreis</th><td class=\"num\">6 (75,0 %)</td>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("<th scope=\"row\">Hochschule</th><td class=\"num\">.</td>"), std::string::npos);
  EXPECT_EQ(page.body.find("Gelsenkirchen"), std::string::npos);  // free text stays out of the page
  EXPECT_NE(page.body.find("role=\"img\""), std::string::npos);   // the chart, with its data table
  EXPECT_NE(page.body.find("Daten zum Diagramm"), std::string::npos);
  auto csv = get("/umfragen/partner/ergebnisse.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("organisation;Welcher Art ist Ihre Organisation?;Hochschule;Insgesamt;.;.;;;"),
            std::string::npos)
      << csv.body.substr(0, 2000);
  EXPECT_NE(csv.body.find("organisation;Welcher Art ist Ihre Organisation?;Kommune oder Kreis;Insgesamt;6;75,0;;;"),
            std::string::npos);
  EXPECT_EQ(csv.body.find("Hochschule;Insgesamt;2"), std::string::npos);
  auto xlsx = get("/umfragen/partner/ergebnisse.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto codebook = get("/umfragen/partner/codebuch.csv");
  EXPECT_NE(
      codebook.body.find(
          "organisation;select_one organisation;Welcher Art ist Ihre Organisation?;;;ja;kommune;Kommune oder Kreis"),
      std::string::npos)
      << codebook.body.substr(0, 1000);
  auto raw = get("/umfragen/partner/rohdaten.csv");
  EXPECT_NE(raw.body.find("Mehr Daten für Gelsenkirchen"), std::string::npos);
  // Broken down by organisation, the Hochschule column is hidden throughout.
  auto by_org = get("/umfragen/partner/ergebnisse?nach=organisation");
  EXPECT_NE(by_org.body.find("nach Welcher Art ist Ihre Organisation?"), std::string::npos);
  // Visitors get nothing.
  session_.clear();
  EXPECT_EQ(get("/umfragen/partner/rohdaten.csv").status, 303);
}

TEST_P(SurveyPages, ResultsAreComputedOncePerSubmitNotCountedPerRequest) {
  auto w = wave("partner");
  auto answer = [&](const std::string& org) {
    std::string token = invite(*db_, w, "", "");
    auto access = find_access(*db_, token);
    ASSERT_TRUE(submit_response(*db_, *access, {}, {{{"organisation", 0}, org}, {{"zusammenarbeit", 0}, "4"}}));
  };
  for (int i = 0; i < 6; ++i) answer("kommune");
  login("daten@example.org");
  auto page = get("/umfragen/partner/ergebnisse");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Antwortende: 6."), std::string::npos);
  // A submitted response written behind the store's back does not change the
  // page: requests take the tables computed at the last submit and do not
  // count the responses again.
  db_->execute(
      "INSERT INTO survey_responses (id, wave_id, status, submitted_on, staff_group, page) "
      "VALUES ('nebenbei', ?, 'submitted', '2026-W49', '', 0)",
      {w});
  db_->execute(
      "INSERT INTO survey_answers (response_id, question, instance, value) VALUES ('nebenbei', 'organisation', 0, "
      "'kommune')");
  EXPECT_NE(get("/umfragen/partner/ergebnisse").body.find("Antwortende: 6."), std::string::npos);
  EXPECT_NE(get("/umfragen/partner/ergebnisse.csv").body.find("Kommune oder Kreis;Insgesamt;6;"), std::string::npos);
  // The next submit changes the survey's results stamp: everything is computed anew.
  answer("kommune");
  page = get("/umfragen/partner/ergebnisse");
  EXPECT_NE(page.body.find("Antwortende: 8."), std::string::npos) << page.body.substr(0, 3000);
  EXPECT_NE(get("/umfragen/partner/ergebnisse.csv").body.find("Kommune oder Kreis;Insgesamt;8;"), std::string::npos);
  // Another wave's view (a separate cache entry) is computed from the same stamp.
  EXPECT_NE(get("/umfragen/partner/ergebnisse?welle=" + std::to_string(w)).body.find("Antwortende: 8."),
            std::string::npos);
}

RF_BOTH_DATABASES(SurveyPages);

}  // namespace
}  // namespace rf::survey
