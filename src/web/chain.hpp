// The middleware chain every page of the program runs behind, in its one
// order. The app (app/serve.cpp) and the tests that serve a module's pages
// install it the same way, so that a test sees what a visitor sees.
#pragma once

#include "http/router.hpp"

namespace rf::web {

struct Services;

// Registers, outermost first: security headers, a lost database answered
// with 503, input validation, session and CSRF, then the styled error pages
// (web/middleware.hpp).
// Register routes after it; middleware that must see the final status (the
// app's visit counting) goes before it.
void use_standard_chain(http::Router& router, Services& services);

}  // namespace rf::web
