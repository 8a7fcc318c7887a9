#include "portal/portal.hpp"

namespace rf::portal {

void register_routes(http::Router& router, http::Services& services) {
  router.get("/", [&services](http::Request& req) {
    return http::render_page(req, services, "Startseite", "portal/home", mstch::map{});
  });
}

}  // namespace rf::portal
