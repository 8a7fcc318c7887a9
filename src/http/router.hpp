// Maps method + path to a handler. Patterns are literal segments and {name}
// parameters, e.g. "/aktuelles/{slug}"; a trailing "{rest...}" takes the rest.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace rf::http {

using Handler = std::function<Response(Request&)>;
// Runs around every handler: may answer directly or call next(req).
using Middleware = std::function<Response(Request&, const Handler& next)>;

// Runs on the header alone, before the body is read: a response rejects the
// request (e.g. a visitor without the role for an upload) and the body is never read.
using Admission = std::function<std::optional<Response>(Request&)>;

// What the server needs to know about a route before its handler runs. The
// server asks as soon as the header has arrived, so that a large body is only
// read for a route that takes one, only after admit() let the request in, and
// so that long work does not occupy an I/O thread.
struct RouteOptions {
  // Largest body; 0: the server's small default for forms (ServerOptions::max_body_bytes).
  // A limit above that default applies to multipart/form-data only, which
  // goes to disk as it arrives; other bodies are held in memory and keep the default.
  std::size_t max_body_bytes = 0;
  Admission admit;  // may be empty
  // True for a request whose handler may take long (downloads built on
  // demand, imports, dry runs, report builds, PDF printing): it runs on the
  // server's bounded pool for slow work, so the I/O threads keep answering
  // /healthz and cached pages meanwhile. Empty: never.
  std::function<bool(const Request&)> slow;
  // The route's credential is a secret token in its URL, not a session (RFC
  // 8058 one-click unsubscribe: mail programs POST without cookies or CSRF
  // token). No session is loaded and no CSRF token checked for it, so a
  // forged request can do nothing a holder of the token could not do anyway.
  // dispatch() marks such requests with req.context[kTokenInUrl].
  bool token_in_url = false;
};
inline constexpr const char* kTokenInUrl = "route.token_in_url";

// For RouteOptions::slow: every request of the route.
inline bool always_slow(const Request&) { return true; }

class Router {
 public:
  void add(std::string_view method, std::string_view pattern, Handler handler, RouteOptions options = {});
  void get(std::string_view pattern, Handler h) { add("GET", pattern, std::move(h)); }
  void post(std::string_view pattern, Handler h, RouteOptions options = {}) {
    add("POST", pattern, std::move(h), std::move(options));
  }
  void use(Middleware middleware);

  // The options of the route that req (method and target) will reach, or
  // nullptr when none matches (the server then applies its defaults).
  const RouteOptions* options_for(const Request& req) const;

  // Finds the route, fills req.path_params and req.route, runs middleware and
  // handler. 404 when no pattern matches, 405 (with Allow) when only the method differs.
  Response dispatch(Request& req) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    RouteOptions options;
  };
  // The best route for req's method (HEAD falls back to GET), nullptr if none;
  // fills allowed with the methods of every route whose pattern matches.
  const Route* find(const Request& req, const std::vector<std::string>& segments,
                    std::vector<std::string>* allowed) const;
  std::vector<Route> routes_;
  std::vector<Middleware> middleware_;
};

}  // namespace rf::http
