// Login, logout and the account page (German UI).
#include <nlohmann/json.hpp>

#include "http/web.hpp"

namespace rf::http {
namespace {

// Only same-site paths are allowed as the target after login (no open redirect).
std::string safe_next(std::string_view next) {
  if (next.size() > 1 && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
      next.find_first_of("\r\n") == std::string_view::npos) {
    return std::string(next);
  }
  return "/konto";
}

Response login_form(const Request& req, const Services& services, std::string_view email,
                    std::string_view next, std::string_view error, int status) {
  mstch::map context{{"email", std::string(email)}, {"weiter", std::string(next)}};
  if (!error.empty()) context["error"] = std::string(error);
  return render_page(req, services, "Anmelden", "account/login", context, status);
}

}  // namespace

void register_account_routes(Router& router, Services& services) {
  router.get("/anmelden", [&services](Request& req) {
    if (current_user(req)) return Response::redirect(safe_next(req.query.get_or("weiter", "/konto")));
    return login_form(req, services, "", req.query.get_or("weiter", ""), "", 200);
  });

  router.post("/anmelden", [&services](Request& req) {
    const auto& form = req.form();
    std::string email = form.get_or("email", "");
    std::string password = form.get_or("password", "");
    std::string next = form.get_or("weiter", "");
    if (email.empty() || password.empty()) {
      return login_form(req, services, email, next, "Bitte geben Sie E-Mail-Adresse und Passwort ein.", 422);
    }
    auto db = services.pool.acquire();
    if (login_throttled(*db, email, req.remote_address)) {
      audit(*db, std::nullopt, "user.login_throttled", "user", email, "{}", req.remote_address);
      return login_form(req, services, email, next,
                        "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten.", 429);
    }
    auto user = find_user_by_email(*db, email);
    std::string hash;
    if (user) {
      hash = db->query_one("SELECT password_hash FROM users WHERE id = ?", {user->id})->text(0);
    }
    if (!user || !verify_password(hash, password)) {
      record_login_failure(*db, email, req.remote_address);
      audit(*db, std::nullopt, "user.login_failed", "user", email, "{}", req.remote_address);
      return login_form(req, services, email, next, "E-Mail-Adresse oder Passwort ist falsch.", 401);
    }
    clear_login_failures(*db, email);
    auto token = create_session(*db, user->id, req.remote_address, req.header("User-Agent").value_or(""));
    audit(*db, user->id, "user.login", "user", std::to_string(user->id), "{}", req.remote_address);
    Response res = Response::redirect(safe_next(next));
    CookieOptions options;
    options.secure = services.config.secure_cookies;
    options.max_age_seconds = kSessionSeconds;
    res.add_header("Set-Cookie", make_set_cookie(kSessionCookie, token, options));
    return res;
  });

  router.post("/abmelden", [&services](Request& req) {
    if (auto token = req.cookie(kSessionCookie)) {
      auto db = services.pool.acquire();
      if (auto user = current_user(req)) {
        audit(*db, user->id, "user.logout", "user", std::to_string(user->id), "{}", req.remote_address);
      }
      delete_session(*db, *token);
    }
    Response res = Response::redirect("/");
    CookieOptions options;
    options.secure = services.config.secure_cookies;
    options.max_age_seconds = 0;
    res.add_header("Set-Cookie", make_set_cookie(kSessionCookie, "", options));
    return res;
  });

  router.get("/konto", [&services](Request& req) {
    if (auto denied = require_login(req)) return *denied;
    auto user = current_user(req);
    mstch::array roles;
    for (const auto& role : user->roles) roles.push_back(mstch::map{{"label", std::string(role_label(role))}});
    return render_page(req, services, "Mein Konto", "account/konto",
                       mstch::map{{"email", user->email}, {"name", user->name}, {"roles", roles}});
  });
}

}  // namespace rf::http
