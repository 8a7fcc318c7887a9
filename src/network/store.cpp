#include "network/store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "db/where.hpp"
#include "web/account_erasure.hpp"
#include "web/accounts.hpp"

namespace rf::network {

const OrganisationKind kOrganisationKinds[9] = {
    {"foundation", "Stiftung", "Stiftungen"},
    {"land", "Land", "Land"},
    {"regional_association", "Regionalverband", "Regionalverband"},
    {"city", "Kreisfreie Stadt", "Kreisfreie Städte"},
    {"kreis", "Kreis", "Kreise"},
    {"university", "Hochschule", "Hochschulen"},
    {"school", "Schule", "Schulen"},
    {"kita_provider", "Kita-Träger", "Kita-Träger"},
    {"civil_society", "Zivilgesellschaft", "Zivilgesellschaft"},
};

std::string_view organisation_kind_label(std::string_view id) {
  for (const auto& k : kOrganisationKinds) {
    if (k.id == id) return k.label;
  }
  return {};
}

namespace {

db::Value opt(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); }

constexpr const char* kOrgColumns =
    "SELECT id, slug, name, kind, region_code, website, description, updated_at FROM net_organisations";

Organisation org_from(const db::Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.integer(7)};
}

constexpr const char* kPersonColumns =
    "SELECT id, name, email, phone, function_title, organisation_id, user_id, consent_text, consent_at, "
    "calendar_token, deleted_at FROM net_people";

Person person_from(const db::Row& r) {
  Person p;
  p.id = r.integer(0);
  p.name = r.text(1);
  p.email = r.text(2);
  p.phone = r.text(3);
  p.function_title = r.text(4);
  p.organisation_id = r.opt_integer(5);
  p.user_id = r.opt_integer(6);
  p.consent_text = r.text(7);
  p.consent_at = r.opt_integer(8);
  p.calendar_token = r.text(9);
  p.deleted_at = r.opt_integer(10);
  if (p.deleted_at) p.name = std::string(kDeletedPersonName);
  return p;
}

constexpr const char* kBodyColumns = "SELECT id, slug, name, code, level, description FROM net_bodies";
Body body_from(const db::Row& r) { return {r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)}; }

constexpr const char* kMeetingColumns =
    "SELECT id, body_id, title, starts_at, ends_at, place, video_url, is_public, minutes, minutes_public "
    "FROM net_meetings";
Meeting meeting_from(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2),         r.integer(3), r.integer(4),
          r.text(5),    r.text(6),    r.integer(7) != 0, r.text(8),    r.integer(9) != 0};
}

constexpr const char* kDocumentColumns =
    "SELECT id, meeting_id, title, filename, media_type, sha256, size, is_public FROM net_documents";
Document document_from(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.integer(6), r.integer(7) != 0};
}

constexpr const char* kDecisionColumns =
    "SELECT d.id, d.body_id, d.meeting_id, d.year, d.number, d.title, d.text, d.outcome, d.reasons, d.measure_id, "
    "d.is_public, d.publish_at, b.code FROM net_decisions d JOIN net_bodies b ON b.id = d.body_id";
Decision decision_from(const db::Row& r) {
  Decision d;
  d.id = r.integer(0);
  d.body_id = r.integer(1);
  d.meeting_id = r.opt_integer(2);
  d.year = static_cast<int>(r.integer(3));
  d.number = static_cast<int>(r.integer(4));
  d.title = r.text(5);
  d.text = r.text(6);
  d.outcome = r.text(7);
  d.reasons = r.text(8);
  d.measure_id = r.opt_integer(9);
  d.is_public = r.integer(10) != 0;
  d.publish_at = r.integer(11);
  d.body_code = r.text(12);
  return d;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

// ---- Organisations ----

std::vector<Organisation> list_organisations(db::Database& db) {
  std::vector<Organisation> out;
  for (const auto& r : db.query(std::string(kOrgColumns) + " ORDER BY name")) out.push_back(org_from(r));
  return out;
}

std::optional<Organisation> find_organisation(db::Database& db, std::int64_t id) {
  auto r = db.query_one(std::string(kOrgColumns) + " WHERE id = ?", {id});
  return r ? std::optional(org_from(*r)) : std::nullopt;
}

std::optional<Organisation> find_organisation(db::Database& db, std::string_view slug) {
  auto r = db.query_one(std::string(kOrgColumns) + " WHERE slug = ?", {std::string(slug)});
  return r ? std::optional(org_from(*r)) : std::nullopt;
}

std::vector<std::string> validate_organisation(const Organisation& org) {
  std::vector<std::string> problems;
  if (blank(org.name)) problems.push_back("Bitte geben Sie den Namen der Organisation an.");
  if (org.name.size() > 200) problems.push_back("Der Name ist zu lang (höchstens 200 Zeichen).");
  if (organisation_kind_label(org.kind).empty()) {
    problems.push_back("Unbekannte Art der Organisation: „" + org.kind + "“.");
  }
  if (!org.website.empty() && !org.website.starts_with("https://") && !org.website.starts_with("http://")) {
    problems.push_back("Die Website muss mit https:// oder http:// beginnen (eingegeben: „" + org.website + "“).");
  }
  if (org.description.size() > 4000) problems.push_back("Die Beschreibung ist zu lang (höchstens 4.000 Zeichen).");
  return problems;
}

std::int64_t save_organisation(db::Database& db, const Organisation& o, std::optional<std::int64_t> user_id) {
  auto now = web::unix_now();
  if (o.id == 0) {
    return db.insert(
        "INSERT INTO net_organisations (slug, name, kind, region_code, website, description, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {o.slug, o.name, o.kind, o.region_code, o.website, o.description, now, opt(user_id)});
  }
  db.execute(
      "UPDATE net_organisations SET name = ?, kind = ?, region_code = ?, website = ?, description = ?, "
      "updated_at = ?, updated_by = ? WHERE id = ?",
      {o.name, o.kind, o.region_code, o.website, o.description, now, opt(user_id), o.id});
  return o.id;
}

// ---- People ----

std::vector<Person> list_people(db::Database& db) {
  std::vector<Person> out;
  for (const auto& r : db.query(std::string(kPersonColumns) + " WHERE deleted_at IS NULL ORDER BY name")) {
    out.push_back(person_from(r));
  }
  return out;
}

std::optional<Person> find_person(db::Database& db, std::int64_t id) {
  auto r = db.query_one(std::string(kPersonColumns) + " WHERE id = ?", {id});
  return r ? std::optional(person_from(*r)) : std::nullopt;
}

std::optional<Person> person_of_user(db::Database& db, std::int64_t user_id) {
  auto r =
      db.query_one(std::string(kPersonColumns) + " WHERE user_id = ? AND deleted_at IS NULL ORDER BY id", {user_id});
  return r ? std::optional(person_from(*r)) : std::nullopt;
}

std::optional<Person> person_by_calendar_token(db::Database& db, std::string_view token) {
  if (token.size() < 20) return std::nullopt;
  auto r = db.query_one(std::string(kPersonColumns) + " WHERE calendar_token = ? AND deleted_at IS NULL",
                        {std::string(token)});
  return r ? std::optional(person_from(*r)) : std::nullopt;
}

std::int64_t add_person(db::Database& db, Person p) {
  if (p.calendar_token.empty()) p.calendar_token = web::random_token(24);
  return db.insert(
      "INSERT INTO net_people (name, email, phone, function_title, organisation_id, user_id, consent_text, "
      "consent_at, calendar_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {p.name, p.email, p.phone, p.function_title, opt(p.organisation_id), opt(p.user_id), p.consent_text,
       opt(p.consent_at), p.calendar_token, web::unix_now()});
}

std::string export_person_json(db::Database& db, std::int64_t person_id) {
  using nlohmann::json;
  auto person = find_person(db, person_id);
  if (!person) return "{}";
  json out;
  out["person"] = {{"id", person->id},
                   {"name", person->name},
                   {"email", person->email},
                   {"phone", person->phone},
                   {"function", person->function_title},
                   {"consent", person->consent_text},
                   {"consent_at", person->consent_at ? json(*person->consent_at) : json()},
                   {"deleted", person->deleted_at.has_value()}};
  if (person->organisation_id) {
    if (auto org = find_organisation(db, *person->organisation_id)) out["organisation"] = org->name;
  }
  out["memberships"] = json::array();
  for (const auto& r :
       db.query("SELECT b.name, m.role, m.term_start, m.term_end FROM net_memberships m JOIN net_bodies b ON b.id = "
                "m.body_id WHERE m.person_id = ? ORDER BY m.id",
                {person_id})) {
    out["memberships"].push_back(
        {{"body", r.text(0)}, {"role", r.text(1)}, {"term_start", r.text(2)}, {"term_end", r.text(3)}});
  }
  out["recommendations"] = json::array();
  for (const auto& r :
       db.query("SELECT m.title, r.verdict, r.reasons, r.conditions, r.created_at FROM net_recommendations r JOIN "
                "net_measures m ON m.id = r.measure_id WHERE r.person_id = ? ORDER BY r.id",
                {person_id})) {
    out["recommendations"].push_back({{"measure", r.text(0)},
                                      {"verdict", r.text(1)},
                                      {"reasons", r.text(2)},
                                      {"conditions", r.text(3)},
                                      {"at", r.integer(4)}});
  }
  if (person->user_id) {
    out["measures_proposed"] = json::array();
    for (const auto& r :
         db.query("SELECT id, title, state FROM net_measures WHERE proposed_by = ? ORDER BY id", {*person->user_id})) {
      out["measures_proposed"].push_back({{"id", r.integer(0)}, {"title", r.text(1)}, {"state", r.text(2)}});
    }
    out["measures_followed"] = json::array();
    for (const auto& r : db.query(
             "SELECT m.id, m.title FROM net_followers f JOIN net_measures m ON m.id = f.measure_id WHERE f.user_id = ? "
             "ORDER BY m.id",
             {*person->user_id})) {
      out["measures_followed"].push_back({{"id", r.integer(0)}, {"title", r.text(1)}});
    }
    out["workflow_steps"] = json::array();
    for (const auto& r : db.query(
             "SELECT measure_id, transition, from_state, to_state, note, at FROM net_transitions WHERE user_id = ? "
             "ORDER BY id",
             {*person->user_id})) {
      out["workflow_steps"].push_back({{"measure", r.integer(0)},
                                       {"transition", r.text(1)},
                                       {"from", r.text(2)},
                                       {"to", r.text(3)},
                                       {"note", r.text(4)},
                                       {"at", r.integer(5)}});
    }
  }
  return out.dump(2);
}

bool erase_person(db::Database& db, std::int64_t person_id) {
  auto row = db.query_one("SELECT name, deleted_at FROM net_people WHERE id = ?", {person_id});
  if (!row) return false;
  std::string name = row->text(0);
  if (!row->is_null(1)) return true;  // erased before
  auto now = web::unix_now();
  // Minutes and decision texts that name the person keep their content; only
  // the name is replaced.
  if (name.size() >= 3) {
    for (const auto& m : db.query("SELECT id, minutes FROM net_meetings WHERE minutes LIKE ?", {"%" + name + "%"})) {
      std::string text = m.text(1);
      for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + kDeletedPersonName.size())) {
        text.replace(at, name.size(), kDeletedPersonName);
      }
      db.execute("UPDATE net_meetings SET minutes = ? WHERE id = ?", {text, m.integer(0)});
    }
    for (const auto& d : db.query("SELECT id, text, reasons FROM net_decisions WHERE text LIKE ? OR reasons LIKE ?",
                                  {"%" + name + "%", "%" + name + "%"})) {
      std::string text = d.text(1), reasons = d.text(2);
      for (std::string* s : {&text, &reasons}) {
        for (auto at = s->find(name); at != std::string::npos; at = s->find(name, at + kDeletedPersonName.size())) {
          s->replace(at, name.size(), kDeletedPersonName);
        }
      }
      db.execute("UPDATE net_decisions SET text = ?, reasons = ? WHERE id = ?", {text, reasons, d.integer(0)});
    }
  }
  // The person's login goes too: it holds the same name and address.
  if (auto user = db.query_one("SELECT user_id FROM net_people WHERE id = ? AND user_id IS NOT NULL", {person_id})) {
    web::erase_account(db, user->integer(0));
  }
  db.execute(
      "UPDATE net_people SET name = '', email = '', phone = '', function_title = '', consent_text = '', "
      "consent_at = NULL, calendar_token = '', user_id = NULL, deleted_at = ? WHERE id = ?",
      {now, person_id});
  return true;
}

// ---- Bodies and memberships ----

std::string_view body_level_label(std::string_view level) {
  if (level == "leitung") return "Leitungsebene";
  if (level == "steuerung") return "Steuerungsebene";
  if (level == "arbeit") return "Arbeitsebene";
  if (level == "beirat") return "Fachbeirat";
  return level;
}

std::vector<Body> list_bodies(db::Database& db) {
  std::vector<Body> out;
  for (const auto& r : db.query(std::string(kBodyColumns) + " ORDER BY sort_order, name")) out.push_back(body_from(r));
  return out;
}

std::optional<Body> find_body(db::Database& db, std::string_view slug) {
  auto r = db.query_one(std::string(kBodyColumns) + " WHERE slug = ?", {std::string(slug)});
  return r ? std::optional(body_from(*r)) : std::nullopt;
}

std::optional<Body> find_body(db::Database& db, std::int64_t id) {
  auto r = db.query_one(std::string(kBodyColumns) + " WHERE id = ?", {id});
  return r ? std::optional(body_from(*r)) : std::nullopt;
}

std::int64_t add_body(db::Database& db, const Body& b, int sort_order) {
  return db.insert(
      "INSERT INTO net_bodies (slug, name, code, level, description, sort_order) VALUES (?, ?, ?, ?, ?, ?)",
      {b.slug, b.name, b.code, b.level, b.description, std::int64_t{sort_order}});
}

std::string_view membership_role_label(std::string_view role) {
  if (role == "chair") return "Vorsitz";
  if (role == "deputy") return "Stellvertretung";
  if (role == "guest") return "Gast";
  return "Mitglied";
}

std::int64_t add_membership(db::Database& db, const Membership& m) {
  return db.insert(
      "INSERT INTO net_memberships (body_id, person_id, role, term_start, term_end) VALUES (?, ?, ?, ?, ?)",
      {m.body_id, m.person_id, m.role, m.term_start, m.term_end});
}

std::vector<Membership> body_members(db::Database& db, std::int64_t body_id, std::string_view today) {
  std::vector<Membership> out;
  for (const auto& r :
       db.query("SELECT m.id, m.body_id, m.person_id, m.role, m.term_start, m.term_end, p.name, COALESCE(o.name, ''), "
                "p.organisation_id, p.user_id, p.email FROM net_memberships m JOIN net_people p ON p.id = m.person_id "
                "LEFT JOIN net_organisations o ON o.id = p.organisation_id "
                "WHERE m.body_id = ? AND p.deleted_at IS NULL AND (m.term_end = '' OR m.term_end >= ?) "
                "ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'deputy' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, p.name",
                {body_id, std::string(today)})) {
    Membership m;
    m.id = r.integer(0);
    m.body_id = r.integer(1);
    m.person_id = r.integer(2);
    m.role = r.text(3);
    m.term_start = r.text(4);
    m.term_end = r.text(5);
    m.person_name = r.text(6);
    m.organisation_name = r.text(7);
    m.organisation_id = r.opt_integer(8);
    m.user_id = r.opt_integer(9);
    m.email = r.text(10);
    out.push_back(std::move(m));
  }
  return out;
}

bool is_member(db::Database& db, std::int64_t body_id, std::int64_t user_id, std::string_view today) {
  return db
      .query_one(
          "SELECT 1 FROM net_memberships m JOIN net_people p ON p.id = m.person_id WHERE m.body_id = ? AND "
          "p.user_id = ? AND p.deleted_at IS NULL AND (m.term_end = '' OR m.term_end >= ?) AND "
          "(m.term_start = '' OR m.term_start <= ?)",
          {body_id, user_id, std::string(today), std::string(today)})
      .has_value();
}

// ---- Meetings, agenda, documents ----

std::int64_t add_meeting(db::Database& db, const Meeting& m, const std::vector<AgendaItem>& agenda) {
  auto id = db.insert(
      "INSERT INTO net_meetings (body_id, title, starts_at, ends_at, place, video_url, is_public, minutes, "
      "minutes_public, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {m.body_id, m.title, m.starts_at, m.ends_at, m.place, m.video_url, std::int64_t{m.is_public}, m.minutes,
       std::int64_t{m.minutes_public}, web::unix_now()});
  int position = 0;
  for (const auto& item : agenda) {
    db.execute(
        "INSERT INTO net_agenda_items (meeting_id, position, title, is_public, measure_id) VALUES (?, ?, ?, ?, ?)",
        {id, std::int64_t{++position}, item.title, std::int64_t{item.is_public}, opt(item.measure_id)});
  }
  return id;
}

std::optional<Meeting> find_meeting(db::Database& db, std::int64_t id) {
  auto r = db.query_one(std::string(kMeetingColumns) + " WHERE id = ?", {id});
  return r ? std::optional(meeting_from(*r)) : std::nullopt;
}

std::vector<Meeting> body_meetings(db::Database& db, std::int64_t body_id) {
  std::vector<Meeting> out;
  for (const auto& r :
       db.query(std::string(kMeetingColumns) + " WHERE body_id = ? ORDER BY starts_at DESC", {body_id})) {
    out.push_back(meeting_from(r));
  }
  return out;
}

std::vector<Meeting> person_meetings(db::Database& db, std::int64_t person_id) {
  std::vector<Meeting> out;
  for (const auto& r : db.query(std::string(kMeetingColumns) +
                                    " WHERE body_id IN (SELECT body_id FROM net_memberships WHERE person_id = ?) "
                                    "ORDER BY starts_at",
                                {person_id})) {
    out.push_back(meeting_from(r));
  }
  return out;
}

std::vector<AgendaItem> meeting_agenda(db::Database& db, std::int64_t meeting_id) {
  std::vector<AgendaItem> out;
  for (const auto& r : db.query("SELECT id, position, title, is_public, measure_id FROM net_agenda_items WHERE "
                                "meeting_id = ? ORDER BY position",
                                {meeting_id})) {
    out.push_back({r.integer(0), static_cast<int>(r.integer(1)), r.text(2), r.integer(3) != 0, r.opt_integer(4)});
  }
  return out;
}

void save_minutes(db::Database& db, std::int64_t meeting_id, std::string_view minutes, bool is_public) {
  db.execute("UPDATE net_meetings SET minutes = ?, minutes_public = ? WHERE id = ?",
             {std::string(minutes), std::int64_t{is_public}, meeting_id});
}

std::int64_t add_document(db::Database& db, const Document& d, std::optional<std::int64_t> user_id) {
  return db.insert(
      "INSERT INTO net_documents (meeting_id, title, filename, media_type, sha256, size, is_public, uploaded_by, "
      "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {d.meeting_id, d.title, d.filename, d.media_type, d.sha256, d.size, std::int64_t{d.is_public}, opt(user_id),
       web::unix_now()});
}

std::vector<Document> meeting_documents(db::Database& db, std::int64_t meeting_id) {
  std::vector<Document> out;
  for (const auto& r : db.query(std::string(kDocumentColumns) + " WHERE meeting_id = ? ORDER BY id", {meeting_id})) {
    out.push_back(document_from(r));
  }
  return out;
}

std::optional<Document> find_document(db::Database& db, std::int64_t id) {
  auto r = db.query_one(std::string(kDocumentColumns) + " WHERE id = ?", {id});
  return r ? std::optional(document_from(*r)) : std::nullopt;
}

// ---- Decisions ----

std::string Decision::reference() const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %d/%02d", body_code.c_str(), year, number);
  return buf;
}

std::string_view decision_outcome_label(std::string_view outcome) {
  if (outcome == "approved") return "bewilligt";
  if (outcome == "approved_with_conditions") return "mit Auflagen bewilligt";
  if (outcome == "rejected") return "abgelehnt";
  return "zur Kenntnis genommen";
}

std::int64_t add_decision(db::Database& db, Decision& d, std::optional<std::int64_t> user_id) {
  auto next = db.query_one("SELECT COALESCE(MAX(number), 0) + 1 FROM net_decisions WHERE body_id = ? AND year = ?",
                           {d.body_id, std::int64_t{d.year}});
  d.number = static_cast<int>(next->integer(0));
  if (auto b = find_body(db, d.body_id)) d.body_code = b->code;
  d.id = db.insert(
      "INSERT INTO net_decisions (body_id, meeting_id, year, number, title, text, outcome, reasons, measure_id, "
      "is_public, publish_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {d.body_id, opt(d.meeting_id), std::int64_t{d.year}, std::int64_t{d.number}, d.title, d.text, d.outcome,
       d.reasons, opt(d.measure_id), std::int64_t{d.is_public}, d.publish_at, opt(user_id), web::unix_now()});
  return d.id;
}

std::vector<Decision> search_decisions(db::Database& db, std::string_view query, std::optional<std::int64_t> body_id,
                                       std::optional<std::int64_t> only_published_at, int limit) {
  db::Where where;
  if (body_id) where.add("d.body_id = ?", {*body_id});
  if (only_published_at) where.add("d.is_public = 1 AND d.publish_at <= ?", {*only_published_at});
  // A reference such as "SG 2026/07" (or "SG 2026/7") finds that decision.
  std::string q(query);
  char code[16] = {};
  int year = 0, number = 0;
  if (std::sscanf(q.c_str(), "%15s %d/%d", code, &year, &number) == 3) {
    where.add("b.code = ? AND d.year = ? AND d.number = ?",
              {std::string(code), std::int64_t{year}, std::int64_t{number}});
  } else {
    // Every word must occur in title, text or reasons (case-insensitive).
    std::size_t start = 0;
    int words = 0;
    while (start < q.size() && words < 8) {
      auto end = q.find(' ', start);
      if (end == std::string::npos) end = q.size();
      auto word = q.substr(start, end - start);
      start = end + 1;
      if (word.empty()) continue;
      ++words;
      std::string like = "%" + word + "%";
      where.add("(LOWER(d.title) LIKE LOWER(?) OR LOWER(d.text) LIKE LOWER(?) OR LOWER(d.reasons) LIKE LOWER(?))",
                {like, like, like});
    }
  }
  std::vector<Decision> out;
  const std::string sql = std::string(kDecisionColumns) + where.sql() + " ORDER BY d.year DESC, d.number DESC LIMIT " +
                          std::to_string(std::clamp(limit, 1, 500));
  for (const auto& r : db.query(sql, where.params())) out.push_back(decision_from(r));
  return out;
}

std::vector<Decision> measure_decisions(db::Database& db, std::int64_t measure_id) {
  std::vector<Decision> out;
  for (const auto& r :
       db.query(std::string(kDecisionColumns) + " WHERE d.measure_id = ? ORDER BY d.id", {measure_id})) {
    out.push_back(decision_from(r));
  }
  return out;
}

void bump_network_version(db::Database& db) {
  db.execute("UPDATE cache_versions SET version = version + 1 WHERE name = 'network'");
}

std::int64_t network_version(db::Database& db) {
  auto r = db.query_one("SELECT version FROM cache_versions WHERE name = 'network'");
  return r ? r->integer(0) : 0;
}

}  // namespace rf::network
