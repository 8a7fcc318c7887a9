#include "web/middleware.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "db/unavailable.hpp"
#include "text/encoding.hpp"
#include "web/web.hpp"

namespace rf::web {

using http::Handler;
using http::Middleware;
using http::Params;
using http::Request;
using http::Response;

namespace {

bool is_unsafe(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Constant-time comparison so the token cannot be guessed byte by byte.
bool same_token(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The user of the session cookie, if any, into Request::user and Request::csrf.
void load_session_user(Request& req, Services& services) {
  auto token = req.cookie(kSessionCookie);
  if (!token) return;
  auto db = services.pool.acquire();
  if (auto session = load_session(*db, *token)) {
    req.user = std::make_shared<const User>(std::move(session->user));
    req.csrf = std::move(session->csrf_token);
  }
}

}  // namespace

http::Admission role_before_body(Services& services, Role role) {
  return [&services, role](Request& req) -> std::optional<Response> {
    load_session_user(req, services);
    return require_role(req, role);
  };
}

Middleware session_middleware(Services& services) {
  return [&services](Request& req, const Handler& next) {
    if (req.path.starts_with("/static/") || req.path == "/healthz" || req.path == "/metrics" ||
        req.context.count(http::kTokenInUrl)) {
      return next(req);
    }
    bool issue_anon_cookie = false;
    load_session_user(req, services);
    // Safe API requests render no form, so a visitor without a token gets none
    // (a fresh random token and cookie per API call cost the values API its p99).
    const bool needs_token = is_unsafe(req.method) || !req.path.starts_with("/api/");
    if (needs_token && req.csrf.empty()) {
      auto anon = req.cookie(kAnonCsrfCookie);
      if (anon && anon->size() >= 32 && anon->size() <= 64) {
        req.csrf = *anon;
      } else {
        req.csrf = random_token();
        issue_anon_cookie = true;
      }
    }
    if (is_unsafe(req.method)) {
      std::string sent = req.header("X-CSRF-Token").value_or("");
      if (sent.empty()) sent = req.form().get_or("_csrf", "");
      if (!same_token(sent, req.csrf)) {
        return Response::error(403, "Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu.",
                               req.path.starts_with("/api/"));
      }
    }
    Response res = next(req);
    if (issue_anon_cookie) {
      http::CookieOptions options;
      options.secure = services.settings.secure_cookies;
      res.add_header("Set-Cookie", http::make_set_cookie(kAnonCsrfCookie, req.csrf, options));
    }
    return res;
  };
}

namespace {

bool acceptable_text(std::string_view text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
  }
  return !text::find_invalid_utf8(text).has_value();
}

bool acceptable_params(const Params& params) {
  for (const auto& [key, value] : params.items()) {
    if (!acceptable_text(key) || !acceptable_text(value)) return false;
  }
  return true;
}

}  // namespace

Middleware input_validation_middleware() {
  return [](Request& req, const Handler& next) {
    bool ok = acceptable_params(req.query);
    if (ok && is_unsafe(req.method)) ok = acceptable_params(req.form());
    if (!ok) {
      return Response::error(400, "Die Anfrage enthält ungültige Zeichen (kein gültiges UTF-8 oder Steuerzeichen).",
                             req.path.starts_with("/api/"));
    }
    return next(req);
  };
}

Middleware database_unavailable_middleware() {
  return [](Request& req, const Handler& next) {
    try {
      return next(req);
    } catch (const db::UnavailableError& e) {
      spdlog::warn("{} {}: database unavailable: {}", req.method, req.path, e.what());
      Response response = Response::error(503, "", req.path.starts_with("/api/"));
      response.set_header("Retry-After", "5");
      return response;
    }
  };
}

Middleware error_page_middleware(Services& services) {
  return [&services](Request& req, const Handler& next) {
    Response res = next(req);
    if (!res.error_message || res.status < 400) return res;
    const std::string title(http::german_title(res.status));
    mstch::map context{
        {"heading", title},
        {"message", *res.error_message},
        {"status", std::to_string(res.status)},
        {"not_found", res.status == 404},
        {"path", req.path},
        {"description", "Fehler " + std::to_string(res.status) + ": " + title +
                            ". Von hier geht es zur Startseite, zur Suche und zu den Bereichen von RuhrFutur."}};
    Response page = render_page(req, services, title, "fehler", std::move(context), res.status);
    res.body = std::move(page.body);
    res.set_header("Content-Type", page.header("Content-Type"));
    res.error_message.reset();
    return res;
  };
}

Middleware security_headers_middleware() {
  return [](Request& req, const Handler& next) {
    Response res = next(req);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
    if (res.header("Content-Security-Policy").empty()) {
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                     "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    }
    return res;
  };
}

std::optional<Response> require_login(const Request& req) {
  if (current_user(req)) return std::nullopt;
  if (req.path.starts_with("/api/")) return Response::error(401, "Anmeldung erforderlich", true);
  return Response::redirect("/anmelden?weiter=" + http::url_encode(req.target));
}

std::optional<Response> require_role(const Request& req, Role role) {
  if (auto denied = require_login(req)) return denied;
  if (!current_user(req)->has_role(role)) {
    return Response::error(403, "Für diese Seite fehlt Ihnen die Berechtigung.", req.path.starts_with("/api/"));
  }
  return std::nullopt;
}

}  // namespace rf::web
