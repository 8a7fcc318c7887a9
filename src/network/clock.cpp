#include "network/clock.hpp"

#include <chrono>
#include <cstdio>

#include "text/number.hpp"

namespace rf::network {
namespace {

using namespace std::chrono;

// TODO(web/dates): German civil time once the shared date helpers are in web/.
year_month_day ymd(std::int64_t t) { return year_month_day{floor<days>(sys_seconds{seconds{t}})}; }

}  // namespace

std::int64_t now_seconds() { return duration_cast<seconds>(system_clock::now().time_since_epoch()).count(); }

std::string today_iso(std::int64_t now) {
  auto d = ymd(now);
  return text::format_iso_date({int(d.year()), int(unsigned(d.month())), int(unsigned(d.day()))});
}

std::optional<std::int64_t> parse_date(std::string_view iso) {
  auto d = text::parse_iso_date(iso);
  if (!d) return std::nullopt;
  sys_days day{year{d->year} / month{unsigned(d->month)} / std::chrono::day{unsigned(d->day)}};
  return duration_cast<seconds>(day.time_since_epoch()).count();
}

std::optional<std::int64_t> parse_datetime(std::string_view local) {
  if (local.size() < 16 || local[10] != 'T' || local[13] != ':') return std::nullopt;
  auto day = parse_date(local.substr(0, 10));
  int hour = 0, minute = 0;
  if (!day || std::sscanf(std::string(local.substr(11, 5)).c_str(), "%2d:%2d", &hour, &minute) != 2)
    return std::nullopt;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
  return *day + hour * 3600 + minute * 60;
}

std::string format_date(std::int64_t t) {
  auto d = ymd(t);
  return text::format_german_date({int(d.year()), int(unsigned(d.month())), int(unsigned(d.day()))});
}

std::string format_datetime(std::int64_t t) {
  auto secs = t - parse_date(today_iso(t)).value_or(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, ", %02d:%02d Uhr", int(secs / 3600), int(secs % 3600 / 60));
  return format_date(t) + buf;
}

std::string format_iso_date_de(std::string_view iso) {
  auto d = text::parse_iso_date(iso);
  return d ? text::format_german_date(*d) : std::string(iso);
}

int year_of(std::int64_t t) { return int(ymd(t).year()); }

}  // namespace rf::network
