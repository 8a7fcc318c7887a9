// What every page handler needs: the settings, the connection pool, the
// templates, the current user and CSRF token (middleware.hpp), role checks,
// the German base layout. The one header modules include from web/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

#include "db/pool.hpp"
#include "http/router.hpp"
#include "web/accounts.hpp"
#include "web/audit.hpp"
#include "web/middleware.hpp"
#include "web/settings.hpp"
#include "web/templates.hpp"

namespace rf::web {

struct Services {
  Settings settings;
  db::Pool& pool;
  const Templates& templates;
};

// Renders template `name` with `context` into the base layout. The context
// gets `csrf`, `user_name` and `logged_in` added.
http::Response render_page(const http::Request& req, const Services& services, std::string_view title,
                           std::string_view name, mstch::map context, int status = 200);

// Where to go after login: `next` (the form's `weiter`) when it is a path on
// this site worth returning to (not the home page or an account page), else
// `fallback`. Nothing that a browser could read as another host.
std::string after_login_path(std::string_view next, std::string_view fallback = "/konto");
// The layout's "Anmelden" link on the page at `path`: back to it after login
// when after_login_path() accepts it.
std::string login_link(std::string_view path);

// A place where a user's roles let them work (/redaktion, /daten/import, …).
struct WorkArea {
  std::string_view path;
  std::string_view label;  // "Redaktion"
  std::string_view what;   // one German sentence fragment: what is done there
};
// The user's work areas, the most important first (editor before data steward
// before network, school and training institution).
std::vector<WorkArea> work_areas(const User& user);
// Where a login without a page to return to lands: the first work area, or
// /konto for a user without one.
std::string landing_path(const User& user);

// Registers /anmelden (login form), /abmelden (logout), /konto and the
// password reset pages.
void register_account_routes(http::Router& router, Services& services);
// /passwort-vergessen (asks for a link by mail) and /passwort-neu (the link's
// page, sets the new password); called by register_account_routes.
void register_password_reset_routes(http::Router& router, Services& services);

}  // namespace rf::web
