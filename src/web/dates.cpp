#include "web/dates.hpp"

#include <cstdio>

namespace rf::web {
namespace {

constexpr std::int64_t kDay = 86400;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return {y, m, d};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Day number of the last Sunday of `month` in `year`.
std::int64_t last_sunday(int year, int month) {
  int next_month = month == 12 ? 1 : month + 1;
  int next_year = month == 12 ? year + 1 : year;
  std::int64_t last = days_from_civil(next_year, next_month, 1) - 1;
  // 1970-01-01 was a Thursday: weekday 0 = Sunday -> (days + 4) mod 7.
  std::int64_t weekday = ((last + 4) % 7 + 7) % 7;
  return last - weekday;
}

struct LocalTime {
  CivilDate date;
  int hour, minute, second;
};

LocalTime to_local(std::int64_t utc) {
  std::int64_t local = utc + berlin_offset(utc);
  std::int64_t days = floor_div(local, kDay);
  std::int64_t rest = local - days * kDay;
  return {civil_from_days(days), static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
          static_cast<int>(rest % 60)};
}

bool parse_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

bool valid_date(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  CivilDate back = civil_from_days(days_from_civil(y, m, d));
  return back.day == d && back.month == m;
}

// "YYYY-MM-DD" (at the start of longer text too) as a valid calendar date.
std::optional<CivilDate> parse_civil(std::string_view text) {
  int y, m, d;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !parse_int(text.substr(0, 4), y) ||
      !parse_int(text.substr(5, 2), m) || !parse_int(text.substr(8, 2), d) || !valid_date(y, m, d)) {
    return std::nullopt;
  }
  return CivilDate{y, m, d};
}

// snprintf into a std::string, for the short fixed patterns below.
template <class... Args>
std::string printed(const char* pattern, Args... args) {
  char buf[40];
  std::snprintf(buf, sizeof buf, pattern, args...);
  return buf;
}

constexpr const char* kMonths[] = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                                   "Juli",   "August",  "September", "Oktober", "November", "Dezember"};

}  // namespace

std::int64_t berlin_offset(std::int64_t utc) {
  int year = civil_from_days(floor_div(utc, kDay)).year;
  // Summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC each.
  std::int64_t start = last_sunday(year, 3) * kDay + 3600;
  std::int64_t end = last_sunday(year, 10) * kDay + 3600;
  return (utc >= start && utc < end) ? 7200 : 3600;
}

CivilDate berlin_date(std::int64_t utc) { return to_local(utc).date; }

std::int64_t berlin_to_utc(const CivilDate& date, int hour, int minute) {
  std::int64_t local = days_from_civil(date.year, date.month, date.day) * kDay + hour * 3600 + minute * 60;
  // Try summer time first so that an ambiguous autumn hour maps to the earlier instant.
  for (std::int64_t offset : {7200, 3600}) {
    if (berlin_offset(local - offset) == offset) return local - offset;
  }
  return local - 3600;  // a wall-clock time skipped in spring
}

std::int64_t berlin_midnight(const CivilDate& date) { return berlin_to_utc(date, 0, 0); }

std::string format_date_de(std::int64_t utc) {
  auto t = to_local(utc);
  return printed("%02d.%02d.%04d", t.date.day, t.date.month, t.date.year);
}

std::string format_date_long_de(std::int64_t utc) {
  auto t = to_local(utc);
  return std::to_string(t.date.day) + ". " + kMonths[t.date.month - 1] + " " + std::to_string(t.date.year);
}

std::string format_datetime_de(std::int64_t utc) {
  auto t = to_local(utc);
  return printed("%02d.%02d.%04d, %02d:%02d Uhr", t.date.day, t.date.month, t.date.year, t.hour, t.minute);
}

std::string iso_date(std::int64_t utc) {
  auto t = to_local(utc);
  return printed("%04d-%02d-%02d", t.date.year, t.date.month, t.date.day);
}

std::string datetime_local(std::int64_t utc) {
  auto t = to_local(utc);
  return printed("%04d-%02d-%02dT%02d:%02d", t.date.year, t.date.month, t.date.day, t.hour, t.minute);
}

std::string rfc3339_utc(std::int64_t utc) {
  std::int64_t days = floor_div(utc, kDay);
  std::int64_t rest = utc - days * kDay;
  CivilDate d = civil_from_days(days);
  return printed("%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, static_cast<int>(rest / 3600),
                 static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
}

int berlin_year(std::int64_t utc) { return to_local(utc).date.year; }

std::optional<std::int64_t> parse_iso_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  auto date = parse_civil(text);
  if (!date) return std::nullopt;
  return berlin_midnight(*date);
}

std::optional<std::int64_t> parse_datetime_local(std::string_view text) {
  if (text.size() == 19) text = text.substr(0, 16);  // drop ":ss"
  int hour, minute;
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':' || !parse_int(text.substr(11, 2), hour) ||
      !parse_int(text.substr(14, 2), minute) || hour > 23 || minute > 59) {
    return std::nullopt;
  }
  auto date = parse_civil(text);
  if (!date) return std::nullopt;
  return berlin_to_utc(*date, hour, minute);
}

}  // namespace rf::web
