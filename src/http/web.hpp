// What every page handler needs: configuration, the connection pool, templates,
// the current user and CSRF token, the German base layout, role checks.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "db/pool.hpp"
#include "http/auth.hpp"
#include "http/router.hpp"
#include "http/templates.hpp"

namespace rf::http {

struct Config {
  std::string database_url = "sqlite:var/ruhrfutur.db";
  std::string listen = "127.0.0.1:8080";
  std::filesystem::path root = ".";       // holds templates/, static/, migrations/, data/
  std::filesystem::path var_dir = "var";  // uploads, generated files
  bool secure_cookies = false;            // true behind TLS
  std::string base_url = "http://127.0.0.1:8080";
  std::string smtp_url = "file:var/mail";  // "smtp://host:port", or "file:DIR": write .eml files (http/mail.hpp)
  std::string mail_from = "RuhrFutur <noreply@ruhrfutur.invalid>";
  bool mail_sender = true;            // this instance delivers the outbox (web/mail_sender.hpp)
  double mail_rate_per_minute = 0;    // over all instances; 0: no limit
  int mail_retry_seconds = 60;        // first retry after a temporary failure; doubles per attempt
  int mail_lease_seconds = 300;       // a claimed mail not reported back by then is claimed again
  std::size_t max_upload_bytes = 50 * 1024 * 1024;
  unsigned threads = 0;
  bool access_log = true;                            // one JSON line per request on stderr
  std::filesystem::path report_dir = "var/bericht";  // the built report served under /bericht/
  // /metrics: "" answers only clients on the loopback interface; otherwise
  // only requests with "Authorization: Bearer <metrics_token>".
  std::string metrics_token;
};

struct Services {
  Config config;
  db::Pool& pool;
  const Templates& templates;
};

// Set by the session middleware (context keys are private to web.cpp).
std::optional<User> current_user(const Request& req);
std::string csrf_token(const Request& req);

// The session and CSRF middleware: loads the session from its cookie, issues an
// anonymous CSRF cookie to visitors, and answers 403 to a state-changing request
// (POST, PUT, PATCH, DELETE) without the right token in the `_csrf` form field
// or the X-CSRF-Token header.
Middleware session_middleware(Services& services);
// Answers 400 to a request whose query or form parameters are not valid UTF-8
// or hold control characters other than tab and line breaks (e.g. NUL): no
// handler or database ever sees such text.
Middleware input_validation_middleware();
// Adds CSP, nosniff, frame-ancestors, referrer policy and friends to every response.
Middleware security_headers_middleware();

// Nullopt when the request may go on; otherwise the answer to send: a redirect
// to the login page for visitors, 403 for users without the role.
std::optional<Response> require_role(const Request& req, std::string_view role);
// The same for pages any logged-in user may see.
std::optional<Response> require_login(const Request& req);

// Renders template `name` with `context` into the base layout. The context
// gets `csrf`, `user_name` and `logged_in` added.
Response render_page(const Request& req, const Services& services, std::string_view title, std::string_view name,
                     mstch::map context, int status = 200);

// Where to go after login: `next` (the form's `weiter`) when it is a path on
// this site, else "/konto". Nothing that a browser could read as another host.
std::string after_login_path(std::string_view next);

// Registers /anmelden (login form), /abmelden (logout) and /konto.
void register_account_routes(Router& router, Services& services);

}  // namespace rf::http
