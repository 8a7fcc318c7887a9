// `ruhrfutur serve`: wires the modules' routes into one router and runs the server.
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <optional>
#include <thread>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/routes.hpp"
#include "db/migrations.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "monitor/indicators.hpp"
#include "monitor/monitor.hpp"
#include "network/network.hpp"
#include "portal/portal.hpp"
#include "report/report.hpp"
#include "survey/survey.hpp"
#include "web/mail_sender.hpp"
#include "web/page_cache.hpp"
#include "web/visits.hpp"
#include "web/chain.hpp"

namespace rf::app {
namespace {

// 127.0.0.0/8 and ::1 (also as an IPv4-mapped IPv6 address).
bool is_loopback(std::string_view address) {
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  return address.starts_with("127.") || address == "::1";
}

}  // namespace

void register_operations_routes(http::Router& router, web::Services& services) {
  router.get("/healthz", [&services](http::Request&) {
    std::string kind(db::kind_name(services.pool.kind()));
    bool ok = false;
    try {
      auto db = services.pool.acquire();
      ok = db->ping();
    } catch (const std::exception& e) {
      spdlog::warn("healthz: database unavailable: {}", e.what());
    }
    nlohmann::json body{{"status", ok ? "ok" : "unavailable"}, {"database", kind}};
    auto res = http::Response::json(body.dump(), ok ? 200 : 503);
    res.set_header("Cache-Control", "no-store");
    return res;
  });
  router.get("/metrics", [&services](http::Request& req) {
    const std::string& token = services.settings.metrics_token;
    const bool allowed =
        token.empty() ? is_loopback(req.remote_address) : req.header("Authorization").value_or("") == "Bearer " + token;
    if (!allowed) return http::Response::error(403, "Die Messwerte sind nicht öffentlich.");
    std::string text = http::Metrics::global().prometheus_text() + web::page_cache_metrics_text();
    try {
      auto db = services.pool.acquire();
      text += web::mail_metrics_text(*db);
    } catch (const std::exception& e) {
      spdlog::warn("metrics: outbox unavailable: {}", e.what());
    }
    auto res = http::Response::text(std::move(text));
    res.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    return res;
  });
}

void register_all_routes(http::Router& router, web::Services& services) {
  web::use_standard_chain(router, services);
  register_operations_routes(router, services);
  web::register_account_routes(router, services);
  portal::register_routes(router, services);
  monitor::register_routes(router, services, report_figures_in(report::served_report_dir(services)));
  report::register_routes(router, services);
  survey::register_routes(router, services);
  network::register_routes(router, services);
}

int serve_command(const Config& config) {
  unsigned threads = config.threads ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  db::Pool pool(config.database_url, threads * 2 + 2);
  {
    auto db = pool.acquire();
    for (const auto& name : db::migrate(*db, (config.web.root / "migrations").string())) {
      spdlog::info("applied migration {}", name);
    }
    // The shipped questionnaires (the TAB checklist above all) are part of
    // the product, like the templates: present from the first start.
    try {
      if (int added = survey::load_shipped_surveys(*db, config.web.root))
        spdlog::info("surveys: {} shipped forms added", added);
    } catch (const db::ConstraintError&) {
      // Another instance starting at the same moment added them.
    }
  }
  web::Templates templates(config.web.root / "templates");
  web::Services services{config.web, pool, templates};

  http::Router router;
  web::VisitCounter visits;
  router.use(web::visit_counting_middleware(visits));  // outermost: sees the final status
  register_all_routes(router, services);

  http::ServerOptions options;
  split_listen(config.listen, options.host, options.port);
  options.threads = threads;
  options.static_dir = (config.web.root / "static").string();
  // Forms keep the server's small body limit; upload routes declare max_upload_bytes themselves.
  options.access_log = config.access_log;
  http::Server server(options, router);
  server.start();
  visits.start_flushing(config.database_url);
  std::optional<web::MailSender> sender;
  if (config.mail_sender) {
    sender.emplace(web::SenderSettings{.database_url = config.database_url,
                                       .smtp_url = config.web.smtp_url,
                                       .mail_from = config.web.mail_from,
                                       .rate_per_minute = config.mail_rate_per_minute,
                                       .retry_seconds = config.mail_retry_seconds,
                                       .lease_seconds = config.mail_lease_seconds});
    sender->before_each_pass(
        [&config](db::Database& db) { portal::send_due_issues(db, config.web.base_url, web::unix_now()); });
    sender->start();
  }
  // Every instance follows imports made through the others without waiting to be asked.
  monitor::CubeRefresher cube_refresher(pool, config.web.root);
  spdlog::info("serving on http://{}:{} (database: {})", options.host, server.port(), db::kind_name(pool.kind()));
  server.run();
  if (sender) sender->stop();
  visits.stop_flushing();  // with a last flush
  spdlog::info("stopped");
  return 0;
}

}  // namespace rf::app
