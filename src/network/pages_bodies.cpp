// Bodies and meetings: the public page per body (only what is marked public),
// meetings with agenda, documents and minutes, invitations and minutes by
// mail, iCalendar per meeting and per person, the decision search.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "network/clock.hpp"
#include "network/documents.hpp"
#include "network/module.hpp"
#include "text/markdown.hpp"
#include "text/number.hpp"

namespace rf::network {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxDocumentBytes = 20 * 1024 * 1024;

// Members and the office see everything of a body; everybody else only what is public.
bool insider(db::Database& db, const Viewer& v, std::int64_t body_id) {
  if (v.office()) return true;
  return v.user && is_member(db, body_id, v.user->id, today_iso(now_seconds()));
}

mstch::map decision_view(const Decision& d) {
  return mstch::map{{"reference", d.reference()},
                    {"title", d.title},
                    {"text", d.text},
                    {"outcome", std::string(decision_outcome_label(d.outcome))},
                    {"reasons", d.reasons},
                    {"published", d.is_public && d.publish_at <= now_seconds()}};
}

mstch::map meeting_summary(const Meeting& m) {
  return mstch::map{{"id", std::to_string(m.id)},
                    {"title", m.title},
                    {"when", format_datetime(m.starts_at)},
                    {"place", m.place},
                    {"is_public", m.is_public}};
}

http::Response body_page(http::Request& req, Module& mod) {
  auto db = mod.services.pool.acquire();
  auto body = find_body(*db, req.param("slug"));
  if (!body) return not_found(req, mod);
  auto viewer = viewer_of(req, *db);
  bool inside = insider(*db, viewer, body->id);
  auto today = today_iso(now_seconds());
  mstch::array members;
  for (const auto& m : body_members(*db, body->id, today)) {
    // Visitors see which organisations sit in the body; names only insiders.
    members.push_back(
        mstch::map{{"name", inside ? m.person_name : std::string()},
                   {"organisation", m.organisation_name},
                   {"role", std::string(membership_role_label(m.role))},
                   {"term", m.term_end.empty() ? std::string() : "bis " + format_iso_date_de(m.term_end)}});
  }
  mstch::array upcoming, past;
  auto now = now_seconds();
  for (const auto& m : body_meetings(*db, body->id)) {
    if (!m.is_public && !inside) continue;
    (m.starts_at >= now ? upcoming : past).push_back(meeting_summary(m));
  }
  std::reverse(upcoming.begin(), upcoming.end());
  mstch::array decisions;
  for (const auto& d : search_decisions(*db, "", body->id, inside ? std::nullopt : std::optional(now), 50)) {
    decisions.push_back(decision_view(d));
  }
  return page(req, mod, body->name, "network/gremium",
              mstch::map{{"slug", body->slug},
                         {"name", body->name},
                         {"code", body->code},
                         {"level", std::string(body_level_label(body->level))},
                         {"description", body->description},
                         {"members", members},
                         {"insider", inside},
                         {"upcoming", upcoming},
                         {"past", past},
                         {"has_upcoming", !upcoming.empty()},
                         {"has_past", !past.empty()},
                         {"decisions", decisions},
                         {"has_decisions", !decisions.empty()},
                         {"created", req.query.has("gespeichert")}});
}

// ---- New meeting (office) ----

http::Response meeting_form(http::Request& req, Module& mod, const Body& body, const http::Params& typed,
                            const std::vector<std::string>& errors, int status) {
  return page(req, mod, "Neue Sitzung", "network/sitzung_neu",
              mstch::map{{"slug", body.slug},
                         {"body", body.name},
                         {"title", typed.get_or("titel", "")},
                         {"starts", typed.get_or("beginn", "")},
                         {"minutes", typed.get_or("dauer", "120")},
                         {"place", typed.get_or("ort", "")},
                         {"video", typed.get_or("video", "")},
                         {"agenda", typed.get_or("tagesordnung", "")},
                         {"public_checked", typed.has("oeffentlich")},
                         {"errors", string_array(errors)},
                         {"has_errors", !errors.empty()}},
              status);
}

http::Response meeting_new_get(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  auto db = mod.services.pool.acquire();
  auto body = find_body(*db, req.param("slug"));
  if (!body) return not_found(req, mod);
  return meeting_form(req, mod, *body, {}, {}, 200);
}

http::Response meeting_new_post(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  const auto& form = req.form();
  std::vector<std::string> errors;
  std::vector<Notice> notices;
  std::optional<Body> body;
  std::int64_t id = 0;
  {
    auto db = mod.services.pool.acquire();
    body = find_body(*db, req.param("slug"));
    if (!body) return not_found(req, mod);
    Meeting m;
    m.body_id = body->id;
    m.title = form.get_or("titel", "");
    m.place = form.get_or("ort", "");
    m.video_url = form.get_or("video", "");
    m.is_public = form.has("oeffentlich");
    auto starts_text = form.get_or("beginn", "");
    auto starts = parse_datetime(starts_text);
    auto minutes = text::parse_number(form.get_or("dauer", ""), text::NumberStyle::plain);
    if (m.title.find_first_not_of(' ') == std::string::npos)
      errors.push_back("Bitte geben Sie der Sitzung einen Titel.");
    if (!starts) {
      errors.push_back("Der Beginn „" + starts_text + "“ ist kein Zeitpunkt (Datum und Uhrzeit).");
    } else if (*starts < now_seconds()) {
      errors.push_back("Der Beginn " + format_datetime(*starts) + " liegt in der Vergangenheit.");
    }
    if (!minutes || *minutes < 15 || *minutes > 24 * 60)
      errors.push_back("Die Dauer muss zwischen 15 und 1.440 Minuten liegen.");
    if (m.place.empty() && m.video_url.empty()) errors.push_back("Bitte geben Sie einen Ort oder einen Videolink an.");
    if (!m.video_url.empty() && !m.video_url.starts_with("https://")) {
      errors.push_back("Der Videolink muss mit https:// beginnen (eingegeben: „" + m.video_url + "“).");
    }
    std::vector<AgendaItem> agenda;
    std::istringstream lines(form.get_or("tagesordnung", ""));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(' ') == std::string::npos) continue;
      AgendaItem item;
      item.is_public = !line.starts_with("[intern]");
      item.title = item.is_public ? line : line.substr(8);
      agenda.push_back(item);
    }
    if (agenda.size() > 100) errors.push_back("Höchstens 100 Tagesordnungspunkte.");
    if (errors.empty()) {
      m.starts_at = *starts;
      m.ends_at = *starts + static_cast<std::int64_t>(*minutes) * 60;
      db::Transaction tx(*db);
      id = add_meeting(*db, m, agenda);
      web::audit(*db, web::current_user(req)->id, "meeting.create", "meeting", std::to_string(id), "{}",
                 req.remote_address);
      bump_network_version(*db);
      // Invitations to every current member, with the calendar entry's address.
      std::string agenda_text;
      for (std::size_t i = 0; i < agenda.size(); ++i)
        agenda_text += std::to_string(i + 1) + ". " + agenda[i].title + "\n";
      for (const auto& member : body_members(*db, body->id, today_iso(now_seconds()))) {
        if (member.email.empty()) continue;
        notices.push_back({member.email, "Einladung: " + body->name + " am " + format_datetime(m.starts_at),
                           "Guten Tag " + member.person_name + ",\n\nhiermit laden wir Sie zur Sitzung „" + m.title +
                               "“ des Gremiums " + body->name + " ein.\n\nZeit: " + format_datetime(m.starts_at) +
                               "\nOrt: " + m.place + (m.video_url.empty() ? "" : "\nVideo: " + m.video_url) +
                               "\n\nTagesordnung:\n" + agenda_text + "\nUnterlagen: " + mod.base_url() +
                               "/netzwerk/sitzungen/" + std::to_string(id) + "\nKalendereintrag: " + mod.base_url() +
                               "/netzwerk/sitzungen/" + std::to_string(id) + "/kalender.ics\n",
                           "network.invitation", 0});
      }
      enqueue_notices(*db, notices);
      tx.commit();
    }
  }
  if (!errors.empty()) return meeting_form(req, mod, *body, form, errors, 422);
  return http::Response::redirect("/netzwerk/sitzungen/" + std::to_string(id) + "?gespeichert=1");
}

// ---- Meeting page ----

struct MeetingAccess {
  std::optional<Meeting> meeting;
  std::optional<Body> body;
  bool inside = false;
  bool visible = false;
};

MeetingAccess meeting_access(db::Database& db, const Viewer& viewer, std::optional<std::int64_t> id) {
  MeetingAccess a;
  if (!id) return a;
  a.meeting = find_meeting(db, *id);
  if (!a.meeting) return a;
  a.body = find_body(db, a.meeting->body_id);
  a.inside = insider(db, viewer, a.meeting->body_id);
  a.visible = a.inside || a.meeting->is_public;
  return a;
}

http::Response meeting_page(http::Request& req, Module& mod, const std::vector<std::string>& errors,
                            std::string_view form, int status) {
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  auto a = meeting_access(*db, viewer, id_param(req, "id"));
  if (!a.meeting) return not_found(req, mod);
  if (!a.visible) return denied(req);
  const auto& m = *a.meeting;
  mstch::array agenda;
  for (const auto& item : meeting_agenda(*db, m.id)) {
    if (!item.is_public && !a.inside) continue;
    agenda.push_back(mstch::map{{"title", item.title}, {"internal", !item.is_public}});
  }
  mstch::array documents;
  for (const auto& d : meeting_documents(*db, m.id)) {
    if (!d.is_public && !a.inside) continue;
    documents.push_back(mstch::map{
        {"id", std::to_string(d.id)}, {"title", d.title}, {"filename", d.filename}, {"internal", !d.is_public}});
  }
  mstch::array decisions;
  for (const auto& d :
       search_decisions(*db, "", m.body_id, a.inside ? std::nullopt : std::optional(now_seconds()), 500)) {
    if (d.meeting_id == m.id) decisions.push_back(decision_view(d));
  }
  bool show_minutes = !m.minutes.empty() && (a.inside || m.minutes_public);
  return page(req, mod, m.title, "network/sitzung",
              mstch::map{{"id", std::to_string(m.id)},
                         {"title", m.title},
                         {"body", a.body->name},
                         {"body_slug", a.body->slug},
                         {"when", format_datetime(m.starts_at)},
                         {"until", format_datetime(m.ends_at)},
                         {"place", m.place},
                         {"video", a.inside ? m.video_url : std::string()},
                         {"agenda", agenda},
                         {"documents", documents},
                         {"has_documents", !documents.empty()},
                         {"decisions", decisions},
                         {"has_decisions", !decisions.empty()},
                         {"minutes_html", show_minutes ? text::markdown_to_html(m.minutes) : std::string()},
                         {"minutes_text", m.minutes},
                         {"minutes_public", m.minutes_public},
                         {"doc_errors", form == "document" ? string_array(errors) : mstch::array{}},
                         {"doc_has_errors", form == "document" && !errors.empty()},
                         {"min_errors", form == "minutes" ? string_array(errors) : mstch::array{}},
                         {"min_has_errors", form == "minutes" && !errors.empty()},
                         {"typed_title", form == "document" ? req.form().get_or("titel", "") : std::string()},
                         {"saved", req.query.has("gespeichert")}},
              status);
}

http::Response meeting_get(http::Request& req, Module& mod) { return meeting_page(req, mod, {}, "", 200); }

http::Response meeting_ics(http::Request& req, Module& mod) {
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  auto a = meeting_access(*db, viewer, id_param(req, "id"));
  if (!a.meeting) return not_found(req, mod);
  if (!a.visible) return denied(req);
  if (!a.inside) a.meeting->video_url.clear();
  auto res = http::Response::text(calendar({{*a.meeting, a.body->name}}, mod.base_url(), a.body->name));
  res.set_header("Content-Type", "text/calendar; charset=utf-8");
  res.attachment("sitzung-" + std::to_string(a.meeting->id) + ".ics");
  return res;
}

// The feed of a person: every meeting of every body they belong to. Calendar
// programs cannot log in, so the address holds a secret token instead.
http::Response person_feed(http::Request& req, Module& mod) {
  auto token = req.param("token");
  if (token.ends_with(".ics")) token.resize(token.size() - 4);
  auto db = mod.services.pool.acquire();
  auto person = person_by_calendar_token(*db, token);
  if (!person) return not_found(req, mod);
  std::map<std::int64_t, std::string> body_names;
  for (const auto& b : list_bodies(*db)) body_names[b.id] = b.name;
  std::vector<CalendarEntry> entries;
  for (const auto& m : person_meetings(*db, person->id)) entries.push_back({m, body_names[m.body_id]});
  auto res = http::Response::text(calendar(entries, mod.base_url(), "RuhrFutur – Sitzungen von " + person->name));
  res.set_header("Content-Type", "text/calendar; charset=utf-8");
  res.set_header("Cache-Control", "private, max-age=300");
  return res;
}

http::Response document_post(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  auto id = id_param(req, "id");
  std::vector<std::string> errors;
  {
    auto db = mod.services.pool.acquire();
    auto meeting = id ? find_meeting(*db, *id) : std::nullopt;
    if (!meeting) return not_found(req, mod);
    const http::UploadedFile* file = nullptr;
    for (const auto& f : req.files) {
      if (f.field == "datei" && f.size > 0) file = &f;
    }
    auto title = req.form().get_or("titel", "");
    if (title.find_first_not_of(' ') == std::string::npos)
      errors.push_back("Bitte geben Sie dem Dokument einen Titel.");
    std::optional<DocumentType> type;
    if (!file) {
      errors.push_back("Bitte wählen Sie eine Datei.");
    } else if (file->size > kMaxDocumentBytes) {
      errors.push_back("Die Datei „" + file->filename + "“ ist zu groß (höchstens 20 MB).");
    } else {
      std::string problem;
      type = detect_document(file->path, problem);
      if (!type) errors.push_back("„" + file->filename + "“: " + problem);
    }
    if (errors.empty()) {
      std::ifstream in(file->path, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      auto sha = web::sha256_hex(bytes.str());
      auto dir = mod.services.settings.var_dir / "network";
      fs::create_directories(dir);
      auto target = dir / (sha + "." + type->extension);
      std::error_code ec;
      fs::rename(file->path, target, ec);
      if (ec) fs::copy_file(file->path, target, fs::copy_options::overwrite_existing);
      Document d;
      d.meeting_id = meeting->id;
      d.title = title;
      d.filename = file->filename;
      d.media_type = type->media_type;
      d.sha256 = sha + "." + type->extension;
      d.size = static_cast<std::int64_t>(file->size);
      d.is_public = req.form().has("oeffentlich");
      db::Transaction tx(*db);
      auto doc = add_document(*db, d, web::current_user(req)->id);
      web::audit(*db, web::current_user(req)->id, "document.upload", "document", std::to_string(doc), "{}",
                 req.remote_address);
      bump_network_version(*db);
      tx.commit();
    }
  }
  if (!errors.empty()) return meeting_page(req, mod, errors, "document", 422);
  return http::Response::redirect("/netzwerk/sitzungen/" + std::to_string(*id) + "?gespeichert=1#unterlagen");
}

http::Response document_get(http::Request& req, Module& mod) {
  auto id = id_param(req, "id");
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  auto d = id ? find_document(*db, *id) : std::nullopt;
  if (!d) return not_found(req, mod);
  auto a = meeting_access(*db, viewer, d->meeting_id);
  if (!(a.inside || (a.visible && d->is_public))) return denied(req);
  auto path = mod.services.settings.var_dir / "network" / d->sha256;
  if (!fs::exists(path)) return not_found(req, mod);
  auto res = http::Response::file(path.string(), d->media_type);
  res.attachment(d->filename);
  return res;
}

http::Response minutes_post(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  auto id = id_param(req, "id");
  std::vector<Notice> notices;
  std::vector<std::string> errors;
  {
    auto db = mod.services.pool.acquire();
    auto meeting = id ? find_meeting(*db, *id) : std::nullopt;
    if (!meeting) return not_found(req, mod);
    auto minutes = req.form().get_or("protokoll", "");
    if (minutes.size() > 200000) errors.push_back("Das Protokoll ist zu lang (höchstens 200.000 Zeichen).");
    if (minutes.find_first_not_of(" \r\n") == std::string::npos) errors.push_back("Das Protokoll ist leer.");
    if (errors.empty()) {
      auto body = find_body(*db, meeting->body_id);
      db::Transaction tx(*db);
      save_minutes(*db, meeting->id, minutes, req.form().has("oeffentlich"));
      web::audit(*db, web::current_user(req)->id, "meeting.minutes", "meeting", std::to_string(meeting->id), "{}",
                 req.remote_address);
      bump_network_version(*db);
      if (req.form().has("versenden")) {
        for (const auto& member : body_members(*db, meeting->body_id, today_iso(now_seconds()))) {
          if (member.email.empty()) continue;
          notices.push_back({member.email, "Protokoll: " + body->name + " vom " + format_date(meeting->starts_at),
                             "Guten Tag " + member.person_name + ",\n\nanbei das Protokoll der Sitzung „" +
                                 meeting->title + "“.\n\n" + minutes + "\n\n" + mod.base_url() +
                                 "/netzwerk/sitzungen/" + std::to_string(meeting->id) + "\n",
                             "network.minutes", 0});
        }
      }
      enqueue_notices(*db, notices);
      tx.commit();
    }
  }
  if (!errors.empty()) return meeting_page(req, mod, errors, "minutes", 422);
  return http::Response::redirect("/netzwerk/sitzungen/" + std::to_string(*id) + "?gespeichert=1#protokoll");
}

http::Response decision_search(http::Request& req, Module& mod) {
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  auto q = req.query.get_or("q", "");
  if (q.size() > 200) q.resize(200);
  // Insiders of any body (and the office) search everything; visitors the published decisions.
  bool all = viewer.office() || viewer.has("board_member");
  mstch::array rows;
  for (const auto& d : search_decisions(*db, q, std::nullopt, all ? std::nullopt : std::optional(now_seconds()), 100)) {
    rows.push_back(decision_view(d));
  }
  return page(
      req, mod, "Beschlüsse", "network/beschluesse",
      mstch::map{
          {"q", q}, {"decisions", rows}, {"has_decisions", !rows.empty()}, {"count", std::to_string(rows.size())}});
}

}  // namespace

void register_body_pages(http::Router& router, const ModulePtr& module) {
  router.get("/netzwerk/gremien/{slug}", route_to(module, body_page));
  router.get("/netzwerk/gremien/{slug}/sitzungen/neu", route_to(module, meeting_new_get));
  router.post("/netzwerk/gremien/{slug}/sitzungen", route_to(module, meeting_new_post));
  router.get("/netzwerk/sitzungen/{id}", route_to(module, meeting_get));
  router.get("/netzwerk/sitzungen/{id}/kalender.ics", route_to(module, meeting_ics));
  http::RouteOptions upload;
  upload.max_body_bytes = kMaxDocumentBytes + 64 * 1024;  // the file plus the form fields
  router.post("/netzwerk/sitzungen/{id}/dokumente", route_to(module, document_post), upload);
  router.post("/netzwerk/sitzungen/{id}/protokoll", route_to(module, minutes_post));
  router.get("/netzwerk/dokumente/{id}", route_to(module, document_get));
  router.get("/netzwerk/kalender/{token}", route_to(module, person_feed));
  router.get("/netzwerk/beschluesse", route_to(module, decision_search));
}

}  // namespace rf::network
