// Storage of the network: organisations, people (with consent), bodies,
// memberships, meetings, documents and decisions (migration 0150). Every
// function runs in the caller's transaction, if any.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace rf::network {

// The kinds of partner organisation, in display order.
struct OrganisationKind {
  std::string_view id;      // "city"
  std::string_view label;   // "Kreisfreie Stadt"
  std::string_view plural;  // "Kreisfreie Städte"
};
extern const OrganisationKind kOrganisationKinds[9];
std::string_view organisation_kind_label(std::string_view id);  // "" for an unknown kind

struct Organisation {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
  std::string kind;
  std::string region_code;
  std::string website;
  std::string description;
  std::int64_t updated_at = 0;
};
std::vector<Organisation> list_organisations(db::Database& db);
std::optional<Organisation> find_organisation(db::Database& db, std::int64_t id);
std::optional<Organisation> find_organisation(db::Database& db, std::string_view slug);
// Inserts (id 0) or updates; returns the id.
std::int64_t save_organisation(db::Database& db, const Organisation& org, std::optional<std::int64_t> user_id);
// German problems with the fields (name, kind, website); empty when it can be saved.
std::vector<std::string> validate_organisation(const Organisation& org);

struct Person {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::string phone;
  std::string function_title;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> user_id;
  std::string consent_text;
  std::optional<std::int64_t> consent_at;
  std::string calendar_token;
  std::optional<std::int64_t> deleted_at;
};
// What a deleted person is shown as in minutes, decisions and recommendations.
inline constexpr std::string_view kDeletedPersonName = "gelöschte Person";
std::vector<Person> list_people(db::Database& db);
std::optional<Person> find_person(db::Database& db, std::int64_t id);
// The (not deleted) person record of a login.
std::optional<Person> person_of_user(db::Database& db, std::int64_t user_id);
std::optional<Person> person_by_calendar_token(db::Database& db, std::string_view token);
std::int64_t add_person(db::Database& db, Person person);  // fills a calendar token
// Everything stored about a person, as one JSON document (GDPR Art. 15/20).
std::string export_person_json(db::Database& db, std::int64_t person_id);
// GDPR erasure: blanks name, contact data and consent, ends memberships; the
// row stays so that decisions, minutes and recommendations keep their
// meaning, with the name replaced by kDeletedPersonName. Minutes that
// mention the name get it replaced too; a login account of the person is
// erased as well (web::erase_account). False when there is no such person.
bool erase_person(db::Database& db, std::int64_t person_id);

struct Body {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
  std::string code;   // "SG"
  std::string level;  // leitung, steuerung, arbeit, beirat
  std::string description;
};
std::string_view body_level_label(std::string_view level);
std::vector<Body> list_bodies(db::Database& db);
std::optional<Body> find_body(db::Database& db, std::string_view slug);
std::optional<Body> find_body(db::Database& db, std::int64_t id);
std::int64_t add_body(db::Database& db, const Body& body, int sort_order);

struct Membership {
  std::int64_t id = 0;
  std::int64_t body_id = 0;
  std::int64_t person_id = 0;
  std::string role = "member";  // chair, deputy, member, guest
  std::string term_start;       // ISO date or ""
  std::string term_end;
  // Joined for display:
  std::string person_name;
  std::string organisation_name;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> user_id;
  std::string email;
};
std::string_view membership_role_label(std::string_view role);
std::int64_t add_membership(db::Database& db, const Membership& m);
// Current members (term not ended before `today`, ISO date), chair first.
std::vector<Membership> body_members(db::Database& db, std::int64_t body_id, std::string_view today);
bool is_member(db::Database& db, std::int64_t body_id, std::int64_t user_id, std::string_view today);

struct Meeting {
  std::int64_t id = 0;
  std::int64_t body_id = 0;
  std::string title;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  std::string place;
  std::string video_url;
  bool is_public = false;
  std::string minutes;  // Markdown
  bool minutes_public = false;
};
struct AgendaItem {
  std::int64_t id = 0;
  int position = 0;
  std::string title;
  bool is_public = true;
  std::optional<std::int64_t> measure_id;
};
struct Document {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  std::string title;
  std::string filename;
  std::string media_type;
  std::string sha256;
  std::int64_t size = 0;
  bool is_public = false;
};
std::int64_t add_meeting(db::Database& db, const Meeting& m, const std::vector<AgendaItem>& agenda);
std::optional<Meeting> find_meeting(db::Database& db, std::int64_t id);
std::vector<Meeting> body_meetings(db::Database& db, std::int64_t body_id);
// Meetings of every body the person belongs to (for the calendar feed).
std::vector<Meeting> person_meetings(db::Database& db, std::int64_t person_id);
std::vector<AgendaItem> meeting_agenda(db::Database& db, std::int64_t meeting_id);
void save_minutes(db::Database& db, std::int64_t meeting_id, std::string_view minutes, bool is_public);
std::int64_t add_document(db::Database& db, const Document& d, std::optional<std::int64_t> user_id);
std::vector<Document> meeting_documents(db::Database& db, std::int64_t meeting_id);
std::optional<Document> find_document(db::Database& db, std::int64_t id);

struct Decision {
  std::int64_t id = 0;
  std::int64_t body_id = 0;
  std::optional<std::int64_t> meeting_id;
  int year = 0;
  int number = 0;
  std::string title;
  std::string text;
  std::string outcome;  // approved, approved_with_conditions, rejected, noted
  std::string reasons;
  std::optional<std::int64_t> measure_id;
  bool is_public = true;
  std::int64_t publish_at = 0;
  std::string body_code;          // joined: "SG"
  std::string reference() const;  // "SG 2026/07"
};
std::string_view decision_outcome_label(std::string_view outcome);
// Gives the decision the next number of its body and year; returns its id.
std::int64_t add_decision(db::Database& db, Decision& d, std::optional<std::int64_t> user_id);
// Decisions matching `query` (reference like "SG 2026/07", words in title,
// text or reasons), newest first; `only_published_at` limits to public ones
// published by then.
std::vector<Decision> search_decisions(db::Database& db, std::string_view query, std::optional<std::int64_t> body_id,
                                       std::optional<std::int64_t> only_published_at, int limit = 100);
std::vector<Decision> measure_decisions(db::Database& db, std::int64_t measure_id);

// Bumps the 'network' cache version (public pages are cached by it).
void bump_network_version(db::Database& db);
std::int64_t network_version(db::Database& db);

}  // namespace rf::network
