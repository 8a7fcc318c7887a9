// The monitor module's routes: /monitor pages (overview, indicators, regions,
// schools, catalogue and goals for data stewards) and the open-data API under
// /api/v1/. Other modules use monitor/indicators.hpp instead.
#pragma once

#include "http/router.hpp"
#include "http/web.hpp"

namespace rf::monitor {

void register_routes(http::Router& router, http::Services& services);

}  // namespace rf::monitor
