#include "web/chain.hpp"

#include "web/middleware.hpp"

namespace rf::web {

void use_standard_chain(http::Router& router, Services& services) {
  router.use(security_headers_middleware());
  // Outside everything that uses the database: a restart becomes 503.
  router.use(database_unavailable_middleware());
  router.use(input_validation_middleware());
  router.use(session_middleware(services));
  // Inside the session middleware, so that a styled error page knows the user.
  router.use(error_page_middleware(services));
}

}  // namespace rf::web
