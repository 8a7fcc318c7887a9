// /redaktion/newsletter: subscriber list, CSV export, deletion on request.
#include "web/dates.hpp"
#include "portal/editor.hpp"
#include "portal/newsletter.hpp"
#include "portal/views.hpp"

namespace rf::portal {

void register_newsletter_admin(http::Router& router, const SitePtr& site) {
  router.get("/redaktion/newsletter", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    mstch::array rows;
    int confirmed = 0, pending = 0;
    for (const auto& s : list_subscribers(*db)) {
      bool is_confirmed = s.status == "confirmed";
      (is_confirmed ? confirmed : pending)++;
      rows.push_back(mstch::map{{"email", s.email},
                                {"status", std::string(is_confirmed ? "Bestätigt" : "Unbestätigt")},
                                {"created", web::format_date_de(s.created_at)},
                                {"confirmed", s.confirmed_at ? web::format_date_de(*s.confirmed_at) : std::string("–")},
                                {"delete_url", "/redaktion/newsletter/" + std::to_string(s.id) + "/loeschen"}});
    }
    mstch::map context{{"rows", rows},
                       {"has_rows", !rows.empty()},
                       {"confirmed", std::to_string(confirmed)},
                       {"pending", std::to_string(pending)}};
    if (req.query.get_or("hinweis", "") == "geloescht") {
      context["notice"] = std::string("Die Adresse ist gelöscht.");
    }
    return editor_page(req, *site, "Newsletter", "redaktion/newsletter", std::move(context));
  });

  router.get("/redaktion/newsletter/export.csv", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto db = site->services.pool.acquire();
    auto user = web::current_user(req);
    web::audit(*db, user->id, "newsletter.export", "newsletter_subscriber", "", "{}", req.remote_address);
    http::Response res;
    res.body = subscribers_csv(*db);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    res.attachment("newsletter-" + web::iso_date(now_seconds()) + ".csv");
    res.set_header("Cache-Control", "no-store");
    return res;
  });

  router.post("/redaktion/newsletter/{id}/loeschen", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto parsed = parse_id(req.param("id"));
    if (!parsed) return http::Response::error(404, "Nicht gefunden.");
    const std::int64_t id = *parsed;
    auto db = site->services.pool.acquire();
    if (!delete_subscriber(*db, id)) return http::Response::error(404, "Diese Adresse gibt es nicht mehr.");
    auto user = web::current_user(req);
    web::audit(*db, user->id, "newsletter.delete", "newsletter_subscriber", std::to_string(id), "{}",
               req.remote_address);
    site->content_changed();
    return http::Response::redirect("/redaktion/newsletter?hinweis=geloescht");
  });
}

}  // namespace rf::portal
