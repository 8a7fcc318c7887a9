// Every route of the program in one router (used by `serve` and by the tests).
#pragma once

#include "http/router.hpp"
#include "web/web.hpp"

namespace rf::app {

void register_all_routes(http::Router& router, web::Services& services);
// /healthz and /metrics only (part of register_all_routes).
void register_operations_routes(http::Router& router, web::Services& services);

}  // namespace rf::app
