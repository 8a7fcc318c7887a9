// The public website (portal module): its one public entry point.
#pragma once

#include "http/router.hpp"
#include "http/web.hpp"

namespace rf::portal {

void register_routes(http::Router& router, http::Services& services);

}  // namespace rf::portal
