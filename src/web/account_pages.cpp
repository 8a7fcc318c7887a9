// Login, logout and the account page (German UI).
#include <nlohmann/json.hpp>

#include "web/web.hpp"

namespace rf::web {

using http::Request;
using http::Response;

namespace {

Response login_form(const Request& req, const Services& services, std::string_view email, std::string_view next,
                    std::string_view error, int status) {
  mstch::map context{{"email", std::string(email)}, {"weiter", std::string(next)}};
  if (!error.empty()) context["error"] = std::string(error);
  return render_page(req, services, "Anmelden", "account/login", context, status);
}

// The work areas of each role, in the order a login prefers them: the first
// one the user's roles open is where a login without a page to return to
// lands, and /konto lists them all. The editors are also the network's office.
struct RoleArea {
  Role role;
  WorkArea area;
};
const RoleArea kRoleAreas[] = {
    {Role::editor, {"/redaktion", "Redaktion", "Seiten, Nachrichten, Publikationen, Newsletter und Post"}},
    {Role::data_steward, {"/daten/import", "Datenimport", "Statistiken einspielen und das Importprotokoll prüfen"}},
    {Role::editor, {"/netzwerk", "Netzwerk", "Gremien, Sitzungen, Personen und Maßnahmen des Netzwerks"}},
    {Role::board_member, {"/netzwerk", "Netzwerk", "Gremien, Sitzungen und Maßnahmen des Netzwerks"}},
    {Role::partner, {"/netzwerk/massnahmen", "Maßnahmen", "Die Maßnahmen Ihrer Organisation und ihr Fortschritt"}},
    {Role::school, {"/tab", "Fortbildungsbedarfe (TAB)", "Bedarfsrunden Ihrer Schule und die Bündel für den Kreis"}},
    {Role::training_institution,
     {"/tab/bedarfe", "Fortbildungsbedarfe", "Die gebündelten Bedarfe der Schulen und Ihre Angebote"}},
};

// A path is a useful place to return to after login unless it is the home
// page or one of the account pages themselves.
bool worth_returning_to(std::string_view path) {
  return path != "/" && path != "/anmelden" && path != "/abmelden" && !path.starts_with("/passwort-");
}

}  // namespace

std::vector<WorkArea> work_areas(const User& user) {
  std::vector<WorkArea> areas;
  for (const auto& [role, area] : kRoleAreas) {
    if (!user.has_role(role)) continue;
    bool listed = false;
    for (const auto& a : areas) listed = listed || a.path == area.path;
    if (!listed) areas.push_back(area);
  }
  return areas;
}

std::string landing_path(const User& user) {
  auto areas = work_areas(user);
  return areas.empty() ? std::string("/konto") : std::string(areas.front().path);
}

std::string after_login_path(std::string_view next, std::string_view fallback) {
  // One leading '/', then no second '/' (a network-path reference "//host"),
  // and nowhere a backslash (browsers read "/\\host" as "//host"), control
  // character, space or non-ASCII byte (the WHATWG URL parser strips tabs and
  // line breaks, so "/\t/host" becomes "//host").
  if (next.size() < 1 || next.size() > 2000 || next[0] != '/') return std::string(fallback);
  if (next.size() > 1 && next[1] == '/') return std::string(fallback);
  for (unsigned char c : next) {
    if (c <= 0x20 || c >= 0x7f || c == '\\') return std::string(fallback);
  }
  const std::string_view path = next.substr(0, next.find('?'));
  if (!worth_returning_to(path)) return std::string(fallback);
  return std::string(next);
}

std::string login_link(std::string_view path) {
  const std::string next = after_login_path(path, "");
  if (next.empty()) return "/anmelden";
  return "/anmelden?weiter=" + http::url_encode(next);
}

void register_account_routes(http::Router& router, Services& services) {
  router.get("/anmelden", [&services](Request& req) {
    if (const User* user = current_user(req)) {
      return Response::redirect(after_login_path(req.query.get_or("weiter", ""), landing_path(*user)));
    }
    return login_form(req, services, "", req.query.get_or("weiter", ""), "", 200);
  });

  router.post(
      "/anmelden",
      [&services](Request& req) {
        const auto& form = req.form();
        std::string email = form.get_or("email", "");
        std::string password = form.get_or("password", "");
        std::string next = form.get_or("weiter", "");
        if (email.empty() || password.empty()) {
          return login_form(req, services, email, next, "Bitte geben Sie E-Mail-Adresse und Passwort ein.", 422);
        }
        auto db = services.pool.acquire();
        const LoginThrottle throttle = login_throttle(*db, email, req.remote_address);
        if (throttle.refused) {
          audit(*db, std::nullopt, "user.login_throttled", "user", email, "{}", req.remote_address);
          Response res = login_form(req, services, email, next,
                                    "Zu viele fehlgeschlagene Anmeldeversuche von Ihrem Anschluss. Bitte warten Sie "
                                    "15 Minuten oder setzen Sie Ihr Passwort zurück.",
                                    429);
          res.set_header("Retry-After", std::to_string(kThrottleWindowSeconds));
          return res;
        }
        auto user = find_user_by_email(*db, email);
        std::optional<std::string> hash;
        if (user) hash = db->query_one("SELECT password_hash FROM users WHERE id = ?", {user->id})->text(0);
        // The same argon2 work whether or not the address has an account.
        if (!verify_login_password(hash, password)) {
          record_login_failure(*db, email, req.remote_address);
          audit(*db, std::nullopt, "user.login_failed", "user", email, "{}", req.remote_address);
          Response res = login_form(req, services, email, next, "E-Mail-Adresse oder Passwort ist falsch.", 401);
          res.delay_ms = throttle.delay_ms;
          return res;
        }
        clear_login_failures(*db, email, req.remote_address);
        auto token = create_session(*db, user->id, req.remote_address, req.header("User-Agent").value_or(""));
        audit(*db, user->id, "user.login", "user", std::to_string(user->id), "{}", req.remote_address);
        Response res = Response::redirect(after_login_path(next, landing_path(*user)));
        res.delay_ms = throttle.delay_ms;  // an account under attack is slow for everyone, never closed
        http::CookieOptions options;
        options.secure = services.settings.secure_cookies;
        options.max_age_seconds = kSessionSeconds;
        res.add_header("Set-Cookie", http::make_set_cookie(kSessionCookie, token, options));
        return res;
      },
      // argon2 takes tens of milliseconds: not on an I/O thread.
      http::RouteOptions{0, {}, http::always_slow});

  router.post("/abmelden", [&services](Request& req) {
    if (auto token = req.cookie(kSessionCookie)) {
      auto db = services.pool.acquire();
      if (auto user = current_user(req)) {
        audit(*db, user->id, "user.logout", "user", std::to_string(user->id), "{}", req.remote_address);
      }
      delete_session(*db, *token);
    }
    Response res = Response::redirect("/");
    http::CookieOptions options;
    options.secure = services.settings.secure_cookies;
    options.max_age_seconds = 0;
    res.add_header("Set-Cookie", http::make_set_cookie(kSessionCookie, "", options));
    return res;
  });

  router.get("/konto", [&services](Request& req) {
    if (auto denied = require_login(req)) return *denied;
    const User* user = current_user(req);
    mstch::array roles;
    for (Role role : kAllRoles) {
      if (user->roles.contains(role)) roles.push_back(mstch::map{{"label", std::string(role_label(role))}});
    }
    mstch::array areas;
    for (const auto& area : work_areas(*user)) {
      areas.push_back(mstch::map{
          {"path", std::string(area.path)}, {"label", std::string(area.label)}, {"what", std::string(area.what)}});
    }
    return render_page(req, services, "Mein Konto", "account/konto",
                       mstch::map{{"email", user->email},
                                  {"name", user->name},
                                  {"roles", roles},
                                  {"areas", areas},
                                  {"has_areas", !areas.empty()},
                                  {"reset_link", "/passwort-vergessen?email=" + http::url_encode(user->email)},
                                  {"password_changed", req.query.has("passwort-geaendert")}});
  });

  register_password_reset_routes(router, services);
}

}  // namespace rf::web
