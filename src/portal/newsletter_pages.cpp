// /newsletter: the subscription form, confirmation and unsubscribe pages.
#include <spdlog/spdlog.h>

#include "web/outbox.hpp"
#include "web/mail.hpp"
#include "portal/newsletter.hpp"
#include "portal/site.hpp"
#include "portal/views.hpp"

namespace rf::portal {
namespace {

mstch::map intro(Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  mstch::map context;
  if (auto page = store.find_visible("page", "newsletter", now_seconds())) {
    context["intro_html"] = render_markdown(page->body);
    context["lead"] = page->summary;
  }
  return context;
}

http::Response form_page(const http::Request& req, Site& site, mstch::map context, int status = 200) {
  context["form"] = true;
  PageMeta meta;
  meta.description =
      "Der Newsletter von RuhrFutur: Neuigkeiten, Publikationen und Termine aus der Bildungsregion Ruhr.";
  return portal_page(req, site.services, "Newsletter", "portal/newsletter", std::move(context), meta, status);
}

http::Response state_page(const http::Request& req, Site& site, std::string_view title, const char* state,
                          mstch::map context = {}, int status = 200) {
  context[state] = true;
  auto res = portal_page(req, site.services, title, "portal/newsletter", std::move(context), {}, status);
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::Response subscribe_post(http::Request& req, Site& site) {
  const auto& form = req.form();
  std::string email = form.get_or("email", "");
  bool consent = form.has("consent");
  mstch::map context = intro(site);
  context["email"] = email;
  std::string email_error = check_subscriber_email(email);
  if (!email_error.empty() || !consent) {
    if (!email_error.empty()) context["email_error"] = email_error;
    if (!consent)
      context["consent_error"] = std::string("Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten.");
    context["has_errors"] = true;
    return form_page(req, site, std::move(context), 422);
  }
  auto db = site.services.pool.acquire();
  // Each sign-up mails a stranger's address: a client gets only a few.
  if (web::mail_requests_exhausted(*db, req.remote_address)) {
    context["mail_error"] = std::string(
        "Von Ihrem Anschluss wurden in kurzer Zeit zu viele Anmeldungen abgeschickt. Bitte versuchen Sie es in "
        "15 Minuten noch einmal.");
    auto res = form_page(req, site, std::move(context), 429);
    res.set_header("Retry-After", std::to_string(web::kThrottleWindowSeconds));
    return res;
  }
  try {
    // The confirmation mail goes into the outbox with the subscription (web/outbox.hpp).
    if (subscribe(*db, email, now_seconds(), site.config().base_url)) web::record_mail_request(*db, req.remote_address);
  } catch (const web::MailError& e) {
    spdlog::info("newsletter: no mail can go to this address: {}", e.what());
    context["email_error"] =
        std::string("Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de.");
    context["has_errors"] = true;
    return form_page(req, site, std::move(context), 422);
  }
  return state_page(req, site, "Fast geschafft", "sent", mstch::map{{"email", email}});
}

}  // namespace

void register_newsletter_pages(http::Router& router, const SitePtr& site) {
  router.get("/newsletter",
             site->cache.wrap([site](http::Request& req) { return form_page(req, *site, intro(*site)); }));
  // Sending the confirmation mail may wait for the mail server: on the slow-work pool.
  router.post(
      "/newsletter", [site](http::Request& req) { return subscribe_post(req, *site); },
      http::RouteOptions{0, {}, http::always_slow});

  router.get("/newsletter/bestaetigen", [site](http::Request& req) {
    std::string token = req.query.get_or("token", "");
    auto db = site->services.pool.acquire();
    if (!confirm_token_valid(*db, token, now_seconds())) {
      return state_page(req, *site, "Link ungültig", "invalid", {}, 410);
    }
    return state_page(req, *site, "Anmeldung bestätigen", "confirm", mstch::map{{"token", token}});
  });
  router.post("/newsletter/bestaetigen", [site](http::Request& req) {
    std::string token = req.form().get_or("token", "");
    auto db = site->services.pool.acquire();
    if (!confirm_subscription(*db, token, now_seconds())) {
      return state_page(req, *site, "Link ungültig", "invalid", {}, 410);
    }
    site->content_changed();
    return state_page(req, *site, "Anmeldung bestätigt", "confirmed");
  });

  router.get("/newsletter/abmelden", [site](http::Request& req) {
    std::string token = req.query.get_or("token", "");
    auto db = site->services.pool.acquire();
    auto email = unsubscribe_address(*db, token);
    if (!email) return state_page(req, *site, "Abmeldung", "unknown", {}, 404);
    return state_page(req, *site, "Vom Newsletter abmelden", "unsubscribe",
                      mstch::map{{"token", token}, {"email", *email}});
  });
  // The form's button, and RFC 8058 one-click unsubscribe: mail programs POST
  // "List-Unsubscribe=One-Click" to the List-Unsubscribe URL (token in the query).
  router.post(
      "/newsletter/abmelden",
      [site](http::Request& req) {
        std::string token = req.form().get_or("token", req.query.get_or("token", ""));
        auto db = site->services.pool.acquire();
        if (!unsubscribe(*db, token)) return state_page(req, *site, "Abmeldung", "unknown", {}, 404);
        site->content_changed();
        return state_page(req, *site, "Abgemeldet", "unsubscribed");
      },
      http::RouteOptions{.token_in_url = true});
}

}  // namespace rf::portal
