// Storage of surveys: surveys, frozen form versions, waves, invitations and
// responses in long form (response, question, instance, value). Every
// function takes an open connection; callers hold the transaction where
// several writes belong together.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "survey/form.hpp"

namespace rf::survey {

struct SurveyInfo {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  std::string kind;  // "general" | "tab"
  bool anonymous = true;
  int min_cell = 5;
};

struct WaveInfo {
  std::int64_t id = 0;
  std::int64_t survey_id = 0;
  std::int64_t version_id = 0;
  std::string title;
  std::string opens_on;   // ISO date
  std::string closes_on;  // ISO date
  std::optional<std::int64_t> institution_id;
  bool has_open_link = false;
  // open: opens_on <= today <= closes_on
  bool is_open(std::string_view today) const { return opens_on <= today && today <= closes_on; }
};

// Today's date in Europe/Berlin as "2026-12-05", and its ISO week "2026-W49".
std::string today_iso();
std::string iso_week(std::string_view iso_date);
// "2026-12-05" + 28 days; "05.12.2026" from "2026-12-05" (the text itself when it is no date).
std::string add_days(std::string_view iso_date, int days);
std::string german_date(std::string_view iso_date);

std::int64_t create_survey(db::Database& db, std::string_view slug, std::string_view title, std::string_view kind,
                           bool anonymous, int min_cell = 5);
std::optional<SurveyInfo> find_survey(db::Database& db, std::string_view slug);
std::optional<SurveyInfo> find_survey(db::Database& db, std::int64_t id);
std::vector<SurveyInfo> list_surveys(db::Database& db);

// Stores the sheets of a checked form as the survey's next version; returns its id.
std::int64_t add_version(db::Database& db, std::int64_t survey_id, const std::vector<Sheet>& sheets,
                         std::string_view form_version);
std::optional<std::int64_t> latest_version(db::Database& db, std::int64_t survey_id);
// The form of a version (parsed once per process; versions never change).
std::shared_ptr<const Form> version_form(db::Database& db, std::int64_t version_id);

struct NewWave {
  std::int64_t survey_id = 0;
  std::int64_t version_id = 0;
  std::string title;
  std::string opens_on, closes_on;  // ISO dates
  bool open_link = false;
  std::optional<std::int64_t> institution_id;
  std::optional<std::int64_t> created_by;
};
// Returns the wave id and, with open_link, the token of the open link (shown once).
std::pair<std::int64_t, std::string> create_wave(db::Database& db, const NewWave& wave);
std::optional<WaveInfo> find_wave(db::Database& db, std::int64_t id);
std::vector<WaveInfo> list_waves(db::Database& db, std::int64_t survey_id);
// The wave of an open-link token.
std::optional<WaveInfo> find_wave_by_open_link(db::Database& db, std::string_view token);

// A new invitation (or open-link start); returns the token for the link.
std::string invite(db::Database& db, std::int64_t wave_id, std::string_view email, std::string_view staff_group);

// What a token in an answering link stands for.
struct Access {
  std::int64_t invitation_id = 0;
  WaveInfo wave;
  SurveyInfo survey;
  std::shared_ptr<const Form> form;  // of the wave's version
  std::string email;
  std::string staff_group;
  std::optional<std::string> draft_id;
  std::optional<std::string> answered_on;  // set once submitted: the token is used up
};

// Waves with their survey and form, read once per wave: the answering pages
// ask for them on every request. Safe because neither a wave's row nor the
// survey fields of SurveyInfo change once stored (this file has no UPDATE of
// them; the survey's results_stamp is not held here) and a form version
// never changes. Whoever adds an edit of waves or surveys must drop the
// entry here. Ids repeat across databases (tests): one cache per pool.
class WaveCache {
 public:
  struct Entry {
    WaveInfo wave;
    SurveyInfo survey;
    std::shared_ptr<const Form> form;
  };
  // nullptr when the wave (or its survey or version) does not exist.
  std::shared_ptr<const Entry> get(db::Database& db, std::int64_t wave_id);

 private:
  std::mutex mutex_;
  std::map<std::int64_t, std::shared_ptr<const Entry>> entries_;
};

// One statement per request (the invitation) with the wave from `cache`.
std::optional<Access> find_access(db::Database& db, std::string_view token, WaveCache& cache);
// The same, reading the wave (for callers without a cache).
std::optional<Access> find_access(db::Database& db, std::string_view token);

struct InvitationStatus {
  std::int64_t id = 0;
  std::string email;
  std::string staff_group;
  bool started = false;
  std::optional<std::string> answered_on;
  std::optional<std::string> reminded_on;
};
std::vector<InvitationStatus> list_invitations(db::Database& db, std::int64_t wave_id);

// Answers of one response by (question, instance).
using AnswerKey = std::pair<std::string, int>;
using Answers = std::map<AnswerKey, std::string>;

Answers load_answers(db::Database& db, std::string_view response_id);
int draft_page(db::Database& db, std::string_view response_id);

// The writes of the answering pages: each is one transaction, and each
// returns false and stores nothing when the invitation's response was
// submitted meanwhile (a double click, another tab, a reused link). `stored`
// are the draft's answers as the request read them ({} without a draft):
// only questions whose answers differ from them are written.
//
// A posted page: the answers to `questions` (the page's, all instances)
// become `values` and the draft continues on `next_page`. The invitation's
// first save creates its draft (sets access.draft_id); a GET never writes.
bool save_page(db::Database& db, Access& access, const Answers& stored, const std::vector<std::string>& questions,
               const Answers& values, int next_page);
// The submit, with the last page's answers in the same transaction (all or
// nothing): the response becomes `final_answers`, is marked submitted and,
// for anonymous surveys, unlinked from its invitation, which keeps only the
// ISO week; the survey's results stamp changes.
bool submit_response(db::Database& db, Access& access, const Answers& stored, const Answers& final_answers);

// Submitted responses of a wave with their answers (for results and bundles).
struct StoredResponse {
  std::string id;
  std::string staff_group;
  std::string submitted_on;
  Answers answers;
};
std::vector<StoredResponse> submitted_responses(db::Database& db, std::int64_t wave_id);

}  // namespace rf::survey
