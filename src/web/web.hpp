// What every page handler needs: the settings, the connection pool, the
// templates, the current user and CSRF token (middleware.hpp), role checks,
// the German base layout. The one header modules include from web/.
#pragma once

#include <string>
#include <string_view>

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
// this site, else "/konto". Nothing that a browser could read as another host.
std::string after_login_path(std::string_view next);

// Registers /anmelden (login form), /abmelden (logout) and /konto.
void register_account_routes(http::Router& router, Services& services);

}  // namespace rf::web
