// Small helpers shared by the HTTP files: HTTP dates, JSON string escaping,
// HTML escaping. Internal to src/http, but Boost-free so tests can use them.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace rf::http {

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate).
std::string http_date(std::time_t t);
// Parses IMF-fixdate (the only form clients send today); nullopt otherwise.
std::optional<std::time_t> parse_http_date(std::string_view text);

// Appends text as the inside of a JSON string: quotes, backslashes and control
// characters escaped, invalid UTF-8 bytes replaced by U+FFFD so that the
// output is always valid JSON.
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace rf::http
