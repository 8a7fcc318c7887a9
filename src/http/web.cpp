#include "http/web.hpp"

#include <nlohmann/json.hpp>

#include "http/admission.hpp"
#include "text/encoding.hpp"

namespace rf::http {
namespace {

constexpr const char* kUserId = "auth.user_id";
constexpr const char* kUserEmail = "auth.email";
constexpr const char* kUserName = "auth.name";
constexpr const char* kUserRoles = "auth.roles";
constexpr const char* kCsrf = "auth.csrf";

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

std::string join_roles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}

// The user of the session cookie, if any, into the request's context.
void load_session_user(Request& req, Services& services) {
  auto token = req.cookie(kSessionCookie);
  if (!token) return;
  auto db = services.pool.acquire();
  if (auto session = load_session(*db, *token)) {
    req.context[kUserId] = std::to_string(session->user.id);
    req.context[kUserEmail] = session->user.email;
    req.context[kUserName] = session->user.name;
    req.context[kUserRoles] = join_roles(session->user.roles);
    req.context[kCsrf] = session->csrf_token;
  }
}

}  // namespace

Admission role_before_body(Services& services, std::string role) {
  return [&services, role = std::move(role)](Request& req) -> std::optional<Response> {
    load_session_user(req, services);
    return require_role(req, role);
  };
}

std::optional<User> current_user(const Request& req) {
  auto id = req.context.find(kUserId);
  if (id == req.context.end()) return std::nullopt;
  User user;
  user.id = std::stoll(id->second);
  user.email = req.context.at(kUserEmail);
  user.name = req.context.at(kUserName);
  const auto& roles = req.context.at(kUserRoles);
  std::size_t start = 0;
  while (start < roles.size()) {
    auto comma = roles.find(',', start);
    if (comma == std::string::npos) comma = roles.size();
    user.roles.push_back(roles.substr(start, comma - start));
    start = comma + 1;
  }
  return user;
}

std::string csrf_token(const Request& req) {
  auto it = req.context.find(kCsrf);
  return it == req.context.end() ? std::string() : it->second;
}

Middleware session_middleware(Services& services) {
  return [&services](Request& req, const Handler& next) {
    if (req.path.starts_with("/static/") || req.path == "/healthz" || req.path == "/metrics" ||
        req.context.count(kTokenInUrl)) {
      return next(req);
    }
    bool issue_anon_cookie = false;
    load_session_user(req, services);
    // Safe API requests render no form, so a visitor without a token gets none
    // (a fresh random token and cookie per API call cost the values API its p99).
    const bool needs_token = is_unsafe(req.method) || !req.path.starts_with("/api/");
    if (needs_token && !req.context.count(kCsrf)) {
      auto anon = req.cookie(kAnonCsrfCookie);
      if (anon && anon->size() >= 32 && anon->size() <= 64) {
        req.context[kCsrf] = *anon;
      } else {
        req.context[kCsrf] = random_token();
        issue_anon_cookie = true;
      }
    }
    if (is_unsafe(req.method)) {
      std::string sent = req.header("X-CSRF-Token").value_or("");
      if (sent.empty()) sent = req.form().get_or("_csrf", "");
      if (!same_token(sent, req.context[kCsrf])) {
        return Response::error(403, "Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu.",
                               req.path.starts_with("/api/"));
      }
    }
    Response res = next(req);
    if (issue_anon_cookie) {
      CookieOptions options;
      options.secure = services.config.secure_cookies;
      res.add_header("Set-Cookie", make_set_cookie(kAnonCsrfCookie, req.context[kCsrf], options));
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
  return Response::redirect("/anmelden?weiter=" + url_encode(req.target));
}

std::optional<Response> require_role(const Request& req, std::string_view role) {
  if (auto denied = require_login(req)) return denied;
  if (!current_user(req)->has_role(role)) {
    return Response::error(403, "Für diese Seite fehlt Ihnen die Berechtigung.", req.path.starts_with("/api/"));
  }
  return std::nullopt;
}

Response render_page(const Request& req, const Services& services, std::string_view title, std::string_view name,
                     mstch::map context, int status) {
  auto user = current_user(req);
  context["csrf"] = csrf_token(req);
  context["logged_in"] = user.has_value();
  context["user_name"] = user ? (user->name.empty() ? user->email : user->name) : std::string();
  // The account navigation links the work areas of the user's roles.
  context["is_editor"] = user && user->has_role("editor");
  context["is_data_steward"] = user && user->has_role("data_steward");
  mstch::map layout = context;
  layout["title"] = std::string(title);
  layout["content"] = services.templates.render(name, context);
  layout["path"] = req.path;
  return Response::html(services.templates.render("layout", layout), status);
}

}  // namespace rf::http
