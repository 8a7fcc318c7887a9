// The password reset by mail: /passwort-vergessen asks for a link, the mail
// (through the outbox, in the transaction that stores the token) carries a
// single-use link valid one hour, /passwort-neu sets the new password, ends
// every session of the user and logs this browser in.
//
// The request page answers the same for known and unknown addresses, and
// after the same time: every answer waits until kAnswerFloorMs have passed
// since the request arrived, so the few extra writes for a known address do
// not show in the timing either.
#include <algorithm>
#include <chrono>

#include "web/dates.hpp"
#include "web/outbox.hpp"
#include "web/web.hpp"

namespace rf::web {

using http::Request;
using http::Response;

namespace {

constexpr int kAnswerFloorMs = 400;

Response request_form(const Request& req, const Services& services, mstch::map context, int status = 200) {
  context["form"] = true;
  return render_page(req, services, "Passwort vergessen", "account/passwort_vergessen", std::move(context), status);
}

std::string reset_mail_text(const User& user, std::string_view link, std::int64_t expires_at) {
  std::string text = "Guten Tag" + (user.name.empty() ? std::string() : " " + user.name) + ",\n\n";
  text += "für Ihr Konto bei RuhrFutur wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest:\n\n";
  text += std::string(link) + "\n\n";
  text += "Der Link gilt eine Stunde (bis " + format_datetime_de(expires_at) +
          ") und nur einmal. Wenn Sie kein neues Passwort angefordert haben, können Sie diese Mail ignorieren: "
          "Ihr bisheriges Passwort bleibt gültig.\n\n";
  text += "Mit freundlichen Grüßen\nRuhrFutur\n";
  return text;
}

Response request_post(Request& req, const Services& services) {
  const auto started = std::chrono::steady_clock::now();
  auto answer = [&started](Response res) {
    const auto spent =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    res.delay_ms = static_cast<int>(std::max<std::int64_t>(0, kAnswerFloorMs - spent));
    res.set_header("Cache-Control", "no-store");
    return res;
  };
  std::string email = req.form().get_or("email", "");
  mstch::map context{{"email", email}};
  if (mail_address(email).empty() || email.find('<') != std::string::npos) {
    context["error"] = std::string(email.empty() ? "Bitte geben Sie Ihre E-Mail-Adresse ein."
                                                 : "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel "
                                                   "name@beispiel.de.");
    return answer(request_form(req, services, std::move(context), 422));
  }
  auto db = services.pool.acquire();
  if (mail_requests_exhausted(*db, req.remote_address)) {
    context["error"] = std::string(
        "Von Ihrem Anschluss wurden in kurzer Zeit zu viele Anfragen abgeschickt. Bitte versuchen Sie es in "
        "15 Minuten noch einmal.");
    Response res = request_form(req, services, std::move(context), 429);
    res.set_header("Retry-After", std::to_string(kThrottleWindowSeconds));
    return answer(std::move(res));
  }
  // Past the limit of the address, nothing is sent, and the answer says the
  // same as always; the request still counts against the client.
  if (reset_requests_exhausted(*db, email)) {
    record_mail_request(*db, req.remote_address);
  } else {
    const std::int64_t now = unix_now();
    db::Transaction tx(*db);
    record_reset_request(*db, email, req.remote_address);
    auto user = find_user_by_email(*db, email);
    if (user) {
      const std::string token = create_password_reset(*db, user->id, now);
      const std::string link = services.settings.base_url + "/passwort-neu?token=" + token;
      enqueue(*db, Mail{.to = user->email,
                        .subject = "Neues Passwort für Ihr RuhrFutur-Konto",
                        .text = reset_mail_text(*user, link, now + kPasswordResetSeconds),
                        .category = "account.password_reset",
                        .ref_id = user->id});
    }
    audit(*db, user ? std::optional<std::int64_t>(user->id) : std::nullopt, "user.password_reset_requested", "user",
          email, user ? R"({"account":true})" : R"({"account":false})", req.remote_address);
    tx.commit();
  }
  mstch::map sent{{"email", email}, {"sent", true}};
  return answer(render_page(req, services, "Bitte prüfen Sie Ihr Postfach", "account/passwort_vergessen", sent));
}

Response invalid_link(const Request& req, const Services& services) {
  auto res = render_page(req, services, "Link ungültig", "account/passwort_neu", mstch::map{{"invalid", true}}, 410);
  res.set_header("Cache-Control", "no-store");
  return res;
}

Response new_password_form(const Request& req, const Services& services, std::string_view token, std::string_view error,
                           int status) {
  mstch::map context{{"form", true}, {"token", std::string(token)}};
  if (!error.empty()) context["error"] = std::string(error);
  auto res = render_page(req, services, "Neues Passwort festlegen", "account/passwort_neu", context, status);
  res.set_header("Cache-Control", "no-store");
  return res;
}

Response new_password_get(Request& req, const Services& services) {
  std::string token = req.query.get_or("token", "");
  auto db = services.pool.acquire();
  if (!password_reset_user(*db, token, unix_now())) return invalid_link(req, services);
  return new_password_form(req, services, token, "", 200);
}

Response new_password_post(Request& req, const Services& services) {
  const auto& form = req.form();
  std::string token = form.get_or("token", "");
  std::string password = form.get_or("password", "");
  std::string repeated = form.get_or("password2", "");
  auto db = services.pool.acquire();
  if (!password_reset_user(*db, token, unix_now())) return invalid_link(req, services);
  std::string problem = password_problem(password);
  if (problem.empty() && password != repeated) problem = "Die beiden Eingaben stimmen nicht überein.";
  if (!problem.empty()) return new_password_form(req, services, token, problem, 422);
  auto user_id = complete_password_reset(*db, token, password, unix_now());
  if (!user_id) return invalid_link(req, services);  // the same link was used meanwhile
  audit(*db, *user_id, "user.password_reset", "user", std::to_string(*user_id), "{}", req.remote_address);
  // Every other session ended with the reset; this browser starts a new one.
  auto session = create_session(*db, *user_id, req.remote_address, req.header("User-Agent").value_or(""));
  Response res = Response::redirect("/konto?passwort-geaendert=1");
  http::CookieOptions options;
  options.secure = services.settings.secure_cookies;
  options.max_age_seconds = kSessionSeconds;
  res.add_header("Set-Cookie", http::make_set_cookie(kSessionCookie, session, options));
  return res;
}

}  // namespace

void register_password_reset_routes(http::Router& router, Services& services) {
  router.get("/passwort-vergessen", [&services](Request& req) {
    return request_form(req, services, mstch::map{{"email", req.query.get_or("email", "")}});
  });
  router.post("/passwort-vergessen", [&services](Request& req) { return request_post(req, services); });
  router.get("/passwort-neu", [&services](Request& req) { return new_password_get(req, services); });
  // argon2 takes tens of milliseconds: not on an I/O thread.
  router.post(
      "/passwort-neu", [&services](Request& req) { return new_password_post(req, services); },
      http::RouteOptions{0, {}, http::always_slow});
}

}  // namespace rf::web
