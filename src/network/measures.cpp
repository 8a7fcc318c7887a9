#include "network/measures.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "db/where.hpp"
#include "network/clock.hpp"
#include "text/csv.hpp"
#include "text/number.hpp"
#include "web/accounts.hpp"
#include "web/audit.hpp"

namespace rf::network {
namespace {

db::Value opt(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); }
bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

constexpr const char* kMeasureColumns =
    "SELECT m.id, m.title, m.aims, m.target_group, m.stage, m.theme, m.budget_eur, m.duration_months, "
    "m.organisation_id, m.proposed_by, m.state, m.version, m.state_since, m.due_at, m.remarks, "
    "m.joint_recommendation, m.joint_reasons, m.progress_percent, m.progress_status, m.evaluation, "
    "m.public_summary, m.released, m.updated_at, o.name FROM net_measures m "
    "JOIN net_organisations o ON o.id = m.organisation_id";

Measure measure_from(const db::Row& r) {
  Measure m;
  m.id = r.integer(0);
  m.title = r.text(1);
  m.aims = r.text(2);
  m.target_group = r.text(3);
  m.stage = r.text(4);
  m.theme = r.text(5);
  m.budget_eur = r.real(6);
  m.duration_months = static_cast<int>(r.integer(7));
  m.organisation_id = r.integer(8);
  m.proposed_by = r.opt_integer(9);
  m.state = r.text(10);
  m.version = static_cast<int>(r.integer(11));
  m.state_since = r.integer(12);
  m.due_at = r.opt_integer(13);
  m.remarks = r.text(14);
  m.joint_recommendation = r.text(15);
  m.joint_reasons = r.text(16);
  m.progress_percent = r.real(17);
  m.progress_status = r.text(18);
  m.evaluation = r.text(19);
  m.public_summary = r.text(20);
  m.released = r.integer(21) != 0;
  m.updated_at = r.integer(22);
  m.organisation_name = r.text(23);
  return m;
}

std::string measure_url(std::string_view base_url, std::int64_t id) {
  return std::string(base_url) + "/netzwerk/massnahmen/" + std::to_string(id);
}

// E-mail addresses of each recipient group named in the workflow file.
std::vector<std::string> recipients(db::Database& db, const Workflow& wf, const Measure& m, std::string_view who,
                                    std::string_view today) {
  std::vector<std::string> out;
  if (who == "proposer" && m.proposed_by) {
    if (auto r = db.query_one("SELECT email FROM users WHERE id = ? AND active = 1", {*m.proposed_by})) {
      out.push_back(r->text(0));
    }
  } else if (who == "office") {
    for (const auto& r : db.query("SELECT DISTINCT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id "
                                  "WHERE ur.role = 'editor' AND u.active = 1 ORDER BY u.email")) {
      out.push_back(r.text(0));
    }
  } else if (who == "advisory_body" || who == "deciding_body") {
    auto body = find_body(db, who == "advisory_body" ? wf.advisory_body() : wf.deciding_body());
    if (body) {
      for (const auto& member : body_members(db, body->id, today)) {
        if (!member.email.empty()) out.push_back(member.email);
      }
    }
  } else if (who == "followers") {
    for (const auto& r :
         db.query("SELECT u.email FROM net_followers f JOIN users u ON u.id = f.user_id WHERE f.measure_id = ? AND "
                  "u.active = 1 ORDER BY u.email",
                  {m.id})) {
      out.push_back(r.text(0));
    }
  }
  return out;
}

std::string format_value(double v) { return text::format_number(v, std::fabs(v - std::round(v)) < 1e-9 ? 0 : 1); }

}  // namespace

std::string_view results_kind_label(std::string_view kind) {
  if (kind == "how_much") return "Wie viel haben wir getan?";
  if (kind == "how_well") return "Wie gut haben wir es getan?";
  if (kind == "better_off") return "Geht es jemandem besser?";
  return kind;
}

std::vector<std::string> validate_proposal(const Measure& m) {
  std::vector<std::string> p;
  if (blank(m.title)) p.push_back("Bitte geben Sie der Maßnahme einen Titel.");
  if (m.title.size() > 200) p.push_back("Der Titel ist zu lang (höchstens 200 Zeichen).");
  if (blank(m.aims)) p.push_back("Bitte beschreiben Sie die Ziele der Maßnahme.");
  if (blank(m.target_group)) p.push_back("Bitte nennen Sie die Zielgruppe.");
  if (blank(m.stage)) p.push_back("Bitte wählen Sie die Bildungsstufe.");
  if (m.organisation_id == 0) p.push_back("Bitte wählen Sie die federführende Organisation.");
  if (m.budget_eur < 0 || m.budget_eur > 1e9) p.push_back("Das Budget muss zwischen 0 und 1 Mrd. Euro liegen.");
  if (m.duration_months < 1 || m.duration_months > 120) {
    p.push_back("Die Laufzeit muss zwischen 1 und 120 Monaten liegen.");
  }
  if (m.municipalities.empty()) p.push_back("Bitte wählen Sie mindestens eine Kommune.");
  if (m.goal_ids.empty())
    p.push_back("Bitte wählen Sie mindestens ein Ziel der gemeinsamen Agenda, dem die Maßnahme dient.");
  bool kinds[3] = {};
  for (const auto& r : m.results) {
    if (r.kind == "how_much") kinds[0] = true;
    if (r.kind == "how_well") kinds[1] = true;
    if (r.kind == "better_off") kinds[2] = true;
  }
  if (!kinds[0] || !kinds[1] || !kinds[2]) {
    p.push_back(
        "Bitte nennen Sie je eine eigene Wirkungskennzahl: Wie viel haben wir getan? Wie gut? Geht es jemandem "
        "besser?");
  }
  return p;
}

std::int64_t create_measure(db::Database& db, const Workflow& wf, Measure m, std::optional<std::int64_t> user_id) {
  auto now = now_seconds();
  std::optional<std::int64_t> due;
  if (const auto* s = wf.state(wf.initial()); s && s->deadline_days)
    due = now + std::int64_t{*s->deadline_days} * 86400;
  auto id = db.insert(
      "INSERT INTO net_measures (title, aims, target_group, stage, theme, budget_eur, duration_months, "
      "organisation_id, proposed_by, state, version, state_since, due_at, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
      {m.title, m.aims, m.target_group, m.stage, m.theme, m.budget_eur, std::int64_t{m.duration_months},
       m.organisation_id, opt(user_id), wf.initial(), now, opt(due), now, now});
  for (const auto& code : std::set<std::string>(m.municipalities.begin(), m.municipalities.end())) {
    db.execute("INSERT INTO net_measure_municipalities (measure_id, region_code) VALUES (?, ?)", {id, code});
  }
  for (auto g : std::set<std::int64_t>(m.goal_ids.begin(), m.goal_ids.end())) {
    db.execute("INSERT INTO net_measure_goals (measure_id, goal_id) VALUES (?, ?)", {id, g});
  }
  for (const auto& i : std::set<std::string>(m.indicators.begin(), m.indicators.end())) {
    db.execute("INSERT INTO net_measure_indicators (measure_id, indicator) VALUES (?, ?)", {id, i});
  }
  for (auto o : std::set<std::int64_t>(m.partner_ids.begin(), m.partner_ids.end())) {
    if (o == m.organisation_id) continue;
    db.execute("INSERT INTO net_measure_partners (measure_id, organisation_id) VALUES (?, ?)", {id, o});
  }
  for (const auto& r : m.results) {
    db.execute("INSERT INTO net_results_measures (measure_id, kind, title, unit, target) VALUES (?, ?, ?, ?, ?)",
               {id, r.kind, r.title, r.unit, r.target ? db::Value(*r.target) : db::Value(db::Null{})});
  }
  if (user_id) follow(db, id, *user_id, true);
  db.execute(
      "INSERT INTO net_transitions (measure_id, transition, from_state, to_state, user_id, note, at) "
      "VALUES (?, 'propose', '', ?, ?, '', ?)",
      {id, wf.initial(), opt(user_id), now});
  bump_network_version(db);
  return id;
}

std::optional<Measure> find_measure(db::Database& db, std::int64_t id) {
  auto r = db.query_one(std::string(kMeasureColumns) + " WHERE m.id = ?", {id});
  if (!r) return std::nullopt;
  Measure m = measure_from(*r);
  for (const auto& row :
       db.query("SELECT region_code FROM net_measure_municipalities WHERE measure_id = ? ORDER BY region_code", {id})) {
    m.municipalities.push_back(row.text(0));
  }
  for (const auto& row :
       db.query("SELECT goal_id FROM net_measure_goals WHERE measure_id = ? ORDER BY goal_id", {id})) {
    m.goal_ids.push_back(row.integer(0));
  }
  for (const auto& row :
       db.query("SELECT indicator FROM net_measure_indicators WHERE measure_id = ? ORDER BY indicator", {id})) {
    m.indicators.push_back(row.text(0));
  }
  for (const auto& row : db.query(
           "SELECT organisation_id FROM net_measure_partners WHERE measure_id = ? ORDER BY organisation_id", {id})) {
    m.partner_ids.push_back(row.integer(0));
  }
  for (const auto& row : db.query(
           "SELECT id, kind, title, unit, target FROM net_results_measures WHERE measure_id = ? ORDER BY id", {id})) {
    m.results.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.opt_real(4)});
  }
  return m;
}

std::vector<Measure> list_measures(db::Database& db, const MeasureFilter& f) {
  db::Where where;
  if (f.state) where.add("m.state = ?", {*f.state});
  if (f.organisation_id) {
    where.add(
        "(m.organisation_id = ? OR m.id IN (SELECT measure_id FROM net_measure_partners WHERE organisation_id = ?))",
        {*f.organisation_id, *f.organisation_id});
  }
  if (f.goal_id) where.add("m.id IN (SELECT measure_id FROM net_measure_goals WHERE goal_id = ?)", {*f.goal_id});
  if (f.municipality) {
    where.add("m.id IN (SELECT measure_id FROM net_measure_municipalities WHERE region_code = ?)", {*f.municipality});
  }
  if (f.stage) where.add("m.stage = ?", {*f.stage});
  if (f.theme) where.add("m.theme = ?", {*f.theme});
  if (f.released_only) where.add("m.released = 1");
  std::vector<Measure> out;
  const std::string sql = std::string(kMeasureColumns) + where.sql() + " ORDER BY m.updated_at DESC, m.id DESC LIMIT " +
                          std::to_string(std::clamp(f.limit, 1, 5000));
  for (const auto& r : db.query(sql, where.params())) out.push_back(measure_from(r));
  return out;
}

// ---- Workflow steps ----

Actor actor_for(db::Database& db, const Workflow& wf, std::int64_t user_id, const std::vector<std::string>& roles,
                const Measure& m, std::string_view today) {
  Actor a;
  a.roles = roles;
  auto person = person_of_user(db, user_id);
  a.is_proposer = a.has_role("partner") && person && person->organisation_id == m.organisation_id;
  if (auto body = find_body(db, wf.deciding_body())) a.is_deciding_member = is_member(db, body->id, user_id, today);
  return a;
}

StepResult take_step(db::Database& db, const Workflow& wf, const StepRequest& req, std::int64_t user_id,
                     const Actor& actor, std::string_view base_url, std::string_view ip) {
  StepResult result;
  auto m = find_measure(db, req.measure_id);
  const auto* t = wf.transition(req.transition);
  if (!m || !t) {
    result.problems.push_back(!m ? "Diese Maßnahme gibt es nicht." : "Unbekannter Schritt „" + req.transition + "“.");
    return result;
  }
  if (m->version != req.expected_version) {
    result.conflict = true;
    result.problems.push_back("Die Maßnahme wurde inzwischen von jemand anderem bearbeitet; sie steht jetzt auf „" +
                              std::string(wf.state_label(m->state)) +
                              "“. Ihr Schritt wurde nicht gespeichert. Bitte prüfen Sie den neuen Stand – Ihre "
                              "Eingaben stehen noch im Formular.");
    return result;
  }
  result.problems = wf.check(*t, m->state, actor, req.fields);

  std::optional<Meeting> meeting;
  std::optional<Body> deciding;
  bool decides = std::find(t->requires_fields.begin(), t->requires_fields.end(), "meeting") != t->requires_fields.end();
  if (result.problems.empty() && decides) {
    deciding = find_body(db, wf.deciding_body());
    meeting = find_meeting(db, *req.fields.meeting_id);
    if (!deciding || !meeting || meeting->body_id != deciding->id) {
      result.problems.push_back("Die gewählte Sitzung gehört nicht zum entscheidenden Gremium.");
    }
  }
  std::optional<std::int64_t> due;
  if (!req.due_date.empty()) {
    auto parsed = parse_date(req.due_date);
    if (!parsed) {
      result.problems.push_back("Die Frist „" + req.due_date + "“ ist kein Datum (erwartet: TT.MM.JJJJ).");
    } else if (req.due_date < req.today) {
      result.problems.push_back("Die Frist " + format_iso_date_de(req.due_date) +
                                " liegt in der Vergangenheit. Bitte wählen Sie ein Datum ab heute.");
    } else {
      due = *parsed + 86399;
    }
  } else if (const auto* s = wf.state(t->to); s && s->deadline_days) {
    due = req.now + std::int64_t{*s->deadline_days} * 86400;
  }
  if (!result.problems.empty()) return result;

  // The version guard: of two people on the same step, the first UPDATE wins
  // and the second finds no row with the version it saw.
  std::string remarks = t->id == "return" ? req.fields.remarks : m->remarks;
  std::string joint = m->joint_recommendation, joint_reasons = m->joint_reasons;
  if (t->id == "conclude_advice") {
    joint = req.fields.joint_recommendation;
    joint_reasons = req.fields.reasons;
  }
  std::string evaluation = req.fields.evaluation.empty() ? m->evaluation : req.fields.evaluation;
  std::string summary = req.fields.public_summary.empty() ? m->public_summary : req.fields.public_summary;
  bool released = t->to == "released";
  auto changed = db.execute(
      "UPDATE net_measures SET state = ?, version = version + 1, state_since = ?, due_at = ?, reminded_at = NULL, "
      "remarks = ?, joint_recommendation = ?, joint_reasons = ?, evaluation = ?, public_summary = ?, released = ?, "
      "updated_at = ? WHERE id = ? AND version = ?",
      {t->to, req.now, opt(due), remarks, joint, joint_reasons, evaluation, summary, std::int64_t{released}, req.now,
       m->id, std::int64_t{req.expected_version}});
  if (changed != 1) {
    result.conflict = true;
    result.problems.push_back(
        "Die Maßnahme wurde gerade von jemand anderem bearbeitet. Ihr Schritt wurde nicht gespeichert. "
        "Bitte laden Sie die Seite neu und prüfen Sie den neuen Stand – Ihre Eingaben stehen noch im Formular.");
    return result;
  }
  std::string note = !req.fields.remarks.empty() ? req.fields.remarks : req.fields.reasons;
  db.execute(
      "INSERT INTO net_transitions (measure_id, transition, from_state, to_state, user_id, note, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {m->id, t->id, m->state, t->to, user_id, note, req.now});
  nlohmann::json details{{"transition", t->id}, {"from", m->state}, {"to", t->to}};
  if (decides) {
    Decision d;
    d.body_id = deciding->id;
    d.meeting_id = meeting->id;
    d.year = year_of(meeting->starts_at);
    d.measure_id = m->id;
    d.outcome = t->id == "approve" ? "approved" : t->id == "reject" ? "rejected" : "approved_with_conditions";
    d.title = "Maßnahme „" + m->title + "“: " + std::string(decision_outcome_label(d.outcome));
    d.reasons = req.fields.reasons;
    d.text = "Das Gremium hat über die Maßnahme „" + m->title + "“ (" + m->organisation_name +
             ") beschlossen: " + std::string(decision_outcome_label(d.outcome)) + ".";
    d.is_public = true;
    // Recorded now, published once the meeting is over.
    d.publish_at = std::max(meeting->ends_at, req.now);
    add_decision(db, d, user_id);
    details["decision"] = d.reference();
    result.decision = d;
  }
  web::audit(db, user_id, "measure." + t->id, "measure", std::to_string(m->id), details.dump(), ip);
  bump_network_version(db);

  Measure after = *m;
  after.state = t->to;
  std::set<std::string> sent;
  std::string subject = "Maßnahme „" + m->title + "“: " + std::string(wf.state_label(t->to));
  std::string text = "Guten Tag,\n\ndie Maßnahme „" + m->title + "“ (" + m->organisation_name + ") steht jetzt auf „" +
                     std::string(wf.state_label(t->to)) + "“ (Schritt: " + t->label + ").\n";
  if (!note.empty()) text += "\nAnmerkungen/Gründe:\n" + note + "\n";
  if (result.decision) text += "\nBeschluss: " + result.decision->reference() + "\n";
  if (due) text += "\nFrist für den nächsten Schritt: " + format_date(*due) + "\n";
  text += "\nZur Maßnahme: " + measure_url(base_url, m->id) + "\n\nIhre RuhrFutur-Geschäftsstelle\n";
  for (const auto& who : t->notify) {
    for (const auto& to : recipients(db, wf, after, who, req.today)) {
      if (sent.insert(to).second) result.notices.push_back({to, subject, text, "network.step", m->id});
    }
  }
  result.ok = true;
  return result;
}

std::vector<Transition> measure_history(db::Database& db, std::int64_t measure_id) {
  std::vector<Transition> out;
  for (const auto& r : db.query(
           "SELECT t.transition, t.from_state, t.to_state, COALESCE(u.name, ''), t.note, t.at FROM net_transitions t "
           "LEFT JOIN users u ON u.id = t.user_id WHERE t.measure_id = ? ORDER BY t.id",
           {measure_id})) {
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5)});
  }
  return out;
}

// ---- Fachbeirat ----

std::string_view verdict_label(std::string_view verdict) {
  if (verdict == "approve") return "Bewilligung empfohlen";
  if (verdict == "conditions") return "Bewilligung mit Auflagen empfohlen";
  if (verdict == "reject") return "Ablehnung empfohlen";
  return verdict;
}

std::vector<Recommendation> measure_recommendations(db::Database& db, std::int64_t measure_id) {
  std::vector<Recommendation> out;
  for (const auto& r : db.query(
           "SELECT r.id, r.person_id, CASE WHEN p.deleted_at IS NULL THEN p.name ELSE ? END, r.verdict, r.reasons, "
           "r.conditions, r.created_at FROM net_recommendations r JOIN net_people p ON p.id = r.person_id "
           "WHERE r.measure_id = ? ORDER BY r.id",
           {std::string(kDeletedPersonName), measure_id})) {
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.integer(6)});
  }
  return out;
}

std::string recommendation_barrier(db::Database& db, const Workflow& wf, const Measure& m,
                                   const std::optional<Person>& person, std::string_view today) {
  auto body = find_body(db, wf.advisory_body());
  if (!person || !person->user_id || !body || !is_member(db, body->id, *person->user_id, today)) {
    return "Empfehlungen geben nur Mitglieder des Fachbeirats.";
  }
  if (m.state != "advisory") return "Empfehlungen sind nur möglich, solange die Maßnahme beim Fachbeirat liegt.";
  if (person->organisation_id) {
    bool involved =
        *person->organisation_id == m.organisation_id ||
        std::find(m.partner_ids.begin(), m.partner_ids.end(), *person->organisation_id) != m.partner_ids.end();
    if (involved) {
      return "Interessenkonflikt: Ihre Organisation ist an dieser Maßnahme beteiligt. Sie können deshalb keine "
             "Empfehlung abgeben.";
    }
  }
  return {};
}

std::vector<std::string> record_recommendation(db::Database& db, const Workflow& wf, const Measure& m,
                                               const std::optional<Person>& person, const Recommendation& r,
                                               std::string_view today, std::string_view ip) {
  std::vector<std::string> problems;
  if (auto barrier = recommendation_barrier(db, wf, m, person, today); !barrier.empty()) {
    problems.push_back(barrier);
    return problems;
  }
  if (r.verdict != "approve" && r.verdict != "conditions" && r.verdict != "reject") {
    problems.push_back("Bitte wählen Sie Ihre Empfehlung: bewilligen, mit Auflagen bewilligen oder ablehnen.");
  }
  if ((r.verdict == "conditions" || r.verdict == "reject") && blank(r.reasons)) {
    problems.push_back("Eine Empfehlung mit Auflagen oder zur Ablehnung braucht immer eine Begründung.");
  }
  if (r.verdict == "conditions" && blank(r.conditions)) problems.push_back("Bitte nennen Sie die Auflagen.");
  if (r.reasons.size() > 8000 || r.conditions.size() > 8000)
    problems.push_back("Der Text ist zu lang (höchstens 8.000 Zeichen).");
  if (!problems.empty()) return problems;
  auto now = now_seconds();
  db.execute("DELETE FROM net_recommendations WHERE measure_id = ? AND person_id = ?", {m.id, person->id});
  db.execute(
      "INSERT INTO net_recommendations (measure_id, person_id, verdict, reasons, conditions, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {m.id, person->id, r.verdict, r.reasons, r.conditions, now});
  web::audit(db, person->user_id, "measure.recommend", "measure", std::to_string(m.id),
             nlohmann::json{{"verdict", r.verdict}}.dump(), ip);
  return problems;
}

// ---- Implementation ----

std::string_view progress_status_label(std::string_view status) {
  if (status == "on_track") return "im Plan";
  if (status == "delayed") return "verzögert";
  if (status == "done") return "erledigt";
  if (status == "open") return "offen";
  return "noch kein Stand";
}

std::vector<Milestone> measure_milestones(db::Database& db, std::int64_t measure_id) {
  std::vector<Milestone> out;
  for (const auto& r : db.query("SELECT id, code, title, due_date, weight, percent, status FROM net_milestones WHERE "
                                "measure_id = ? ORDER BY code",
                                {measure_id})) {
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.real(4), r.real(5), r.text(6)});
  }
  return out;
}

std::vector<std::string> add_milestone(db::Database& db, std::int64_t measure_id, const Milestone& ms,
                                       std::string_view today) {
  std::vector<std::string> p;
  if (blank(ms.code) || ms.code.size() > 20)
    p.push_back("Bitte geben Sie ein Kürzel an (z. B. M1, höchstens 20 Zeichen).");
  if (blank(ms.title)) p.push_back("Bitte geben Sie dem Meilenstein einen Titel.");
  if (!ms.due_date.empty()) {
    if (!parse_date(ms.due_date)) {
      p.push_back("Das Fälligkeitsdatum „" + ms.due_date + "“ ist kein Datum.");
    } else if (ms.due_date < today) {
      p.push_back("Das Fälligkeitsdatum " + format_iso_date_de(ms.due_date) + " liegt in der Vergangenheit.");
    }
  }
  if (!(ms.weight > 0 && ms.weight <= 100)) p.push_back("Das Gewicht muss zwischen 0 und 100 liegen.");
  if (db.query_one("SELECT 1 FROM net_milestones WHERE measure_id = ? AND code = ?", {measure_id, ms.code})) {
    p.push_back("Das Kürzel „" + ms.code + "“ gibt es bei dieser Maßnahme schon.");
  }
  if (!p.empty()) return p;
  db.execute(
      "INSERT INTO net_milestones (measure_id, code, title, due_date, weight, percent, status) VALUES (?, ?, ?, ?, ?, "
      "0, 'open')",
      {measure_id, ms.code, ms.title, ms.due_date, ms.weight});
  return p;
}

Progress roll_up(const std::vector<Milestone>& milestones) {
  Progress p;
  if (milestones.empty()) return p;
  double weights = 0, sum = 0;
  bool all_done = true, delayed = false, started = false;
  for (const auto& m : milestones) {
    weights += m.weight;
    sum += m.weight * m.percent;
    all_done = all_done && m.status == "done";
    delayed = delayed || m.status == "delayed";
    started = started || m.status != "open";
  }
  p.percent = weights > 0 ? std::round(sum / weights * 10) / 10 : 0;
  p.status = all_done ? "done" : delayed ? "delayed" : started ? "on_track" : "open";
  return p;
}

std::int64_t add_report(db::Database& db, std::int64_t measure_id, std::string_view period, std::string_view text,
                        const std::vector<ReportValue>& values, std::optional<std::int64_t> user_id) {
  auto id =
      db.insert("INSERT INTO net_reports (measure_id, period, text, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                {measure_id, std::string(period), std::string(text), opt(user_id), now_seconds()});
  for (const auto& v : values) {
    db.execute("INSERT INTO net_report_values (report_id, results_measure_id, value) VALUES (?, ?, ?)",
               {id, v.results_measure_id, v.value});
  }
  db.execute("UPDATE net_measures SET updated_at = ? WHERE id = ?", {now_seconds(), measure_id});
  bump_network_version(db);
  return id;
}

std::vector<Report> measure_reports(db::Database& db, std::int64_t measure_id) {
  std::vector<Report> out;
  for (const auto& r :
       db.query("SELECT id, period, text, created_at FROM net_reports WHERE measure_id = ? ORDER BY id DESC",
                {measure_id})) {
    Report rep{r.integer(0), r.text(1), r.text(2), r.integer(3), {}};
    for (const auto& v :
         db.query("SELECT rm.title, rm.unit, v.value FROM net_report_values v JOIN net_results_measures rm ON rm.id = "
                  "v.results_measure_id WHERE v.report_id = ? ORDER BY rm.id",
                  {rep.id})) {
      std::string unit = v.text(1);
      rep.values.push_back({v.text(0), format_value(v.real(2)) + (unit.empty() ? "" : " " + unit)});
    }
    out.push_back(std::move(rep));
  }
  return out;
}

std::vector<Notice> refresh_progress(db::Database& db, std::int64_t measure_id, std::string_view base_url) {
  std::vector<Notice> out;
  auto m = find_measure(db, measure_id);
  if (!m) return out;
  auto p = roll_up(measure_milestones(db, measure_id));
  if (std::fabs(p.percent - m->progress_percent) < 1e-9 && p.status == m->progress_status) return out;
  db.execute("UPDATE net_measures SET progress_percent = ?, progress_status = ?, updated_at = ? WHERE id = ?",
             {p.percent, p.status, now_seconds(), measure_id});
  bump_network_version(db);
  std::string subject = "Fortschritt der Maßnahme „" + m->title + "“: " + format_value(p.percent) + " %";
  std::string text = "Guten Tag,\n\nder Fortschritt der Maßnahme „" + m->title + "“ hat sich geändert: jetzt " +
                     format_value(p.percent) + " % (" + std::string(progress_status_label(p.status)) + "), vorher " +
                     format_value(m->progress_percent) + " %.\n\nZur Maßnahme: " + measure_url(base_url, measure_id) +
                     "\n\nSie erhalten diese Nachricht, weil Sie der Maßnahme folgen.\n";
  for (const auto& r : db.query("SELECT u.email FROM net_followers f JOIN users u ON u.id = f.user_id WHERE "
                                "f.measure_id = ? AND u.active = 1 "
                                "ORDER BY u.email",
                                {measure_id})) {
    out.push_back({r.text(0), subject, text, "network.progress", measure_id});
  }
  return out;
}

BulkResult bulk_progress_update(db::Database& db, std::string_view csv, std::string_view base_url) {
  BulkResult result;
  char delimiter = ';';
  auto first_line = csv.substr(0, csv.find('\n'));
  if (first_line.find(';') == std::string_view::npos && first_line.find(',') != std::string_view::npos) delimiter = ',';
  text::CsvReader reader(csv, {delimiter, '"'});
  if (!reader.next()) {
    result.problems.push_back("Die Datei ist leer.");
    return result;
  }
  const char* expected[] = {"massnahme", "meilenstein", "prozent", "status"};
  for (std::size_t i = 0; i < 4; ++i) {
    std::string got(reader.field_or_empty(i));
    if (i == 0 && got.starts_with("\xEF\xBB\xBF")) got = got.substr(3);  // BOM
    for (auto& c : got) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (got != expected[i]) {
      result.problems.push_back("Zeile 1, Spalte " + std::to_string(i + 1) + ": erwartet wird die Überschrift „" +
                                expected[i] + "“, gefunden „" + std::string(reader.field_or_empty(i)) + "“.");
      return result;
    }
  }
  struct Change {
    std::int64_t milestone_id;
    std::int64_t measure_id;
    double percent;
    std::string status;
  };
  std::vector<Change> changes;
  while (reader.next()) {
    auto line = std::to_string(reader.line());
    if (reader.size() == 1 && reader[0].empty()) continue;
    if (changes.size() + result.problems.size() >= 10000) {
      result.problems.push_back("Zeile " + line + ": höchstens 10.000 Zeilen je Datei.");
      break;
    }
    if (reader.size() != 4) {
      result.problems.push_back("Zeile " + line + ": erwartet werden 4 Spalten, gefunden " +
                                std::to_string(reader.size()) + " („" + std::string(reader.raw().substr(0, 80)) +
                                "“).");
      continue;
    }
    std::string measure_text(reader[0]), code(reader[1]), percent_text(reader[2]), status(reader[3]);
    auto measure_id = text::parse_number(measure_text, text::NumberStyle::plain);
    auto percent = text::parse_number(percent_text, text::NumberStyle::german);
    if (!percent) percent = text::parse_number(percent_text, text::NumberStyle::plain);
    std::optional<db::Row> ms;
    if (!measure_id || *measure_id != std::floor(*measure_id)) {
      result.problems.push_back("Zeile " + line + ", Spalte 1: „" + measure_text + "“ ist keine Maßnahmen-Nummer.");
      continue;
    }
    ms = db.query_one("SELECT id FROM net_milestones WHERE measure_id = ? AND code = ?",
                      {static_cast<std::int64_t>(*measure_id), code});
    if (!ms) {
      result.problems.push_back("Zeile " + line + ", Spalte 2: Maßnahme " + measure_text + " hat keinen Meilenstein „" +
                                code + "“.");
      continue;
    }
    if (!percent || *percent < 0 || *percent > 100) {
      result.problems.push_back("Zeile " + line + ", Spalte 3: „" + percent_text +
                                "“ ist kein Prozentwert zwischen 0 und 100.");
      continue;
    }
    if (status != "open" && status != "on_track" && status != "delayed" && status != "done") {
      result.problems.push_back("Zeile " + line + ", Spalte 4: unbekannter Status „" + status +
                                "“ (erlaubt: open, on_track, delayed, done).");
      continue;
    }
    changes.push_back({ms->integer(0), static_cast<std::int64_t>(*measure_id), *percent, status});
  }
  if (reader.unterminated_quote())
    result.problems.push_back("Zeile " + std::to_string(reader.line()) + ": Anführungszeichen nicht geschlossen.");
  if (!result.problems.empty()) return result;
  std::set<std::int64_t> measures;
  for (const auto& c : changes) {
    db.execute("UPDATE net_milestones SET percent = ?, status = ? WHERE id = ?", {c.percent, c.status, c.milestone_id});
    measures.insert(c.measure_id);
  }
  for (auto id : measures) {
    auto notices = refresh_progress(db, id, base_url);
    result.notices.insert(result.notices.end(), notices.begin(), notices.end());
  }
  result.rows = static_cast<int>(changes.size());
  result.measures = static_cast<int>(measures.size());
  return result;
}

void follow(db::Database& db, std::int64_t measure_id, std::int64_t user_id, bool on) {
  db.execute("DELETE FROM net_followers WHERE measure_id = ? AND user_id = ?", {measure_id, user_id});
  if (on) db.execute("INSERT INTO net_followers (measure_id, user_id) VALUES (?, ?)", {measure_id, user_id});
}

bool is_following(db::Database& db, std::int64_t measure_id, std::int64_t user_id) {
  return db.query_one("SELECT 1 FROM net_followers WHERE measure_id = ? AND user_id = ?", {measure_id, user_id})
      .has_value();
}

std::vector<Notice> due_reminders(db::Database& db, const Workflow& wf, std::int64_t now, std::string_view base_url) {
  std::vector<Notice> out;
  auto today = today_iso(now);
  for (const auto& r :
       db.query(std::string(kMeasureColumns) +
                    " WHERE m.due_at IS NOT NULL AND m.due_at < ? AND m.reminded_at IS NULL ORDER BY m.id",
                {now})) {
    Measure m = measure_from(r);
    std::string subject = "Frist überschritten: Maßnahme „" + m.title + "“";
    std::string text = "Guten Tag,\n\ndie Frist für den Schritt „" + std::string(wf.state_label(m.state)) +
                       "“ der Maßnahme „" + m.title + "“ ist am " + format_date(*m.due_at) +
                       " abgelaufen.\n\nZur Maßnahme: " + measure_url(base_url, m.id) + "\n";
    std::set<std::string> sent;
    for (const char* who : {"office", "proposer"}) {
      for (const auto& to : recipients(db, wf, m, who, today)) {
        if (sent.insert(to).second) out.push_back({to, subject, text, "network.reminder", m.id});
      }
    }
    db.execute("UPDATE net_measures SET reminded_at = ? WHERE id = ?", {now, m.id});
  }
  return out;
}

}  // namespace rf::network
