// Wiring of the network module and what its handlers share.
#include "network/network.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "network/clock.hpp"
#include "network/module.hpp"
#include "web/outbox.hpp"

namespace rf::network {

Viewer viewer_of(const http::Request& req, db::Database& db) {
  Viewer v;
  if (const web::User* user = web::current_user(req)) v.user = *user;
  if (v.user) v.person = person_of_user(db, v.user->id);
  return v;
}

void enqueue_notices(db::Database& db, const std::vector<Notice>& notices) {
  for (const auto& n : notices) {
    try {
      web::enqueue(db, {.to = n.to, .subject = n.subject, .text = n.text, .category = n.category});
    } catch (const web::MailError& e) {
      // A stored address the mail system refuses: the step itself stands.
      spdlog::warn("network: mail to {} ({}) not queued: {}", n.to, n.category, e.what());
    }
  }
}

http::Response denied(const http::Request& req) {
  if (auto login = web::require_login(req)) return *login;
  return http::Response::error(403, "Für diese Seite fehlt Ihnen die Berechtigung.");
}

http::Response page(const http::Request& req, const Module& module, std::string_view title, std::string_view name,
                    mstch::map context, int status) {
  auto user = web::current_user(req);
  context["is_office"] = user && user->has_role(web::Role::editor);
  context["works_on_measures"] = user && (user->has_role(web::Role::partner) ||
                                          user->has_role(web::Role::board_member) || user->has_role(web::Role::editor));
  // The tables and goal badges of the monitor, and the module's own few rules.
  // network.css comes with the room's templates (web/templates.hpp) after this one, on which it builds.
  context["stylesheets"] = mstch::array{std::string("/static/css/monitor.css")};
  return web::render_page(req, module.services, title, name, std::move(context), status);
}

http::Response not_found(const http::Request& req, const Module& module) {
  return page(req, module, "Nicht gefunden", "network/nicht_gefunden", {}, 404);
}

http::Handler route_to(const ModulePtr& module, PageHandler f) {
  return [module, f](http::Request& req) { return f(req, *module); };
}

std::optional<std::int64_t> id_param(const http::Request& req, std::string_view name) {
  auto text = req.param(name);
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v > 0 ? std::optional(v) : std::nullopt;
}

mstch::array string_array(const std::vector<std::string>& items) {
  mstch::array out;
  for (const auto& s : items) out.push_back(s);
  return out;
}

namespace {

http::Response overview(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  mstch::array bodies;
  for (const auto& b : list_bodies(*db)) {
    bodies.push_back(mstch::map{{"slug", b.slug},
                                {"name", b.name},
                                {"level", std::string(body_level_label(b.level))},
                                {"description", b.description}});
  }
  auto viewer = viewer_of(req, *db);
  return page(req, m, "Netzwerk", "network/uebersicht",
              mstch::map{{"bodies", bodies},
                         {"has_person", viewer.person.has_value()},
                         {"own_org", viewer.organisation_id() ? find_organisation(*db, *viewer.organisation_id())->slug
                                                              : std::string()}});
}

}  // namespace

void register_routes(http::Router& router, web::Services& services) {
  std::vector<std::string> problems;
  auto workflow = Workflow::load(services.settings.root / "data" / "network" / "workflow.yaml", problems);
  if (!workflow) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
    throw std::runtime_error("network workflow: " + all);
  }
  auto module = std::make_shared<Module>(services, std::move(*workflow));
  router.get("/netzwerk", [module](http::Request& req) { return overview(req, *module); });
  register_people_pages(router, module);
  register_body_pages(router, module);
  register_measure_pages(router, module);
  register_agenda_pages(router, module);
}

int send_due_reminders(db::Database& db, const web::Settings& config) {
  std::vector<std::string> problems;
  auto workflow = Workflow::load(config.root / "data" / "network" / "workflow.yaml", problems);
  if (!workflow) throw std::runtime_error("network workflow: " + problems.front());
  std::vector<Notice> notices;
  {
    db::Transaction tx(db);
    notices = due_reminders(db, *workflow, now_seconds(), config.base_url);
    enqueue_notices(db, notices);
    tx.commit();
  }
  return static_cast<int>(notices.size());
}

}  // namespace rf::network
