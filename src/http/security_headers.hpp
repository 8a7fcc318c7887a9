// The security headers every response carries, pages and static files alike:
// one list, so the router's middleware and the static file cache agree.
#pragma once

#include <string_view>
#include <utility>

namespace rf::http {

inline constexpr std::string_view kDefaultContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

// Content-Security-Policy is not in this list: a page may set its own (see
// kDefaultContentSecurityPolicy for the one used otherwise).
inline constexpr std::pair<std::string_view, std::string_view> kSecurityHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "strict-origin-when-cross-origin"},
    {"X-Frame-Options", "DENY"},
    {"Permissions-Policy", "geolocation=(), camera=(), microphone=()"},
};

}  // namespace rf::http
