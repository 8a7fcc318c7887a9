// Routes behind a real server with what their handlers need: the settings, a
// pool of four connections to `database_url`, the templates and the
// web::Services over them. `add_routes` registers the routes
// (app::register_all_routes for the whole app, or one module's). Header-only,
// like running_server.hpp, so only tests that use it link the web module.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "db/database.hpp"
#include "db/pool.hpp"
#include "http/router.hpp"
#include "support/running_server.hpp"
#include "support/temp_dir.hpp"
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

// One ServedApp per database kind for a suite whose cases only read: made by
// the first case of each kind (with a var folder of its own), kept until the
// suite ends, so that an import or a cube build runs once per kind. A suite
// keeps it in a static member made in SetUpTestSuite and deleted in
// TearDownTestSuite, before the program's PostgreSQL cluster stops.
class ServedPerKind {
 public:
  using Make = std::function<std::unique_ptr<ServedApp>(const std::filesystem::path& var_dir)>;

  ServedApp& get(db::Kind kind, const Make& make) {
    auto& served = served_[kind];
    if (!served) {
      served = std::make_unique<Served>();
      served->app = make(served->var.path());
    }
    return *served->app;
  }

 private:
  struct Served {
    TempDir var;
    std::unique_ptr<ServedApp> app;  // destroyed before its var folder
  };
  std::map<db::Kind, std::unique_ptr<Served>> served_;
};

}  // namespace rf::test
