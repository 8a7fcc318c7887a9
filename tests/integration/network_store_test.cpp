// The network's storage and workflow on SQLite and PostgreSQL: the demo
// partner structure, a measure's way to a numbered decision, two people on
// the same step, conflicts of interest, GDPR export and erasure, the CSV
// bulk update (all or nothing) and deadline reminders.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "network/clock.hpp"
#include "network/measures.hpp"
#include "network/network.hpp"
#include "network/store.hpp"
#include "support/database_params.hpp"

namespace rf::network {
namespace {

class NetworkStoreTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    db_ = open_fresh();
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
    std::vector<std::string> problems;
    wf_ = *Workflow::load(RF_SOURCE_DIR + "/data/network/workflow.yaml", problems);
    office_ = web::create_user(*db_, "office@example.org", "Olga Office", "ein-langes-passwort", {"editor"});
    partner_user_ = web::create_user(*db_, "partner@example.org", "Paul Partner", "ein-langes-passwort", {"partner"});
    lead_ = save_organisation(*db_, {0, "stadt-essen", "Stadt Essen", "city", "05113", "", "", 0}, std::nullopt);
    uni_ = save_organisation(*db_, {0, "uni", "Universität Duisburg-Essen", "university", "", "", "", 0}, std::nullopt);
    sg_ = add_body(*db_, {0, "steuerungsgruppe", "Steuerungsgruppe", "SG", "steuerung", ""}, 1);
    fb_ = add_body(*db_, {0, "fachbeirat", "Fachbeirat", "FB", "beirat", ""}, 2);
    Person p;
    p.name = "Paul Partner";
    p.email = "partner@example.org";
    p.user_id = partner_user_;
    p.organisation_id = lead_;
    partner_person_ = add_person(*db_, p);
  }

  std::int64_t propose(const std::string& title, std::vector<std::int64_t> partners = {}) {
    Measure m;
    m.title = title;
    m.aims = "Ziele";
    m.target_group = "Kinder";
    m.stage = "fruehe-bildung";
    m.budget_eur = 1000;
    m.duration_months = 12;
    m.organisation_id = lead_;
    m.partner_ids = std::move(partners);
    m.municipalities = {"05113"};
    m.goal_ids = {1};
    m.results = {{0, "how_much", "Kinder", "Personen", 10},
                 {0, "how_well", "Quote", "%", 80},
                 {0, "better_off", "Besser", "%", 50}};
    EXPECT_TRUE(validate_proposal(m).empty());
    return create_measure(*db_, wf_, m, partner_user_);
  }

  StepResult step(std::int64_t id, const std::string& transition, StepFields fields = {},
                  std::optional<int> version = std::nullopt) {
    StepRequest r;
    r.measure_id = id;
    r.transition = transition;
    r.expected_version = version ? *version : find_measure(*db_, id)->version;
    r.fields = std::move(fields);
    r.now = now_seconds();
    r.today = today_iso(r.now);
    Actor office{{"editor"}, false, false};
    return take_step(*db_, wf_, r, office_, office, "https://rf.example", "127.0.0.1");
  }

  std::int64_t member(std::int64_t body, const std::string& name, std::optional<std::int64_t> org,
                      const std::string& email) {
    auto user = web::create_user(*db_, email, name, "ein-langes-passwort", {"board_member"});
    Person p;
    p.name = name;
    p.email = email;
    p.user_id = user;
    p.organisation_id = org;
    auto person = add_person(*db_, p);
    Membership m;
    m.body_id = body;
    m.person_id = person;
    m.term_start = "2020-01-01";
    add_membership(*db_, m);
    return person;
  }

  std::unique_ptr<db::Database> db_;
  Workflow wf_;
  std::int64_t office_ = 0, partner_user_ = 0, lead_ = 0, uni_ = 0, sg_ = 0, fb_ = 0, partner_person_ = 0;
};

TEST_P(NetworkStoreTest, DemoLoadsTheRealPartnerStructure) {
  std::ostringstream log;
  auto db = open_fresh();
  db::migrate(*db, RF_SOURCE_DIR + "/migrations");
  EXPECT_EQ(load_demo(*db, RF_SOURCE_DIR, log), 23);
  std::map<std::string, int> kinds;
  for (const auto& o : list_organisations(*db)) ++kinds[o.kind];
  EXPECT_EQ(kinds["foundation"], 1);
  EXPECT_EQ(kinds["land"], 1);
  EXPECT_EQ(kinds["regional_association"], 1);
  EXPECT_EQ(kinds["city"], 10);
  EXPECT_EQ(kinds["kreis"], 2);
  EXPECT_EQ(kinds["university"], 7);
  EXPECT_EQ(kinds["civil_society"], 1);
  EXPECT_EQ(list_bodies(*db).size(), 4u);
  // Measures in several states; the released one is a public good-practice page.
  MeasureFilter released;
  released.released_only = true;
  ASSERT_EQ(list_measures(*db, released).size(), 1u);
  EXPECT_EQ(list_measures(*db, released)[0].title, "Sprachbrücken Kita–Grundschule");
  EXPECT_EQ(search_decisions(*db, "Sprachbrücken", std::nullopt, std::nullopt).size(), 1u);
  // A second run adds nothing.
  EXPECT_EQ(load_demo(*db, RF_SOURCE_DIR, log), 0);
}

TEST_P(NetworkStoreTest, MeasureGoesToANumberedDecisionWithAuditAndNotices) {
  auto fb_member = member(fb_, "Beate Beirat", std::nullopt, "beirat@example.org");
  (void)fb_member;
  member(sg_, "Sigrid Steuer", std::nullopt, "sg@example.org");
  auto start = now_seconds() + 3600;
  auto meeting = add_meeting(*db_, {0, sg_, "SG-Sitzung", start, start + 7200, "Essen", "", true, "", false}, {});
  auto a = propose("Erste Maßnahme");
  auto b = propose("Zweite Maßnahme");
  for (auto id : {a, b}) {
    ASSERT_TRUE(step(id, "forward").ok);
    StepFields joint;
    joint.joint_recommendation = "conditions";
    joint.reasons = "Mit Auflage: Elternarbeit ergänzen.";
    auto r = step(id, "conclude_advice", joint);
    ASSERT_TRUE(r.ok) << r.problems.front();
    // The deciding body is told.
    ASSERT_FALSE(r.notices.empty());
    EXPECT_EQ(r.notices[0].to, "sg@example.org");
  }
  StepFields decide;
  decide.meeting_id = meeting;
  auto ra = step(a, "approve", decide);
  ASSERT_TRUE(ra.ok) << ra.problems.front();
  decide.reasons = "Passt nicht zur Agenda.";
  auto rb = step(b, "reject", decide);
  ASSERT_TRUE(rb.ok) << rb.problems.front();
  int year = year_of(start);
  EXPECT_EQ(ra.decision->reference(), "SG " + std::to_string(year) + "/01");
  EXPECT_EQ(rb.decision->reference(), "SG " + std::to_string(year) + "/02");
  EXPECT_EQ(find_measure(*db_, b)->state, "rejected");
  // The proposer hears of the decision, with the reasons.
  ASSERT_FALSE(rb.notices.empty());
  EXPECT_EQ(rb.notices[0].to, "partner@example.org");
  EXPECT_NE(rb.notices[0].text.find("Passt nicht zur Agenda."), std::string::npos);
  // Every transition is in the audit log and the history.
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'measure.%'")->integer(0), 6);
  EXPECT_EQ(measure_history(*db_, a).size(), 4u);  // propose, forward, conclude_advice, approve
  // Searchable by number and by word; published only after the meeting.
  auto found = search_decisions(*db_, "SG " + std::to_string(year) + "/2", std::nullopt, std::nullopt);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].outcome, "rejected");
  EXPECT_EQ(found[0].reasons, "Passt nicht zur Agenda.");
  EXPECT_EQ(search_decisions(*db_, "zweite", std::nullopt, std::nullopt).size(), 1u);
  EXPECT_TRUE(search_decisions(*db_, "", std::nullopt, now_seconds()).empty());
  EXPECT_EQ(search_decisions(*db_, "", std::nullopt, start + 7200).size(), 2u);
}

TEST_P(NetworkStoreTest, TwoPeopleOnTheSameStepOneWins) {
  auto id = propose("Umstritten");
  int seen = find_measure(*db_, id)->version;
  auto first = step(id, "forward", {}, seen);
  ASSERT_TRUE(first.ok);
  StepFields remarks;
  remarks.remarks = "Budget fehlt";
  auto second = step(id, "return", remarks, seen);
  EXPECT_FALSE(second.ok);
  EXPECT_TRUE(second.conflict);
  ASSERT_EQ(second.problems.size(), 1u);
  EXPECT_NE(second.problems[0].find("inzwischen von jemand anderem bearbeitet"), std::string::npos);
  EXPECT_NE(second.problems[0].find("Beim Fachbeirat"), std::string::npos);
  EXPECT_EQ(find_measure(*db_, id)->state, "advisory");
  // A step not allowed from the current state.
  auto late = step(id, "forward");
  EXPECT_FALSE(late.ok);
  EXPECT_FALSE(late.conflict);
  EXPECT_NE(late.problems[0].find("nicht möglich"), std::string::npos);
}

TEST_P(NetworkStoreTest, DeadlinesInThePastAreRefused) {
  auto id = propose("Mit Frist");
  StepRequest r;
  r.measure_id = id;
  r.transition = "return";
  r.expected_version = 1;
  r.fields.remarks = "Bitte Zielgruppe schärfen";
  r.due_date = "2020-01-31";
  r.now = now_seconds();
  r.today = today_iso(r.now);
  Actor office{{"editor"}, false, false};
  auto result = take_step(*db_, wf_, r, office_, office, "", "");
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.problems[0],
            "Die Frist 31.01.2020 liegt in der Vergangenheit. Bitte wählen Sie ein Datum ab heute.");
  EXPECT_EQ(find_measure(*db_, id)->state, "submitted");
  std::vector<std::string> p = add_milestone(*db_, id, {0, "M1", "Start", "2020-01-01", 1, 0, "open"}, r.today);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], "Das Fälligkeitsdatum 01.01.2020 liegt in der Vergangenheit.");
}

TEST_P(NetworkStoreTest, ConflictOfInterestBlocksARecommendation) {
  auto involved = member(fb_, "Ines Involviert", uni_, "ines@example.org");
  auto free = member(fb_, "Frida Frei", std::nullopt, "frida@example.org");
  auto id = propose("Mit der Uni", {uni_});
  ASSERT_TRUE(step(id, "forward").ok);
  auto m = *find_measure(*db_, id);
  auto today = today_iso(now_seconds());
  auto blocked =
      record_recommendation(*db_, wf_, m, find_person(*db_, involved), {0, 0, "", "approve", "", "", 0}, today, "");
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_NE(blocked[0].find("Interessenkonflikt"), std::string::npos);
  // A rejection without reasons is refused, with reasons stored.
  auto no_reason =
      record_recommendation(*db_, wf_, m, find_person(*db_, free), {0, 0, "", "reject", "", "", 0}, today, "");
  ASSERT_EQ(no_reason.size(), 1u);
  EXPECT_NE(no_reason[0].find("Begründung"), std::string::npos);
  EXPECT_TRUE(
      record_recommendation(*db_, wf_, m, find_person(*db_, free), {0, 0, "", "reject", "Zu teuer", "", 0}, today, "")
          .empty());
  auto recs = measure_recommendations(*db_, id);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].person_name, "Frida Frei");
  EXPECT_EQ(recs[0].reasons, "Zu teuer");
  // The partner is no member of the Fachbeirat.
  EXPECT_EQ(recommendation_barrier(*db_, wf_, m, find_person(*db_, partner_person_), today),
            "Empfehlungen geben nur Mitglieder des Fachbeirats.");
}

TEST_P(NetworkStoreTest, GdprExportAndErasureKeepDecisionsAndMinutes) {
  auto person = member(fb_, "Gerda Geheim", std::nullopt, "gerda@example.org");
  auto id = propose("Datenschutz");
  ASSERT_TRUE(step(id, "forward").ok);
  auto m = *find_measure(*db_, id);
  ASSERT_TRUE(record_recommendation(*db_, wf_, m, find_person(*db_, person), {0, 0, "", "approve", "Gut", "", 0},
                                    today_iso(now_seconds()), "")
                  .empty());
  auto meeting = add_meeting(
      *db_, {0, fb_, "FB", 1, 7201, "Essen", "", false, "Gerda Geheim berichtet über die Lage.", false}, {});
  Decision d;
  d.body_id = fb_;
  d.year = 2026;
  d.title = "Empfehlung";
  d.text = "Auf Antrag von Gerda Geheim beschlossen.";
  d.publish_at = 0;
  add_decision(*db_, d, std::nullopt);

  auto exported = nlohmann::json::parse(export_person_json(*db_, person));
  EXPECT_EQ(exported["person"]["name"], "Gerda Geheim");
  EXPECT_EQ(exported["person"]["email"], "gerda@example.org");
  ASSERT_EQ(exported["memberships"].size(), 1u);
  EXPECT_EQ(exported["memberships"][0]["body"], "Fachbeirat");
  ASSERT_EQ(exported["recommendations"].size(), 1u);
  EXPECT_EQ(exported["recommendations"][0]["measure"], "Datenschutz");

  const auto user = *find_person(*db_, person)->user_id;
  web::create_session(*db_, user, "127.0.0.1", "test");
  ASSERT_TRUE(erase_person(*db_, person));
  auto after = *find_person(*db_, person);
  EXPECT_EQ(after.name, "gelöschte Person");
  EXPECT_EQ(after.email, "");
  EXPECT_FALSE(after.user_id.has_value());
  EXPECT_EQ(find_meeting(*db_, meeting)->minutes, "gelöschte Person berichtet über die Lage.");
  EXPECT_EQ(search_decisions(*db_, "Antrag", std::nullopt, std::nullopt).at(0).text,
            "Auf Antrag von gelöschte Person beschlossen.");
  // The recommendation stays, under the replaced name.
  auto recs = measure_recommendations(*db_, id);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].person_name, "gelöschte Person");
  EXPECT_EQ(recs[0].reasons, "Gut");
  EXPECT_EQ(
      db_->query_one("SELECT COUNT(*) FROM net_people WHERE name LIKE '%Gerda%' OR email LIKE '%gerda%'")->integer(0),
      0);
  // Her login holds the same name and address: it stays as a row without
  // either, cannot log in, and has no session or role left.
  EXPECT_FALSE(web::find_user_by_email(*db_, "gerda@example.org"));
  EXPECT_FALSE(web::find_user(*db_, user));
  auto account = db_->query_one("SELECT email, name, password_hash, active FROM users WHERE id = ?", {user});
  ASSERT_TRUE(account);
  EXPECT_EQ(account->text(0), "geloescht-" + std::to_string(user) + "@konto.invalid");
  EXPECT_EQ(account->text(1), "");
  EXPECT_EQ(account->text(2), "");
  EXPECT_EQ(account->integer(3), 0);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM sessions WHERE user_id = ?", {user})->integer(0), 0);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM user_roles WHERE user_id = ?", {user})->integer(0), 0);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM users WHERE email LIKE '%gerda%' OR name LIKE '%Gerda%'")->integer(0),
            0);
}

TEST_P(NetworkStoreTest, BulkProgressIsAllOrNothingAndNotifiesFollowers) {
  auto id = propose("Mit Meilensteinen");
  auto today = today_iso(now_seconds());
  ASSERT_TRUE(add_milestone(*db_, id, {0, "M1", "Start", "", 1, 0, "open"}, today).empty());
  ASSERT_TRUE(add_milestone(*db_, id, {0, "M2", "Mitte", "", 1, 0, "open"}, today).empty());
  refresh_progress(*db_, id, "");
  std::string mid = std::to_string(id);
  auto bad = bulk_progress_update(*db_,
                                  "massnahme;meilenstein;prozent;status\n" + mid + ";M1;100;done\n" + mid +
                                      ";M2;hundert;on_track\n" + mid + ";M9;5;open\n",
                                  "");
  ASSERT_EQ(bad.problems.size(), 2u);
  EXPECT_EQ(bad.problems[0], "Zeile 3, Spalte 3: „hundert“ ist kein Prozentwert zwischen 0 und 100.");
  EXPECT_EQ(bad.problems[1], "Zeile 4, Spalte 2: Maßnahme " + mid + " hat keinen Meilenstein „M9“.");
  EXPECT_DOUBLE_EQ(find_measure(*db_, id)->progress_percent, 0.0);  // nothing changed

  auto good = bulk_progress_update(
      *db_, "massnahme;meilenstein;prozent;status\r\n" + mid + ";M1;100;done\r\n" + mid + ";M2;50,5;on_track\r\n",
      "https://rf.example");
  ASSERT_TRUE(good.problems.empty()) << good.problems.front();
  EXPECT_EQ(good.rows, 2);
  auto m = *find_measure(*db_, id);
  EXPECT_DOUBLE_EQ(m.progress_percent, 75.3);  // (100 + 50,5) / 2, one decimal
  EXPECT_EQ(m.progress_status, "on_track");
  // The proposer follows the measure and hears of the change.
  ASSERT_EQ(good.notices.size(), 1u);
  EXPECT_EQ(good.notices[0].to, "partner@example.org");
  EXPECT_NE(good.notices[0].subject.find("75,3 %"), std::string::npos) << good.notices[0].subject;
  // The same values again change nothing and notify nobody.
  auto again = bulk_progress_update(*db_, "massnahme;meilenstein;prozent;status\n" + mid + ";M1;100;done\n", "");
  EXPECT_TRUE(again.notices.empty());
}

TEST_P(NetworkStoreTest, OverdueStepsRemindTheOfficeOnce) {
  auto id = propose("Vergessen");
  db_->execute("UPDATE net_measures SET due_at = ? WHERE id = ?", {now_seconds() - 10, id});
  auto notices = due_reminders(*db_, wf_, now_seconds(), "https://rf.example");
  ASSERT_EQ(notices.size(), 2u);  // office and proposer
  EXPECT_EQ(notices[0].to, "office@example.org");
  EXPECT_NE(notices[0].subject.find("Frist überschritten"), std::string::npos);
  EXPECT_TRUE(due_reminders(*db_, wf_, now_seconds(), "").empty());
}

RF_BOTH_DATABASES(NetworkStoreTest);

}  // namespace
}  // namespace rf::network
