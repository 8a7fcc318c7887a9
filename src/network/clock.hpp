// Dates as the network module shows and reads them. One place, so that the
// module follows the platform's German civil-time helpers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rf::network {

std::int64_t now_seconds();
std::string today_iso(std::int64_t now);                             // "2026-03-31"
std::optional<std::int64_t> parse_date(std::string_view iso);        // "2026-03-31" -> midnight
std::optional<std::int64_t> parse_datetime(std::string_view local);  // "2026-03-31T14:30"
std::string format_date(std::int64_t t);                             // "31.03.2026"
std::string format_datetime(std::int64_t t);                         // "31.03.2026, 14:30 Uhr"
std::string format_iso_date_de(std::string_view iso);                // "2026-03-31" -> "31.03.2026"
int year_of(std::int64_t t);

}  // namespace rf::network
