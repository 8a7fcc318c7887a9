// View helpers the statistics pages share (import pages, dataset browser):
// page links, de-DE counts and dates (module-internal).
#pragma once

#include <cstdint>
#include <string>

#include <mstch/mstch.hpp>

#include "http/request.hpp"

namespace rf::monitor {

// The page asked for by ?seite=N (1 when missing or malformed).
std::int64_t page_number(const http::Request& req);
// Context for templates/monitor/import/seiten.mustache; `base` is the URL
// with its query (without seite).
mstch::map pagination_view(std::int64_t page, std::int64_t pages, const std::string& base);

std::string count_de(std::uint64_t n);                      // 1234567 → "1.234.567"
std::string format_stand(const std::string& iso_date);      // "2025-03-13" → "13.03.2025"
std::string format_datetime_de(std::int64_t unix_seconds);  // "13.03.2025, 16:40"

}  // namespace rf::monitor
