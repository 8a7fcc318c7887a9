#include "survey/store.hpp"

#include <algorithm>
#include <ctime>
#include <limits>
#include <mutex>
#include <ranges>
#include <set>

#include <nlohmann/json.hpp>

#include "text/number.hpp"
#include "web/accounts.hpp"
#include "web/dates.hpp"

namespace rf::survey {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

SurveyInfo survey_from(const db::Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.text(3), r.integer(4) != 0, static_cast<int>(r.integer(5))};
}
constexpr const char* kSurveyColumns = "id, slug, title, kind, anonymous, min_cell";

WaveInfo wave_from(const db::Row& r) {
  WaveInfo w;
  w.id = r.integer(0);
  w.survey_id = r.integer(1);
  w.version_id = r.integer(2);
  w.title = r.text(3);
  w.opens_on = r.text(4);
  w.closes_on = r.text(5);
  w.institution_id = r.opt_integer(6);
  w.has_open_link = !r.is_null(7);
  return w;
}
constexpr const char* kWaveColumns =
    "id, survey_id, version_id, title, opens_on, closes_on, institution_id, open_link_hash";

std::string response_id() { return web::random_token(16); }

}  // namespace

std::string today_iso() { return web::iso_date(web::unix_now()); }

std::string iso_week(std::string_view iso_date) {
  auto d = text::parse_iso_date(iso_date);
  if (!d) return "";
  long days = days_from_civil(d->year, d->month, d->day);
  int weekday = static_cast<int>((days + 3) % 7);  // 0 = Monday
  long thursday = days - weekday + 3;              // the week belongs to the year of its Thursday
  // Civil year of that Thursday.
  std::time_t t = static_cast<std::time_t>(thursday) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  int year = tm.tm_year + 1900;
  int week = static_cast<int>((thursday - days_from_civil(year, 1, 1)) / 7 + 1);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

std::string add_days(std::string_view iso_date, int days) {
  auto d = text::parse_iso_date(iso_date);
  if (!d) return std::string(iso_date);
  long day = days_from_civil(d->year, d->month, d->day) + days;
  std::time_t t = static_cast<std::time_t>(day) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return text::format_iso_date({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
}

std::string german_date(std::string_view iso_date) {
  auto d = text::parse_iso_date(iso_date);
  return d ? text::format_german_date(*d) : std::string(iso_date);
}

std::int64_t create_survey(db::Database& db, std::string_view slug, std::string_view title, std::string_view kind,
                           bool anonymous, int min_cell) {
  return db.insert("INSERT INTO surveys (slug, title, kind, anonymous, min_cell, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   {std::string(slug), std::string(title), std::string(kind), std::int64_t(anonymous ? 1 : 0),
                    std::int64_t(min_cell), web::unix_now()});
}

std::optional<SurveyInfo> find_survey(db::Database& db, std::string_view slug) {
  auto row =
      db.query_one(std::string("SELECT ") + kSurveyColumns + " FROM surveys WHERE slug = ?", {std::string(slug)});
  if (!row) return std::nullopt;
  return survey_from(*row);
}

std::optional<SurveyInfo> find_survey(db::Database& db, std::int64_t id) {
  auto row = db.query_one(std::string("SELECT ") + kSurveyColumns + " FROM surveys WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return survey_from(*row);
}

std::vector<SurveyInfo> list_surveys(db::Database& db) {
  std::vector<SurveyInfo> out;
  for (const auto& r : db.query(std::string("SELECT ") + kSurveyColumns + " FROM surveys ORDER BY title"))
    out.push_back(survey_from(r));
  return out;
}

std::int64_t add_version(db::Database& db, std::int64_t survey_id, const std::vector<Sheet>& sheets,
                         std::string_view form_version) {
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& s : sheets) doc[s.name] = s.rows;
  auto next = db.query_one("SELECT COALESCE(MAX(number), 0) + 1 FROM survey_versions WHERE survey_id = ?", {survey_id});
  return db.insert(
      "INSERT INTO survey_versions (survey_id, number, form_version, sheets, created_at) VALUES (?, ?, ?, ?, ?)",
      {survey_id, next->integer(0), std::string(form_version), doc.dump(), web::unix_now()});
}

std::optional<std::int64_t> latest_version(db::Database& db, std::int64_t survey_id) {
  auto row =
      db.query_one("SELECT id FROM survey_versions WHERE survey_id = ? ORDER BY number DESC LIMIT 1", {survey_id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::shared_ptr<const Form> version_form(db::Database& db, std::int64_t version_id) {
  auto row = db.query_one("SELECT sheets FROM survey_versions WHERE id = ?", {version_id});
  if (!row) return nullptr;
  // Parsed once per process and stored text (the same id can name different
  // versions in different databases, e.g. in tests).
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Form>> cache;
  std::string sheets_json = row->text(0);
  std::string key = web::sha256_hex(sheets_json);
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto doc = nlohmann::json::parse(sheets_json);
  std::vector<Sheet> sheets;
  for (auto& [name, rows] : doc.items()) sheets.push_back({name, rows.get<std::vector<std::vector<std::string>>>()});
  auto result = build_form(sheets);
  if (!result.form) throw std::runtime_error("stored survey version " + std::to_string(version_id) + " does not parse");
  auto form = std::make_shared<const Form>(std::move(*result.form));
  std::lock_guard lock(mutex);
  cache[key] = form;
  return form;
}

std::pair<std::int64_t, std::string> create_wave(db::Database& db, const NewWave& wave) {
  std::string token;
  db::Value link_hash = db::Null{};
  if (wave.open_link) {
    token = web::random_token();
    link_hash = web::sha256_hex(token);
  }
  db::Value institution = wave.institution_id ? db::Value(*wave.institution_id) : db::Value(db::Null{});
  db::Value creator = wave.created_by ? db::Value(*wave.created_by) : db::Value(db::Null{});
  auto id = db.insert(
      "INSERT INTO survey_waves (survey_id, version_id, title, opens_on, closes_on, open_link_hash, institution_id, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {wave.survey_id, wave.version_id, wave.title, wave.opens_on, wave.closes_on, link_hash, institution, creator,
       web::unix_now()});
  return {id, token};
}

std::optional<WaveInfo> find_wave(db::Database& db, std::int64_t id) {
  auto row = db.query_one(std::string("SELECT ") + kWaveColumns + " FROM survey_waves WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return wave_from(*row);
}

std::vector<WaveInfo> list_waves(db::Database& db, std::int64_t survey_id) {
  std::vector<WaveInfo> out;
  for (const auto& r : db.query(std::string("SELECT ") + kWaveColumns +
                                    " FROM survey_waves WHERE survey_id = ? ORDER BY opens_on DESC, id DESC",
                                {survey_id}))
    out.push_back(wave_from(r));
  return out;
}

std::optional<WaveInfo> find_wave_by_open_link(db::Database& db, std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto row = db.query_one(std::string("SELECT ") + kWaveColumns + " FROM survey_waves WHERE open_link_hash = ?",
                          {web::sha256_hex(token)});
  if (!row) return std::nullopt;
  return wave_from(*row);
}

std::string invite(db::Database& db, std::int64_t wave_id, std::string_view email, std::string_view staff_group) {
  std::string token = web::random_token();
  db.insert(
      "INSERT INTO survey_invitations (wave_id, email, staff_group, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
      {wave_id, std::string(email), std::string(staff_group), web::sha256_hex(token), web::unix_now()});
  return token;
}

std::shared_ptr<const WaveCache::Entry> WaveCache::get(db::Database& db, std::int64_t wave_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(wave_id); it != entries_.end()) return it->second;
  }
  auto wave = find_wave(db, wave_id);
  if (!wave) return nullptr;
  auto survey = find_survey(db, wave->survey_id);
  auto form = version_form(db, wave->version_id);
  if (!survey || !form) return nullptr;
  auto entry = std::make_shared<const Entry>(Entry{*wave, *survey, std::move(form)});
  std::lock_guard lock(mutex_);
  return entries_.emplace(wave_id, std::move(entry)).first->second;
}

std::optional<Access> find_access(db::Database& db, std::string_view token, WaveCache& cache) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto row = db.query_one(
      "SELECT id, wave_id, email, staff_group, draft_id, answered_on FROM survey_invitations WHERE token_hash = ?",
      {web::sha256_hex(token)});
  if (!row) return std::nullopt;
  auto wave = cache.get(db, row->integer(1));
  if (!wave) return std::nullopt;
  Access a;
  a.invitation_id = row->integer(0);
  a.email = row->text(2);
  a.staff_group = row->text(3);
  a.draft_id = row->opt_text(4);
  a.answered_on = row->opt_text(5);
  a.wave = wave->wave;
  a.survey = wave->survey;
  a.form = wave->form;
  return a;
}

std::optional<Access> find_access(db::Database& db, std::string_view token) {
  WaveCache once;
  return find_access(db, token, once);
}

std::vector<InvitationStatus> list_invitations(db::Database& db, std::int64_t wave_id) {
  std::vector<InvitationStatus> out;
  for (const auto& r : db.query("SELECT id, email, staff_group, draft_id, answered_on, reminded_on "
                                "FROM survey_invitations WHERE wave_id = ? AND email <> '' ORDER BY email",
                                {wave_id}))
    out.push_back({r.integer(0), r.text(1), r.text(2), !r.is_null(3), r.opt_text(4), r.opt_text(5)});
  return out;
}

Answers load_answers(db::Database& db, std::string_view response_id) {
  Answers out;
  for (const auto& r : db.query("SELECT question, instance, value FROM survey_answers WHERE response_id = ?",
                                {std::string(response_id)}))
    out[{r.text(0), static_cast<int>(r.integer(1))}] = r.text(2);
  return out;
}

int draft_page(db::Database& db, std::string_view response_id) {
  auto row = db.query_one("SELECT page FROM survey_responses WHERE id = ?", {std::string(response_id)});
  return row ? static_cast<int>(row->integer(0)) : 0;
}

namespace {

// The answers `answers` holds for question `q` (all instances), in order.
auto answers_of(const Answers& answers, const std::string& q) {
  return std::ranges::subrange(answers.lower_bound({q, 0}), answers.lower_bound({q, std::numeric_limits<int>::max()}));
}

bool same_answers(const Answers& a, const Answers& b, const std::string& q) {
  auto x = answers_of(a, q), y = answers_of(b, q);
  return std::ranges::equal(x, y);
}

// Rows per INSERT statement: well below both databases' limits of bound
// parameters (SQLite 32,766, PostgreSQL 65,535) for a repeat's 30 instances.
constexpr std::size_t kRowsPerInsert = 250;

// Makes the response's answers to `questions` those of `target`: one DELETE
// for the questions `stored` has answers to, and one multi-row INSERT. The
// INSERT replaces a row that is there although `stored` (read before the
// transaction) did not have it: another tab of the same link saved meanwhile.
void write_answers(db::Database& db, const std::string& id, const std::set<std::string>& questions,
                   const Answers& stored, const Answers& target) {
  if (questions.empty()) return;
  std::vector<db::Value> params{id};
  for (const auto& q : questions)
    if (!answers_of(stored, q).empty()) params.push_back(q);
  if (params.size() > 1) {
    std::string sql = "DELETE FROM survey_answers WHERE response_id = ? AND question IN (?";
    for (std::size_t i = 2; i < params.size(); ++i) sql += ", ?";
    db.execute(sql + ")", params);
  }
  std::vector<std::pair<const AnswerKey*, const std::string*>> rows;
  for (const auto& q : questions)
    for (const auto& [key, value] : answers_of(target, q))
      if (!value.empty()) rows.emplace_back(&key, &value);
  for (std::size_t from = 0; from < rows.size(); from += kRowsPerInsert) {
    std::size_t to = std::min(rows.size(), from + kRowsPerInsert);
    std::string sql = "INSERT INTO survey_answers (response_id, question, instance, value) VALUES ";
    params.clear();
    for (std::size_t i = from; i < to; ++i) {
      sql += i == from ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
      params.insert(params.end(), {id, rows[i].first->first, std::int64_t(rows[i].first->second), *rows[i].second});
    }
    db.execute(sql + " ON CONFLICT (response_id, question, instance) DO UPDATE SET value = excluded.value", params);
  }
}

// The questions whose answers differ between `stored` and `target`.
std::set<std::string> changed_questions(const Answers& stored, const Answers& target) {
  std::set<std::string> out;
  for (const Answers* side : {&stored, &target})
    for (const auto& [key, value] : *side)
      if (!out.contains(key.first) && !same_answers(stored, target, key.first)) out.insert(key.first);
  return out;
}

}  // namespace

bool save_page(db::Database& db, Access& access, const Answers& stored, const std::vector<std::string>& questions,
               const Answers& values, int next_page) {
  db::Transaction tx(db);
  Answers known = stored;
  bool created = false;
  if (!access.draft_id) {
    // The first save of this invitation creates its draft. Only one draft
    // per invitation, also when two requests race.
    std::string id = response_id();
    if (db.execute(
            "UPDATE survey_invitations SET draft_id = ? WHERE id = ? AND draft_id IS NULL AND answered_on IS NULL",
            {id, access.invitation_id}) == 1) {
      db.execute("INSERT INTO survey_responses (id, wave_id, status, staff_group, page) VALUES (?, ?, 'draft', ?, ?)",
                 {id, access.wave.id, access.staff_group, std::int64_t(next_page)});
      access.draft_id = id;
      created = true;
    } else {
      auto row = db.query_one("SELECT draft_id FROM survey_invitations WHERE id = ? AND answered_on IS NULL",
                              {access.invitation_id});
      if (!row || row->is_null(0)) return false;  // submitted meanwhile
      access.draft_id = row->text(0);
      known = load_answers(db, *access.draft_id);
    }
  }
  const std::string& id = *access.draft_id;
  if (!created && db.execute("UPDATE survey_responses SET page = ? WHERE id = ? AND status = 'draft'",
                             {std::int64_t(next_page), id}) == 0)
    return false;  // submitted meanwhile (another tab, a double click): nothing is stored
  std::set<std::string> on_page(questions.begin(), questions.end());
  Answers target = known;
  for (const auto& q : on_page)
    for (auto it = target.lower_bound({q, 0}); it != target.end() && it->first.first == q;) it = target.erase(it);
  for (const auto& [key, value] : values)
    if (on_page.contains(key.first)) target[key] = value;
  std::set<std::string> changed;
  for (const auto& q : on_page)
    if (!same_answers(known, target, q)) changed.insert(q);
  write_answers(db, id, changed, known, target);
  tx.commit();
  return true;
}

bool submit_response(db::Database& db, Access& access, const Answers& stored, const Answers& final_answers) {
  db::Transaction tx(db);
  std::string today = today_iso();
  std::string when = access.survey.anonymous ? iso_week(today) : today;
  Answers known = stored;
  if (!access.draft_id) {
    // Submitted on the first page: no draft was read. One may have been made
    // meanwhile by another request; it becomes this response.
    auto row = db.query_one("SELECT draft_id FROM survey_invitations WHERE id = ? AND answered_on IS NULL",
                            {access.invitation_id});
    if (!row) return false;
    if (!row->is_null(0)) {
      access.draft_id = row->text(0);
      known = load_answers(db, *access.draft_id);
    }
  }
  // Used up exactly once, also when two submits race: the loser stores nothing.
  if (db.execute("UPDATE survey_invitations SET answered_on = ?, draft_id = NULL WHERE id = ? AND answered_on IS NULL",
                 {when, access.invitation_id}) == 0)
    return false;
  std::string respondent = access.survey.anonymous ? std::string() : access.email;
  if (access.draft_id) {
    if (db.execute("UPDATE survey_responses SET status = 'submitted', submitted_on = ?, respondent = ?, page = 0 "
                   "WHERE id = ? AND status = 'draft'",
                   {when, respondent, *access.draft_id}) == 0)
      return false;
  } else {
    access.draft_id = response_id();
    db.execute(
        "INSERT INTO survey_responses (id, wave_id, status, submitted_on, respondent, staff_group, page) "
        "VALUES (?, ?, 'submitted', ?, ?, ?, 0)",
        {*access.draft_id, access.wave.id, when, respondent, access.staff_group});
  }
  // Only what differs from the draft is written: on the last page that is the
  // page's answers (and those that no longer apply, which are removed).
  write_answers(db, *access.draft_id, changed_questions(known, final_answers), known, final_answers);
  // The results are computed anew at their next request (result_pages.cpp);
  // last in the transaction, so the survey's row is locked only briefly.
  db.execute("UPDATE surveys SET results_stamp = ? WHERE id = ?", {web::random_token(12), access.survey.id});
  tx.commit();
  access.answered_on = when;
  return true;
}

std::vector<StoredResponse> submitted_responses(db::Database& db, std::int64_t wave_id) {
  // One pass in the order of the responses' ids: a response's answer rows
  // come together, so no lookup of the response per answer row (a wave may
  // have 100,000 responses with a dozen answers each).
  // Rows are read one at a time, not held all at once.
  std::vector<StoredResponse> out;
  auto rows = db.prepare(
      "SELECT s.id, s.staff_group, s.submitted_on, a.question, a.instance, a.value FROM survey_responses s "
      "LEFT JOIN survey_answers a ON a.response_id = s.id "
      "WHERE s.wave_id = ? AND s.status = 'submitted' ORDER BY s.id");
  rows->bind(1, wave_id);
  while (auto r = rows->step()) {
    if (out.empty() || out.back().id != r->text(0)) out.push_back({r->text(0), r->text(1), r->text(2), {}});
    if (!r->is_null(3)) out.back().answers.emplace(AnswerKey{r->text(3), static_cast<int>(r->integer(4))}, r->text(5));
  }
  return out;
}

}  // namespace rf::survey
