// Page links for long lists (?seite=N), the same on every page that has them:
// the values for templates/pagination.mustache.
#pragma once

#include <cstdint>
#include <string_view>

#include <mstch/mstch.hpp>

#include "http/request.hpp"

namespace rf::web {

struct Pagination {
  std::int64_t page = 1;  // 1-based
  std::int64_t pages = 1;
  std::int64_t per_page = 10;
  std::int64_t offset() const { return (page - 1) * per_page; }
};

// The page asked for by ?seite=N: 1 when missing or malformed, not clamped
// (for lists that learn their length only while reading a page).
std::int64_t requested_page(const http::Request& req);
// ?seite=N clamped to 1..pages for `total` items, `per_page` a page.
Pagination paginate(const http::Request& req, std::int64_t total, std::int64_t per_page);

// Template values: {pages: [{number, url, current} or {gap}], prev_url,
// next_url, multiple, page, page_count}: the first, the last and two pages
// either side of the current one. `base` is the list's address with its other
// query parameters, e.g. "/daten/importe", "/suche?q=x" (a trailing ? or & is fine).
mstch::map pagination_view(const Pagination& p, std::string_view base);

}  // namespace rf::web
