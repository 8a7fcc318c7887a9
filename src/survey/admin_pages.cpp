// The office's survey pages (role data_steward): surveys and their versions,
// uploading an XLSForm, preview, waves with invitations, reminders.
#include <spdlog/spdlog.h>

#include "web/mail.hpp"
#include "web/outbox.hpp"
#include "survey/answering.hpp"
#include "survey/module.hpp"
#include "survey/store.hpp"
#include "survey/xlsform.hpp"
#include "text/number.hpp"

namespace rf::survey {

namespace {

constexpr web::Role kRole = web::Role::data_steward;
constexpr std::size_t kMaxInvitationsPerWave = 5000;

bool valid_slug(std::string_view s) {
  if (s.empty() || s.size() > 60) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

mstch::map survey_context(db::Database& db, const SurveyInfo& s, std::string_view today) {
  mstch::array waves;
  for (const auto& w : list_waves(db, s.id)) {
    auto counts = db.query_one(
        "SELECT COUNT(*), SUM(CASE WHEN answered_on IS NOT NULL THEN 1 ELSE 0 END) FROM survey_invitations WHERE "
        "wave_id = ?",
        {w.id});
    std::string state = w.is_open(today) ? "läuft" : today < w.opens_on ? "geplant" : "beendet";
    waves.push_back(mstch::map{{"id", std::to_string(w.id)},
                               {"title", w.title},
                               {"opens", german_date(w.opens_on)},
                               {"closes", german_date(w.closes_on)},
                               {"state", state},
                               {"invited", std::to_string(counts ? counts->integer(0) : 0)},
                               {"answered", std::to_string(counts ? counts->integer(1) : 0)},
                               {"slug", s.slug}});
  }
  auto versions = db.query_one("SELECT COUNT(*) FROM survey_versions WHERE survey_id = ?", {s.id});
  return mstch::map{{"slug", s.slug},
                    {"title", s.title},
                    {"mode", std::string(s.anonymous ? "anonym" : "namentlich")},
                    {"k", std::to_string(s.min_cell)},
                    {"tab", s.kind == "tab"},
                    {"versions", std::to_string(versions ? versions->integer(0) : 0)},
                    {"waves", waves},
                    {"has_waves", !waves.empty()}};
}

http::Response list_page(const http::Request& req, Module& m, mstch::map extra = {}, int status = 200) {
  auto db = m.services.pool.acquire();
  std::string today = today_iso();
  mstch::array surveys;
  // A refused wave form shows again, filled in, under its survey.
  auto typed = [&](const char* key) {
    auto it = extra.find(key);
    return it == extra.end() ? std::string() : boost::get<std::string>(it->second);
  };
  for (const auto& s : list_surveys(*db)) {
    auto ctx = survey_context(*db, s, today);
    bool refused = typed("wave_slug") == s.slug;
    ctx["wave_open"] = refused;
    ctx["w_title"] = refused ? typed("wave_title") : std::string();
    ctx["w_opens"] = refused ? typed("wave_opens") : today;
    ctx["w_closes"] = refused ? typed("wave_closes") : std::string();
    ctx["w_invitations"] = refused ? typed("wave_invitations") : std::string();
    surveys.push_back(std::move(ctx));
  }
  extra["surveys"] = surveys;
  for (const char* kind : {"create", "version", "wave"})
    extra[std::string("has_") + kind + "_problems"] = extra.count(std::string(kind) + "_problems") > 0;
  extra["today"] = today;
  return survey_page(req, m, "Umfragen", "survey/umfragen", std::move(extra), status);
}

std::vector<UploadedSheetFile> uploaded(const http::Request& req) {
  std::vector<UploadedSheetFile> files;
  for (const auto& f : req.files)
    if (f.field == "datei" && f.size > 0) files.push_back({f.filename, f.path});
  return files;
}

mstch::array error_texts(const std::vector<FormError>& errors) {
  mstch::array out;
  for (std::size_t i = 0; i < errors.size() && i < 50; ++i) out.push_back(errors[i].describe());
  if (errors.size() > 50) out.push_back("… und " + std::to_string(errors.size() - 50) + " weitere Fehler.");
  return out;
}

http::Response create_survey_post(http::Request& req, Module& m) {
  const auto& form = req.form();
  std::string slug = form.get_or("kennung", ""), title = form.get_or("titel", "");
  bool anonymous = form.has("anonym");
  auto k = text::parse_number(form.get_or("k", "5"), text::NumberStyle::plain);
  mstch::array problems;
  if (!valid_slug(slug))
    problems.push_back(
        std::string("Die Kennung darf nur Kleinbuchstaben, Ziffern und „-“ enthalten (höchstens 60 Zeichen)."));
  if (title.empty() || title.size() > 200)
    problems.push_back(std::string("Bitte geben Sie einen Titel an (höchstens 200 Zeichen)."));
  if (!k || *k < 1 || *k > 100 || *k != std::floor(*k))
    problems.push_back(std::string("Die Mindestzahl k muss eine ganze Zahl von 1 bis 100 sein."));
  auto files = uploaded(req);
  if (files.empty())
    problems.push_back(std::string(
        "Bitte laden Sie das Formular hoch: eine XLSX-Datei oder survey.csv, choices.csv und settings.csv."));
  FormResult result;
  std::vector<Sheet> sheets;
  if (problems.empty()) {
    sheets = read_form_sheets(files, result.errors);
    if (result.errors.empty()) result = build_form(sheets, slug);
    for (const auto& t : error_texts(result.errors)) problems.push_back(t);
  }
  auto db = m.services.pool.acquire();
  if (problems.empty() && find_survey(*db, slug))
    problems.push_back(std::string("Eine Umfrage mit der Kennung „" + slug + "“ gibt es schon."));
  mstch::map typed{
      {"new_slug", slug}, {"new_title", title}, {"new_k", form.get_or("k", "5")}, {"new_anonymous", anonymous}};
  if (!problems.empty()) {
    typed["create_problems"] = problems;
    return list_page(req, m, std::move(typed), 422);
  }
  db::Transaction tx(*db);
  auto id = create_survey(*db, slug, title, "general", anonymous, static_cast<int>(*k));
  add_version(*db, id, sheets, result.form->version);
  tx.commit();
  return http::Response::redirect("/umfragen?angelegt=" + http::url_encode(slug));
}

http::Response new_version_post(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto survey = find_survey(*db, req.param("slug"));
  if (!survey) return message_page(req, m, "Nicht gefunden", "Diese Umfrage gibt es nicht.", 404);
  auto files = uploaded(req);
  mstch::array problems;
  FormResult result;
  std::vector<Sheet> sheets;
  if (files.empty())
    problems.push_back(std::string("Bitte laden Sie das Formular hoch."));
  else
    sheets = read_form_sheets(files, result.errors);
  if (!files.empty() && result.errors.empty()) result = build_form(sheets, survey->slug);
  for (const auto& t : error_texts(result.errors)) problems.push_back(t);
  if (!problems.empty())
    return list_page(req, m, mstch::map{{"version_problems", problems}, {"version_slug", survey->slug}}, 422);
  // A stored version never changes: running waves keep theirs; the new
  // version is used by the next wave.
  add_version(*db, survey->id, sheets, result.form->version);
  return http::Response::redirect("/umfragen?neue-version=" + http::url_encode(survey->slug));
}

http::Response preview_page(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto survey = find_survey(*db, req.param("slug"));
  if (!survey) return message_page(req, m, "Nicht gefunden", "Diese Umfrage gibt es nicht.", 404);
  auto version = latest_version(*db, survey->id);
  if (!version)
    return message_page(req, m, "Kein Formular", "Für diese Umfrage ist noch kein Formular hochgeladen.", 404);
  auto form = version_form(*db, *version);
  RenderOptions options;
  options.disabled = true;
  mstch::array pages;
  for (std::size_t p = 0; p < form->pages.size(); ++p)
    pages.push_back(mstch::map{{"number", std::to_string(p + 1)},
                               {"title", form->pages[p].title.empty() ? form->title : form->pages[p].title},
                               {"fields", render_fields(*form, static_cast<int>(p), {}, {}, options)}});
  return survey_page(req, m, "Vorschau: " + survey->title, "survey/vorschau",
                     mstch::map{{"title", survey->title},
                                {"version", form->version},
                                {"pages", pages},
                                {"page_count", std::to_string(form->pages.size())}});
}

struct Invitee {
  std::string email;
  std::string group;
};

// "a@b.de" or "a@b.de; lehrkraft" per line.
std::vector<Invitee> parse_invitees(std::string_view text, mstch::array& problems) {
  std::vector<Invitee> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string line(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    auto sep = line.find_first_of(";,");
    std::string email = line.substr(0, sep), group = sep == std::string::npos ? "" : line.substr(sep + 1);
    auto strip = [](std::string& s) {
      while (!s.empty() && s.front() == ' ') s.erase(0, 1);
      while (!s.empty() && s.back() == ' ') s.pop_back();
    };
    strip(email);
    strip(group);
    if (web::mail_address(email) != email)
      problems.push_back("Zeile " + std::to_string(line_no) + ": „" + email.substr(0, 80) +
                         "“ ist keine E-Mail-Adresse.");
    else
      out.push_back({email, group});
    if (out.size() > kMaxInvitationsPerWave) {
      problems.push_back("Höchstens " + std::to_string(kMaxInvitationsPerWave) + " Einladungen je Welle.");
      break;
    }
  }
  return out;
}

http::Response create_wave_post(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto survey = find_survey(*db, req.param("slug"));
  if (!survey) return message_page(req, m, "Nicht gefunden", "Diese Umfrage gibt es nicht.", 404);
  const auto& form = req.form();
  std::string title = form.get_or("titel", ""), opens = form.get_or("beginn", ""), closes = form.get_or("ende", "");
  mstch::array problems;
  auto o = text::parse_iso_date(opens), c = text::parse_iso_date(closes);
  if (!o) o = text::parse_german_date(opens);
  if (!c) c = text::parse_german_date(closes);
  if (title.empty() || title.size() > 200)
    problems.push_back(std::string("Bitte geben Sie der Welle einen Titel (höchstens 200 Zeichen)."));
  if (!o || !c)
    problems.push_back(std::string("Bitte geben Sie Beginn und Ende als Datum an, z. B. 01.02.2026."));
  else if (*c < *o)
    problems.push_back(std::string("Das Ende liegt vor dem Beginn."));
  auto invitees = parse_invitees(form.get_or("einladungen", ""), problems);
  auto version = latest_version(*db, survey->id);
  if (!version) problems.push_back(std::string("Für diese Umfrage ist noch kein Formular hochgeladen."));
  if (!problems.empty())
    return list_page(req, m,
                     mstch::map{{"wave_problems", problems},
                                {"wave_slug", survey->slug},
                                {"wave_title", title},
                                {"wave_opens", opens},
                                {"wave_closes", closes},
                                {"wave_invitations", form.get_or("einladungen", "")}},
                     422);
  NewWave wave;
  wave.survey_id = survey->id;
  wave.version_id = *version;
  wave.title = title;
  wave.opens_on = text::format_iso_date(*o);
  wave.closes_on = text::format_iso_date(*c);
  wave.open_link = form.has("offener_link");
  wave.created_by = web::current_user_id(req);
  std::vector<std::pair<Invitee, std::string>> tokens;
  std::int64_t wave_id = 0;
  std::string open_token;
  int failed = 0;
  {
    db::Transaction tx(*db);
    std::tie(wave_id, open_token) = create_wave(*db, wave);
    for (const auto& inv : invitees) {
      tokens.emplace_back(inv, invite(*db, wave_id, inv.email, inv.group));
      try {
        enqueue_invitation(*db, inv.email, survey->title,
                           absolute_link(m.services.settings, "/befragung/" + tokens.back().second),
                           german_date(wave.closes_on));
      } catch (const web::MailError& e) {
        ++failed;
        spdlog::error("survey: invitation mail refused: {}", e.what());
      }
    }
    tx.commit();
  }
  mstch::map ctx{{"title", survey->title},
                 {"wave_title", title},
                 {"invited", std::to_string(tokens.size())},
                 {"failed", failed > 0},
                 {"failed_count", std::to_string(failed)},
                 {"slug", survey->slug},
                 {"wave_id", std::to_string(wave_id)}};
  if (!open_token.empty()) ctx["open_link"] = absolute_link(m.services.settings, "/befragung/offen/" + open_token);
  return survey_page(req, m, "Welle angelegt", "survey/welle_angelegt", std::move(ctx));
}

// The survey and wave named in the path, when the wave belongs to the survey.
std::optional<std::pair<SurveyInfo, WaveInfo>> survey_wave(db::Database& db, const http::Request& req) {
  auto survey = find_survey(db, req.param("slug"));
  auto id = text::parse_number(req.param("id"), text::NumberStyle::plain);
  auto wave = id ? find_wave(db, static_cast<std::int64_t>(*id)) : std::nullopt;
  if (!survey || !wave || wave->survey_id != survey->id) return std::nullopt;
  return std::pair{*survey, *wave};
}

http::Response wave_page(http::Request& req, Module& m, mstch::map extra = {}) {
  auto db = m.services.pool.acquire();
  auto found = survey_wave(*db, req);
  if (!found) return message_page(req, m, "Nicht gefunden", "Diese Welle gibt es nicht.", 404);
  auto survey = &found->first;
  auto wave = &found->second;
  mstch::array rows;
  int answered = 0, open = 0;
  for (const auto& inv : list_invitations(*db, wave->id)) {
    inv.answered_on ? ++answered : ++open;
    rows.push_back(mstch::map{{"email", inv.email},
                              {"group", inv.staff_group},
                              {"state", std::string(inv.answered_on ? "beantwortet"
                                                    : inv.started   ? "begonnen"
                                                                    : "offen")},
                              {"reminded", inv.reminded_on ? german_date(*inv.reminded_on) : std::string()}});
  }
  extra["title"] = survey->title;
  extra["slug"] = survey->slug;
  extra["wave_id"] = std::to_string(wave->id);
  extra["wave_title"] = wave->title;
  extra["opens"] = german_date(wave->opens_on);
  extra["closes"] = german_date(wave->closes_on);
  extra["rows"] = rows;
  extra["answered"] = std::to_string(answered);
  extra["open"] = std::to_string(open);
  extra["can_remind"] = open > 0 && wave->is_open(today_iso());
  return survey_page(req, m, wave->title, "survey/welle", std::move(extra));
}

// Reminders: a fresh single-use link for each invitation without an answer
// (the old token is replaced, since only its hash is stored); at most one a day.
http::Response remind_post(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto found = survey_wave(*db, req);
  if (!found) return message_page(req, m, "Nicht gefunden", "Diese Welle gibt es nicht.", 404);
  auto survey = &found->first;
  auto wave = &found->second;
  std::string today = today_iso();
  int sent = 0, failed = 0;
  db::Transaction tx(*db);  // each new token is stored with its mail or not at all
  for (const auto& inv : list_invitations(*db, wave->id)) {
    if (inv.answered_on || inv.reminded_on == today) continue;
    std::string token = web::random_token();
    if (db->execute(
            "UPDATE survey_invitations SET token_hash = ?, reminded_on = ? WHERE id = ? AND answered_on IS NULL",
            {web::sha256_hex(token), today, inv.id}) == 0)
      continue;
    try {
      enqueue_invitation(*db, inv.email, "Erinnerung: " + survey->title,
                         absolute_link(m.services.settings, "/befragung/" + token), german_date(wave->closes_on),
                         "survey.reminder");
      ++sent;
    } catch (const web::MailError& e) {
      ++failed;
      spdlog::error("survey: reminder mail refused: {}", e.what());
    }
  }
  tx.commit();
  mstch::map extra{{"notice", "Erinnerungen versandt: " + std::to_string(sent) +
                                  (failed ? ", fehlgeschlagen: " + std::to_string(failed) : std::string())}};
  return wave_page(req, m, std::move(extra));
}

}  // namespace

void register_admin_pages(http::Router& router, const ModulePtr& m) {
  auto guarded = [m](auto handler) {
    return [m, handler](http::Request& req) -> http::Response {
      if (auto denied = web::require_role(req, kRole)) return *denied;
      return handler(req, *m);
    };
  };
  router.get("/umfragen", guarded([](http::Request& req, Module& m) {
               mstch::map extra;
               if (auto s = req.query.get("angelegt")) extra["notice"] = "Die Umfrage „" + *s + "“ ist angelegt.";
               if (auto s = req.query.get("neue-version"))
                 extra["notice"] = "Neue Formularversion für „" + *s + "“ gespeichert; sie gilt ab der nächsten Welle.";
               return list_page(req, m, std::move(extra));
             }));
  router.post("/umfragen/neu", guarded(create_survey_post));
  router.post("/umfragen/{slug}/version", guarded(new_version_post));
  router.get("/umfragen/{slug}/vorschau", guarded(preview_page));
  router.post("/umfragen/{slug}/wellen", guarded(create_wave_post));
  router.get("/umfragen/{slug}/wellen/{id}", guarded([](http::Request& req, Module& m) { return wave_page(req, m); }));
  router.post("/umfragen/{slug}/wellen/{id}/erinnern", guarded(remind_post));
}

}  // namespace rf::survey
