#include "network/clock.hpp"

#include "text/number.hpp"
#include "web/accounts.hpp"
#include "web/dates.hpp"

// Every date of the network (deadlines, meetings, reminders) is German civil
// time: the platform's one Europe/Berlin implementation in web/dates.hpp.
namespace rf::network {

std::int64_t now_seconds() { return web::unix_now(); }

std::string today_iso(std::int64_t now) { return web::iso_date(now); }

std::optional<std::int64_t> parse_date(std::string_view iso) { return web::parse_iso_date(iso); }

std::optional<std::int64_t> parse_datetime(std::string_view local) {
  // "YYYY-MM-DDTHH:MM" as <input type=datetime-local> sends it; seconds after it are ignored.
  if (local.size() < 16) return std::nullopt;
  return web::parse_datetime_local(local.substr(0, 16));
}

std::string format_date(std::int64_t t) { return web::format_date_de(t); }

std::string format_datetime(std::int64_t t) { return web::format_datetime_de(t); }

std::string format_iso_date_de(std::string_view iso) {
  auto d = text::parse_iso_date(iso);
  return d ? text::format_german_date(*d) : std::string(iso);
}

int year_of(std::int64_t t) { return web::berlin_year(t); }

}  // namespace rf::network
