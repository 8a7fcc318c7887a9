// Newsletter issues: /redaktion/newsletter/ausgaben (editors write, preview,
// test, schedule and send) and the public archive /newsletter/archiv.
#include "web/dates.hpp"
#include "portal/editor.hpp"
#include "portal/newsletter.hpp"
#include "portal/newsletter_issues.hpp"
#include "portal/views.hpp"
#include "text/number.hpp"
#include "web/outbox.hpp"

namespace rf::portal {
namespace {

constexpr std::size_t kMaxSubject = 200;
constexpr std::size_t kMaxBody = 100'000;
constexpr int kPickable = 15;  // newest news and publications offered for picking
const std::string kListUrl = "/redaktion/newsletter/ausgaben";

std::string issue_url(std::int64_t id) { return kListUrl + "/" + std::to_string(id); }

std::string count_de(std::int64_t n) { return text::format_number(static_cast<double>(n), 0); }

std::string status_text(const Issue& issue) {
  if (issue.status == "sent") return "Versendet am " + web::format_datetime_de(issue.send_at.value_or(0));
  if (issue.status == "scheduled") return "Geplant für " + web::format_datetime_de(issue.send_at.value_or(0));
  return "Entwurf";
}

mstch::map stats_view(const IssueStats& s) {
  return mstch::map{{"sent", count_de(s.sent)},
                    {"failed", count_de(s.failed)},
                    {"pending", count_de(s.pending)},
                    {"unsubscribed", count_de(s.unsubscribed_since)}};
}

// Checkboxes for the newest news and publications, the picked ones ticked (picked first, in order).
mstch::array pick_options(db::Database& db, const std::vector<std::int64_t>& picked) {
  ContentStore store(db);
  const auto now = now_seconds();
  std::vector<Item> offered;
  for (auto id : picked) {
    if (auto item = store.get(id)) offered.push_back(*item);
  }
  for (const char* kind : {"news", "publication"}) {
    for (auto& item : visible_items(store, kind, now, kPickable)) {
      bool seen = std::any_of(offered.begin(), offered.end(), [&](const Item& o) { return o.id == item.id; });
      if (!seen) offered.push_back(std::move(item));
    }
  }
  mstch::array out;
  for (const auto& item : offered) {
    bool is_picked = std::find(picked.begin(), picked.end(), item.id) != picked.end();
    out.push_back(mstch::map{{"id", std::to_string(item.id)},
                             {"title", item.title},
                             {"kind", std::string(item.kind == "news" ? "Meldung" : "Publikation")},
                             {"date", item.item_date ? web::format_date_de(*item.item_date) : std::string()},
                             {"checked", is_picked}});
  }
  return out;
}

struct FormResult {
  Issue issue;
  std::vector<std::pair<std::string, std::string>> errors;  // field id, message
};

FormResult read_issue_form(const http::Request& req, Issue issue) {
  const auto& form = req.form();
  FormResult r;
  issue.subject = form.get_or("subject", "");
  while (!issue.subject.empty() && issue.subject.back() == ' ') issue.subject.pop_back();
  issue.body = form.get_or("body", "");
  issue.picked.clear();
  for (const auto& v : form.all("pick")) {
    if (auto id = parse_id(v)) issue.picked.push_back(*id);
  }
  if (issue.subject.empty()) {
    r.errors.emplace_back("ausgabe-betreff", "Bitte geben Sie einen Betreff an.");
  } else if (issue.subject.size() > kMaxSubject || issue.subject.find_first_of("\r\n") != std::string::npos) {
    r.errors.emplace_back("ausgabe-betreff", "Der Betreff darf höchstens 200 Zeichen lang und nur eine Zeile sein.");
  }
  if (issue.body.size() > kMaxBody) {
    r.errors.emplace_back("ausgabe-text", "Der Text ist zu lang (höchstens 100.000 Zeichen).");
  } else if (issue.body.find_first_not_of(" \r\n\t") == std::string::npos && issue.picked.empty()) {
    r.errors.emplace_back("ausgabe-text", "Bitte schreiben Sie einen Text oder wählen Sie Beiträge aus.");
  }
  r.issue = std::move(issue);
  return r;
}

const char* notice_for(std::string_view key) {
  if (key == "gespeichert") return "Die Ausgabe ist gespeichert.";
  if (key == "test") return "Der Testversand an Ihre Adresse ist unterwegs.";
  if (key == "geplant") return "Die Ausgabe ist geplant.";
  if (key == "entplant") return "Die Planung ist aufgehoben; die Ausgabe ist wieder ein Entwurf.";
  if (key == "gesendet") return "Die Ausgabe ist an alle bestätigten Abonnements in den Postausgang gestellt.";
  return nullptr;
}

http::Response issue_page(http::Request& req, Site& site, db::Database& db, const Issue& issue,
                          const std::vector<std::pair<std::string, std::string>>& errors = {},
                          std::string schedule_error = {}, int status = 200) {
  const bool is_new = issue.id == 0;
  const bool sent = issue.status == "sent";
  mstch::array error_items;
  mstch::map context{{"is_new", is_new},
                     {"sent", sent},
                     {"scheduled", issue.status == "scheduled"},
                     {"editable", !sent},
                     {"subject", issue.subject},
                     {"body", issue.body},
                     {"picks", pick_options(db, issue.picked)},
                     {"status_text", status_text(issue)},
                     {"action_url", is_new ? kListUrl + "/neu" : issue_url(issue.id)},
                     {"list_url", kListUrl},
                     {"schedule_value", web::datetime_local(issue.send_at.value_or(now_seconds() + 3600))},
                     {"subscribers", count_de(confirmed_subscriber_count(db))}};
  for (const auto& [id, message] : errors) {
    error_items.push_back(mstch::map{{"id", id}, {"message", message}});
    context[id == "ausgabe-betreff" ? "subject_error" : "body_error"] = message;
  }
  context["errors"] = error_items;
  context["has_errors"] = !errors.empty();
  if (!schedule_error.empty()) context["schedule_error"] = schedule_error;
  if (!is_new) {
    auto mail = render_issue_mail(db, issue, site.config().base_url);
    const std::map<std::string, std::string> sample{{"unsubscribe_url", absolute_url(site.config(), "/newsletter")}};
    context["id"] = std::to_string(issue.id);
    context["preview_text"] = web::fill_placeholders(mail.text, sample, false);
    context["preview_html_url"] = issue_url(issue.id) + "/vorschau.html";
    context["archive_url"] = "/newsletter/archiv/" + std::to_string(issue.id);
    context["stats"] = stats_view(issue_stats(db, issue));
    context["recipients"] = count_de(issue.recipients);
  }
  if (auto notice = notice_for(req.query.get_or("hinweis", ""))) context["notice"] = std::string(notice);
  std::string title = is_new ? "Neue Newsletter-Ausgabe" : "Newsletter: " + issue.subject;
  return editor_page(req, site, title, "redaktion/ausgabe", std::move(context), status);
}

std::optional<Issue> issue_from_path(const http::Request& req, db::Database& db) {
  auto id = parse_id(req.param("id"));
  if (!id) return std::nullopt;
  return find_issue(db, *id);
}

http::Response not_found() { return http::Response::error(404, "Diese Ausgabe gibt es nicht."); }

}  // namespace

void register_newsletter_issue_pages(http::Router& router, const SitePtr& site) {
  router.get(kListUrl, [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    mstch::array rows;
    for (const auto& issue : list_issues(*db, false)) {
      mstch::map row{{"subject", issue.subject},
                     {"url", issue_url(issue.id)},
                     {"status", status_text(issue)},
                     {"sent", issue.status == "sent"},
                     {"recipients", count_de(issue.recipients)}};
      row["stats"] = stats_view(issue_stats(*db, issue));
      rows.push_back(std::move(row));
    }
    mstch::map context{
        {"rows", rows}, {"has_rows", !rows.empty()}, {"subscribers", count_de(confirmed_subscriber_count(*db))}};
    return editor_page(req, *site, "Newsletter-Ausgaben", "redaktion/ausgaben", std::move(context));
  });

  router.get(kListUrl + "/neu", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    return issue_page(req, *site, *db, Issue{});
  });

  auto save = [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    Issue base;
    if (req.path != kListUrl + "/neu") {
      auto found = issue_from_path(req, *db);
      if (!found) return not_found();
      base = *found;
    }
    if (base.status == "sent")
      return http::Response::error(409, "Eine versendete Ausgabe lässt sich nicht mehr ändern.");
    auto form = read_issue_form(req, base);
    if (!form.errors.empty()) return issue_page(req, *site, *db, form.issue, form.errors, {}, 422);
    auto id = save_issue(*db, form.issue, web::current_user(req)->id);
    if (id == 0) return http::Response::error(409, "Eine versendete Ausgabe lässt sich nicht mehr ändern.");
    web::audit(*db, web::current_user(req)->id, "newsletter.issue.save", "newsletter_issue", std::to_string(id), "{}",
               req.remote_address);
    return http::Response::redirect(issue_url(id) + "?hinweis=gespeichert");
  };
  router.post(kListUrl + "/neu", save);
  router.post(kListUrl + "/{id}", save);

  router.get(kListUrl + "/{id}", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    auto issue = issue_from_path(req, *db);
    if (!issue) return not_found();
    return issue_page(req, *site, *db, *issue);
  });

  // The HTML part exactly as mail programs get it (the unsubscribe link leads to the newsletter page).
  router.get(kListUrl + "/{id}/vorschau.html", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    auto issue = issue_from_path(req, *db);
    if (!issue) return not_found();
    auto mail = render_issue_mail(*db, *issue, site->config().base_url);
    http::Response res;
    res.body =
        web::fill_placeholders(mail.html, {{"unsubscribe_url", absolute_url(site->config(), "/newsletter")}}, true);
    res.set_header("Content-Type", "text/html; charset=utf-8");
    res.set_header("Cache-Control", "no-store");
    // A mail's inline styles, nothing else: no scripts, no forms.
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                   "form-action 'none'; base-uri 'none'");
    return res;
  });

  router.post(kListUrl + "/{id}/test", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    auto issue = issue_from_path(req, *db);
    if (!issue) return not_found();
    auto user = web::current_user(req);
    try {
      send_issue_test(*db, *issue, user->email, site->config().base_url);
    } catch (const web::MailError&) {
      return http::Response::error(422, "An Ihre Kontoadresse lässt sich keine E-Mail senden.");
    }
    return http::Response::redirect(issue_url(issue->id) + "?hinweis=test");
  });

  router.post(kListUrl + "/{id}/planen", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    auto issue = issue_from_path(req, *db);
    if (!issue) return not_found();
    std::string value = req.form().get_or("send_at", "");
    auto at = web::parse_datetime_local(value);
    if (!at || *at <= now_seconds()) {
      return issue_page(req, *site, *db, *issue, {},
                        "Bitte geben Sie einen Zeitpunkt in der Zukunft an (Datum und Uhrzeit), nicht „" + value + "“.",
                        422);
    }
    if (!schedule_issue(*db, issue->id, *at)) {
      return http::Response::error(409, "Diese Ausgabe ist bereits versendet.");
    }
    web::audit(*db, web::current_user(req)->id, "newsletter.issue.schedule", "newsletter_issue",
               std::to_string(issue->id), "{}", req.remote_address);
    return http::Response::redirect(issue_url(issue->id) + "?hinweis=geplant");
  });

  router.post(kListUrl + "/{id}/planung-aufheben", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    auto issue = issue_from_path(req, *db);
    if (!issue) return not_found();
    unschedule_issue(*db, issue->id);
    return http::Response::redirect(issue_url(issue->id) + "?hinweis=entplant");
  });

  router.post(kListUrl + "/{id}/senden", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    auto issue = issue_from_path(req, *db);
    if (!issue) return not_found();
    if (!req.form().has("confirm")) {
      return issue_page(req, *site, *db, *issue, {},
                        "Bitte bestätigen Sie den Versand an alle Abonnements mit dem Häkchen.", 422);
    }
    if (!send_issue(*db, issue->id, site->config().base_url, now_seconds())) {
      return http::Response::error(409, "Diese Ausgabe ist bereits versendet.");
    }
    web::audit(*db, web::current_user(req)->id, "newsletter.issue.send_now", "newsletter_issue",
               std::to_string(issue->id), "{}", req.remote_address);
    site->content_changed();  // the archive
    return http::Response::redirect(issue_url(issue->id) + "?hinweis=gesendet");
  });

  // ---- Public archive ----
  router.get("/newsletter/archiv", [site](http::Request& req) {
    auto db = site->services.pool.acquire();
    mstch::array rows;
    for (const auto& issue : list_issues(*db, true)) {
      rows.push_back(mstch::map{{"subject", issue.subject},
                                {"url", "/newsletter/archiv/" + std::to_string(issue.id)},
                                {"date", web::format_date_de(issue.send_at.value_or(0))},
                                {"date_iso", web::iso_date(issue.send_at.value_or(0))}});
    }
    PageMeta meta;
    meta.description = "Alle bisherigen Ausgaben des RuhrFutur-Newsletters.";
    return portal_page(req, site->services, "Newsletter-Archiv", "portal/newsletter_archiv",
                       mstch::map{{"rows", rows}, {"has_rows", !rows.empty()}}, meta);
  });

  router.get("/newsletter/archiv/{id}", [site](http::Request& req) {
    auto db = site->services.pool.acquire();
    auto issue = issue_from_path(req, *db);
    if (!issue || issue->status != "sent") return not_found_page(req, site->services);
    PageMeta meta;
    meta.description =
        "RuhrFutur-Newsletter vom " + web::format_date_de(issue->send_at.value_or(0)) + ": " + issue->subject;
    meta.og_type = "article";
    return portal_page(req, site->services, issue->subject, "portal/newsletter_ausgabe",
                       mstch::map{{"subject", issue->subject},
                                  {"date", web::format_date_long_de(issue->send_at.value_or(0))},
                                  {"date_iso", web::iso_date(issue->send_at.value_or(0))},
                                  {"content_html", issue_archive_html(*db, *issue)}},
                       meta);
  });
}

}  // namespace rf::portal
