// Routes behind a real server with what their handlers need: the settings, a
// pool of four connections to `database_url`, the templates and the
// web::Services over them. `add_routes` registers the routes
// (app::register_all_routes for the whole app, or one module's). Header-only,
// like running_server.hpp, so only tests that use it link the web module.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "db/pool.hpp"
#include "http/router.hpp"
#include "support/running_server.hpp"
#include "web/templates.hpp"
#include "web/web.hpp"

namespace rf::test {

class ServedApp {
 public:
  using AddRoutes = std::function<void(http::Router&, web::Services&)>;

  // `settings.root` names the folder of the templates (usually RF_SOURCE_DIR).
  ServedApp(web::Settings settings, const std::string& database_url, const AddRoutes& add_routes)
      : pool_(database_url, 4),
        templates_(settings.root / "templates"),
        services_{std::move(settings), pool_, templates_} {
    add_routes(router_, services_);
    server_ = std::make_unique<RunningServer>(router_);
  }
  ServedApp(const ServedApp&) = delete;
  ServedApp& operator=(const ServedApp&) = delete;

  unsigned short port() const { return server_->port(); }
  db::Pool& pool() { return pool_; }
  // The handlers read the settings from here at each request.
  web::Services& services() { return services_; }
  // For requests dispatched without the server (a remote address of one's choice).
  http::Router& router() { return router_; }

 private:
  db::Pool pool_;
  web::Templates templates_;
  web::Services services_;
  http::Router router_;
  std::unique_ptr<RunningServer> server_;
};

}  // namespace rf::test
