// The admission check of upload routes (http::RouteOptions::admit): the
// session and role are checked from the request's header, before the server
// reads a byte of a large body.
#pragma once

#include <string>

#include "http/router.hpp"

namespace rf::http {

struct Services;

// Lets the request in when its session cookie belongs to a user with `role`;
// otherwise the answer of require_role (login redirect or 403), sent before
// the body is read.
Admission role_before_body(Services& services, std::string role);

}  // namespace rf::http
