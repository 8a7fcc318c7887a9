#include "survey/store.hpp"

#include <ctime>
#include <mutex>

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

std::optional<Access> find_access(db::Database& db, std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto row = db.query_one(
      "SELECT id, wave_id, email, staff_group, draft_id, answered_on FROM survey_invitations WHERE token_hash = ?",
      {web::sha256_hex(token)});
  if (!row) return std::nullopt;
  Access a;
  a.invitation_id = row->integer(0);
  a.email = row->text(2);
  a.staff_group = row->text(3);
  a.draft_id = row->opt_text(4);
  a.answered_on = row->opt_text(5);
  auto wave = find_wave(db, row->integer(1));
  if (!wave) return std::nullopt;
  a.wave = *wave;
  auto survey = find_survey(db, wave->survey_id);
  if (!survey) return std::nullopt;
  a.survey = *survey;
  return a;
}

std::vector<InvitationStatus> list_invitations(db::Database& db, std::int64_t wave_id) {
  std::vector<InvitationStatus> out;
  for (const auto& r : db.query("SELECT id, email, staff_group, draft_id, answered_on, reminded_on "
                                "FROM survey_invitations WHERE wave_id = ? AND email <> '' ORDER BY email",
                                {wave_id}))
    out.push_back({r.integer(0), r.text(1), r.text(2), !r.is_null(3), r.opt_text(4), r.opt_text(5)});
  return out;
}

std::string ensure_draft(db::Database& db, Access& access) {
  if (access.draft_id) return *access.draft_id;
  db::Transaction tx(db);
  std::string id = response_id();
  db.execute("INSERT INTO survey_responses (id, wave_id, status, staff_group, page) VALUES (?, ?, 'draft', ?, 0)",
             {id, access.wave.id, access.staff_group});
  // Only one draft per invitation even when two requests race.
  if (db.execute("UPDATE survey_invitations SET draft_id = ? WHERE id = ? AND draft_id IS NULL AND answered_on IS NULL",
                 {id, access.invitation_id}) == 0) {
    auto row = db.query_one("SELECT draft_id FROM survey_invitations WHERE id = ?", {access.invitation_id});
    db.execute("DELETE FROM survey_responses WHERE id = ?", {id});
    tx.commit();
    access.draft_id = row ? row->opt_text(0) : std::nullopt;
    return access.draft_id.value_or("");
  }
  tx.commit();
  access.draft_id = id;
  return id;
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

void save_answers(db::Database& db, std::string_view response_id, const std::vector<std::string>& questions,
                  const Answers& values, int page) {
  db::Transaction tx(db);
  std::string id(response_id);
  for (const auto& q : questions)
    db.execute("DELETE FROM survey_answers WHERE response_id = ? AND question = ?", {id, q});
  for (const auto& [key, value] : values) {
    if (value.empty()) continue;
    db.execute("INSERT INTO survey_answers (response_id, question, instance, value) VALUES (?, ?, ?, ?)",
               {id, key.first, std::int64_t(key.second), value});
  }
  db.execute("UPDATE survey_responses SET page = ? WHERE id = ? AND status = 'draft'", {std::int64_t(page), id});
  tx.commit();
}

bool submit_response(db::Database& db, const Access& access, const Answers& final_answers) {
  if (!access.draft_id) return false;
  db::Transaction tx(db);
  std::string today = today_iso();
  std::string when = access.survey.anonymous ? iso_week(today) : today;
  // Used up exactly once, also when two submits race.
  if (db.execute("UPDATE survey_invitations SET answered_on = ?, draft_id = NULL WHERE id = ? AND answered_on IS NULL",
                 {when, access.invitation_id}) == 0)
    return false;
  const std::string& id = *access.draft_id;
  db.execute("DELETE FROM survey_answers WHERE response_id = ?", {id});
  for (const auto& [key, value] : final_answers) {
    if (value.empty()) continue;
    db.execute("INSERT INTO survey_answers (response_id, question, instance, value) VALUES (?, ?, ?, ?)",
               {id, key.first, std::int64_t(key.second), value});
  }
  db.execute(
      "UPDATE survey_responses SET status = 'submitted', submitted_on = ?, respondent = ?, page = 0 WHERE id = ?",
      {when, access.survey.anonymous ? std::string() : access.email, id});
  // The results are computed anew at their next request (result_pages.cpp);
  // last in the transaction, so the survey's row is locked only briefly.
  db.execute("UPDATE surveys SET results_stamp = ? WHERE id = ?", {web::random_token(12), access.survey.id});
  tx.commit();
  return true;
}

std::vector<StoredResponse> submitted_responses(db::Database& db, std::int64_t wave_id) {
  std::vector<StoredResponse> out;
  std::map<std::string, std::size_t> index;
  for (const auto& r : db.query("SELECT id, staff_group, submitted_on FROM survey_responses "
                                "WHERE wave_id = ? AND status = 'submitted' ORDER BY id",
                                {wave_id})) {
    index[r.text(0)] = out.size();
    out.push_back({r.text(0), r.text(1), r.text(2), {}});
  }
  for (const auto& r : db.query("SELECT a.response_id, a.question, a.instance, a.value FROM survey_answers a "
                                "JOIN survey_responses s ON s.id = a.response_id "
                                "WHERE s.wave_id = ? AND s.status = 'submitted'",
                                {wave_id})) {
    auto it = index.find(r.text(0));
    if (it != index.end()) out[it->second].answers[{r.text(1), static_cast<int>(r.integer(2))}] = r.text(3);
  }
  return out;
}

}  // namespace rf::survey
