// The middleware every page runs behind, and the role checks of handlers.
#pragma once

#include <optional>
#include <string_view>

#include "http/router.hpp"
#include "web/accounts.hpp"

namespace rf::web {

struct Services;

// The logged-in user of the request (nullptr for visitors), as the session
// middleware set it once in Request::user.
inline const User* current_user(const http::Request& req) { return req.user.get(); }
// Its id, for the audit log and the stored author of a change (nullopt for visitors).
inline std::optional<std::int64_t> current_user_id(const http::Request& req) {
  return req.user ? std::optional(req.user->id) : std::nullopt;
}

// The session and CSRF middleware: loads the session from its cookie into
// Request::user and Request::csrf, issues an anonymous CSRF cookie to
// visitors, and answers 403 to a state-changing request (POST, PUT, PATCH,
// DELETE) without the right token in the `_csrf` form field or the
// X-CSRF-Token header.
http::Middleware session_middleware(Services& services);
// Answers 400 to a request whose query or form parameters are not valid UTF-8
// or hold control characters other than tab and line breaks (e.g. NUL): no
// handler or database ever sees such text.
http::Middleware input_validation_middleware();
// Answers 503 with Retry-After when the database is restarting or unreachable
// (db::UnavailableError): clients and load balancers retry later, and pooled
// connections reconnect. Register it outside every middleware that uses the database.
http::Middleware database_unavailable_middleware();
// Dresses the transport's bare error pages (an unknown path anywhere, under
// /monitor, /daten or /bericht too, or a handler's http::Response::error) in
// the site's layout: navigation, the message, a search field and the way on.
// JSON errors (/api/) stay JSON. Register it inside the session middleware so
// that the page knows the user.
http::Middleware error_page_middleware(Services& services);
// Adds CSP, nosniff, frame-ancestors, referrer policy and friends to every response.
http::Middleware security_headers_middleware();

// Nullopt when the request may go on; otherwise the answer to send: a redirect
// to the login page for visitors, 403 for users without the role.
std::optional<http::Response> require_role(const http::Request& req, Role role);
// The same for pages any logged-in user may see.
std::optional<http::Response> require_login(const http::Request& req);

// The admission check of upload routes (http::RouteOptions::admit): lets the
// request in when its session cookie belongs to a user with `role`; otherwise
// the answer of require_role (login redirect or 403), sent before the server
// reads a byte of a large body.
http::Admission role_before_body(Services& services, Role role);

}  // namespace rf::web
