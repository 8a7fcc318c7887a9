// Demo data of the network: the partner structure and bodies from
// data/network/partners.yaml, demo contacts with obvious demo names (and
// logins for the README's walk-through), meetings, goals of the common agenda
// and a few measures in different states.
#include <yaml-cpp/yaml.h>

#include <map>

#include "web/accounts.hpp"
#include "monitor/indicators.hpp"
#include "network/clock.hpp"
#include "network/measures.hpp"
#include "network/network.hpp"
#include "network/store.hpp"

namespace rf::network {
namespace {

std::string text_of(const YAML::Node& node, const char* key) {
  return node[key] ? node[key].as<std::string>() : std::string();
}

struct DemoLogin {
  const char* email;
  const char* name;
  const char* role;
  const char* organisation;  // slug or ""
  const char* bodies;        // body slugs, ',' separated, with ":chair" for the chair
};

constexpr DemoLogin kLogins[] = {
    {"partner@ruhrfutur.example", "Paula Demo-Partner", "partner", "stadt-essen", "arbeitsgruppen"},
    {"beirat@ruhrfutur.example", "Prof. Demo Beirat", "board_member", "", "fachbeirat:chair"},
    {"beirat2@ruhrfutur.example", "Dr. Demo Zweitbeirat", "board_member", "universitaet-duisburg-essen", "fachbeirat"},
    {"steuerung@ruhrfutur.example", "Sven Demo-Steuerung", "board_member", "land-nrw", "steuerungsgruppe:chair"},
};

constexpr std::string_view kDemoConsent = "Demo-Eintrag: Einwilligung für die Arbeit in Gremien und Maßnahmen.";

}  // namespace

int load_demo(db::Database& db, const std::filesystem::path& root, std::ostream& log) {
  if (db.query_one("SELECT 1 FROM net_organisations")) return 0;
  YAML::Node file = YAML::LoadFile((root / "data" / "network" / "partners.yaml").string());
  auto now = now_seconds();
  // Logins first: creating a user runs its own transaction.
  std::map<std::string, std::int64_t> user_ids;
  for (const auto& login : kLogins) {
    auto user = web::find_user_by_email(db, login.email);
    user_ids[login.email] =
        user ? user->id : web::create_user(db, login.email, login.name, "ruhrfutur-demo", {login.role});
  }
  db::Transaction tx(db);
  int added = 0;
  for (const auto& node : file["organisations"]) {
    Organisation o;
    o.slug = text_of(node, "slug");
    o.name = text_of(node, "name");
    o.kind = text_of(node, "kind");
    o.region_code = text_of(node, "region");
    o.website = text_of(node, "website");
    o.description = text_of(node, "description");
    save_organisation(db, o, std::nullopt);
    ++added;
  }
  int order = 0;
  for (const auto& node : file["bodies"]) {
    Body b{0,
           text_of(node, "slug"),
           text_of(node, "name"),
           text_of(node, "code"),
           text_of(node, "level"),
           text_of(node, "description")};
    add_body(db, b, ++order);
  }

  // Demo logins with their person records and memberships.
  for (const auto& login : kLogins) {
    auto user_id = user_ids[login.email];
    Person p;
    p.name = login.name;
    p.email = login.email;
    p.user_id = user_id;
    p.consent_text = std::string(kDemoConsent);
    p.consent_at = now;
    if (*login.organisation) p.organisation_id = find_organisation(db, std::string_view(login.organisation))->id;
    auto person_id = add_person(db, p);
    std::string bodies = login.bodies;
    std::size_t start = 0;
    while (start < bodies.size()) {
      auto comma = bodies.find(',', start);
      if (comma == std::string::npos) comma = bodies.size();
      std::string entry = bodies.substr(start, comma - start);
      start = comma + 1;
      std::string role = "member";
      if (auto colon = entry.find(':'); colon != std::string::npos) {
        role = entry.substr(colon + 1);
        entry = entry.substr(0, colon);
      }
      Membership m;
      m.body_id = find_body(db, std::string_view(entry))->id;
      m.person_id = person_id;
      m.role = role;
      m.term_start = "2025-01-01";
      m.term_end = "2028-12-31";
      add_membership(db, m);
    }
    log << "demo user " << login.email << " (" << login.role << ", password: ruhrfutur-demo)\n";
  }
  // More members without logins, one per organisation of the bodies.
  const std::pair<const char*, const char*> members[] = {
      {"leitungsgruppe", "stiftung-mercator"},    {"leitungsgruppe", "land-nrw"},
      {"leitungsgruppe", "regionalverband-ruhr"}, {"steuerungsgruppe", "stiftung-mercator"},
      {"steuerungsgruppe", "stadt-dortmund"},     {"steuerungsgruppe", "ruhr-universitaet-bochum"},
      {"arbeitsgruppen", "stadt-gelsenkirchen"},  {"arbeitsgruppen", "netzwerk-bildungsinitiativen"}};
  int n = 0;
  for (const auto& [body, org] : members) {
    Person p;
    p.name = "Demo-Mitglied " + std::to_string(++n);
    p.organisation_id = find_organisation(db, std::string_view(org))->id;
    p.consent_text = std::string(kDemoConsent);
    p.consent_at = now;
    Membership m;
    m.body_id = find_body(db, std::string_view(body))->id;
    m.person_id = add_person(db, p);
    m.term_start = "2025-01-01";
    add_membership(db, m);
  }

  // Meetings: one past and one coming meeting of the Steuerungsgruppe, one of the Fachbeirat.
  auto sg = find_body(db, std::string_view("steuerungsgruppe"))->id;
  auto fb = find_body(db, std::string_view("fachbeirat"))->id;
  Meeting past{0,
               sg,
               "Sitzung der Steuerungsgruppe (Frühjahr)",
               now - 60 * 86400,
               now - 60 * 86400 + 3 * 3600,
               "RuhrFutur-Geschäftsstelle, Essen",
               "",
               true,
               "## Ergebnisse\n\n- Arbeitsprogramm beschlossen\n- Maßnahme „Sprachbrücken Kita–Grundschule“ bewilligt",
               true};
  auto past_id = add_meeting(db, past,
                             {{0, 0, "Begrüßung", true, {}},
                              {0, 0, "Arbeitsprogramm", true, {}},
                              {0, 0, "Neue Maßnahmen", true, {}},
                              {0, 0, "Personalangelegenheiten", false, {}}});
  Meeting next{0,
               sg,
               "Sitzung der Steuerungsgruppe (Herbst)",
               now + 30 * 86400,
               now + 30 * 86400 + 3 * 3600,
               "Regionalverband Ruhr, Essen",
               "https://video.example.org/sg",
               true,
               "",
               false};
  add_meeting(db, next,
              {{0, 0, "Stand der Maßnahmen", true, {}}, {0, 0, "Entscheidungen über neue Maßnahmen", true, {}}});
  Meeting advice{0,
                 fb,
                 "Sitzung des Fachbeirats",
                 now + 14 * 86400,
                 now + 14 * 86400 + 2 * 3600,
                 "",
                 "https://video.example.org/fb",
                 false,
                 "",
                 false};
  add_meeting(db, advice, {{0, 0, "Empfehlungen zu neuen Maßnahmen", true, {}}});

  // Goals of the common agenda (kept by the monitor).
  std::vector<std::int64_t> goals;
  struct DemoGoal {
    const char* title;
    const char* indicator;
    double target;
  };
  const DemoGoal demo_goals[] = {
      {"Weniger Jugendliche verlassen die Schule ohne Abschluss", "schulabgaenger_ohne_abschluss", 5.0},
      {"Mehr Kinder unter drei Jahren in Kindertagesbetreuung", "kita_quote_u3", 35.0},
      {"Mehr Schulabgängerinnen und -abgänger mit Hochschulreife", "schulabgaenger_hochschulreife", 40.0},
  };
  for (const auto& d : demo_goals) {
    monitor::AgendaGoal g;
    g.title = d.title;
    g.indicator = d.indicator;
    g.region = "ruhr";
    g.baseline_period = "2015";
    g.target_value = d.target;
    g.target_year = 2030;
    goals.push_back(monitor::ensure_agenda_goal(db, g));
  }

  // Measures in several states, walked through the workflow as the office would.
  std::vector<std::string> problems;
  auto wf = Workflow::load(root / "data" / "network" / "workflow.yaml", problems);
  auto office = web::find_user_by_email(db, "redaktion@ruhrfutur.example");
  std::int64_t actor_id = office ? office->id : user_ids["steuerung@ruhrfutur.example"];
  Actor office_actor;
  office_actor.roles = {"editor"};
  auto org = [&](const char* slug) { return find_organisation(db, std::string_view(slug))->id; };
  auto make = [&](const char* title, const char* lead, std::vector<const char*> partners, const char* stage,
                  const char* theme, std::vector<std::string> places, std::vector<std::int64_t> goal_ids,
                  std::vector<std::string> indicators) {
    Measure m;
    m.title = title;
    m.aims = "Demo: " + std::string(title) + " – Ziele, wie ein Partner sie beschreiben würde.";
    m.target_group = "Kinder, Jugendliche und ihre Familien in den beteiligten Kommunen";
    m.stage = stage;
    m.theme = theme;
    m.budget_eur = 180000;
    m.duration_months = 24;
    m.organisation_id = org(lead);
    for (auto p : partners) m.partner_ids.push_back(org(p));
    m.municipalities = std::move(places);
    m.goal_ids = std::move(goal_ids);
    m.indicators = std::move(indicators);
    m.results = {{0, "how_much", "Erreichte Kinder und Jugendliche", "Personen", 400},
                 {0, "how_well", "Anteil der Teilnehmenden, die regelmäßig dabei waren", "%", 80},
                 {0, "better_off", "Anteil mit verbessertem Sprachstand", "%", 60}};
    return create_measure(db, *wf, m, user_ids["partner@ruhrfutur.example"]);
  };
  auto walk = [&](std::int64_t id, std::vector<std::string> steps) {
    for (const auto& s : steps) {
      auto m = find_measure(db, id);
      StepRequest r;
      r.measure_id = id;
      r.transition = s;
      r.expected_version = m->version;
      r.now = now;
      r.today = today_iso(now);
      r.fields.joint_recommendation = "approve";
      r.fields.reasons = "Passt zur gemeinsamen Agenda; Wirkung ist messbar.";
      r.fields.meeting_id = past_id;
      r.fields.evaluation = "Die Ziele wurden überwiegend erreicht (Demo).";
      r.fields.public_summary =
          "Kitas und Grundschulen arbeiten mit einem gemeinsamen Sprachportfolio; Fachkräfte hospitieren gegenseitig. "
          "*(Demo-Text)*";
      auto result = take_step(db, *wf, r, actor_id, office_actor, "", "demo");
      if (!result.ok) throw std::runtime_error("demo step " + s + " failed: " + result.problems.front());
    }
  };
  auto m1 = make("Sprachbrücken Kita–Grundschule", "stadt-essen", {"universitaet-duisburg-essen"}, "fruehe-bildung",
                 "Übergang Kita–Grundschule", {"05113", "05112"}, {goals[1]}, {"kita_quote_u3"});
  walk(m1, {"forward", "conclude_advice", "approve", "start", "evaluate", "complete", "release"});
  auto m2 = make("Abschluss sichern: Coaching in Klasse 9 und 10", "stadt-gelsenkirchen", {"westfaelische-hochschule"},
                 "allgemeinbildende-schule", "Übergang Schule–Beruf", {"05513", "05512"}, {goals[0]},
                 {"schulabgaenger_ohne_abschluss"});
  walk(m2, {"forward", "conclude_advice", "approve", "start"});
  add_milestone(db, m2, {0, "M1", "Coaches an allen Schulen gestartet", "", 1, 0, "open"}, "");
  add_milestone(db, m2, {0, "M2", "Erste Jahrgangsauswertung", "", 2, 0, "open"}, "");
  db.execute("UPDATE net_milestones SET percent = 100, status = 'done' WHERE measure_id = ? AND code = 'M1'", {m2});
  refresh_progress(db, m2, "");
  auto m3 = make("Erstakademiker-Lotsen an Partnerhochschulen", "tu-dortmund",
                 {"ruhr-universitaet-bochum", "universitaet-duisburg-essen"}, "hochschule", "Hochschulzugang",
                 {"05913", "05911"}, {goals[2]}, {"studierende_je_1000"});
  walk(m3, {"forward"});
  make("Lernförderung im Ganztag", "stadt-essen", {}, "allgemeinbildende-schule", "Ganztag", {"05113"}, {goals[0]},
       {"schulabgaenger_ohne_abschluss"});
  tx.commit();
  return added;
}

}  // namespace rf::network
