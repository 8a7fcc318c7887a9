#include "monitor/model/period.hpp"

#include <cctype>
#include <cstdio>

#include "text/number.hpp"
#include "text/strings.hpp"

namespace rf::monitor {

namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2200;

using text::all_digits;
using text::trim;

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool plausible_year(int year) { return year >= kMinYear && year <= kMaxYear; }

// Removes a case-insensitive prefix word followed by space or ':'.
bool strip_prefix(std::string_view& s, std::string_view prefix) {
  if (s.size() <= prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  }
  char next = s[prefix.size()];
  if (next != ' ' && next != ':') return false;
  s.remove_prefix(prefix.size() + 1);
  s = trim(s);
  if (!s.empty() && s.front() == ':') s = trim(s.substr(1));
  return true;
}

std::optional<int> parse_year(std::string_view s) {
  if (s.size() != 4 || !all_digits(s)) return std::nullopt;
  int y = to_int(s);
  if (!plausible_year(y)) return std::nullopt;
  return y;
}

// "2023/24", "2023/2024", "2023-24", "2023-2024": the first year, when the
// second is the year after.
std::optional<int> parse_two_years(std::string_view s) {
  if (s.size() < 7) return std::nullopt;
  auto first = parse_year(s.substr(0, 4));
  if (!first || (s[4] != '/' && s[4] != '-')) return std::nullopt;
  std::string_view second = s.substr(5);
  if (second.size() == 2 && all_digits(second)) {
    if (to_int(second) != (*first + 1) % 100) return std::nullopt;
    return first;
  }
  if (second.size() == 4 && all_digits(second)) {
    if (to_int(second) != *first + 1) return std::nullopt;
    return first;
  }
  return std::nullopt;
}

}  // namespace

std::string Period::key() const {
  char buffer[32];
  switch (kind) {
    case PeriodKind::year: std::snprintf(buffer, sizeof buffer, "%04d", year); break;
    case PeriodKind::school_year: std::snprintf(buffer, sizeof buffer, "%04d/%02d", year, (year + 1) % 100); break;
    case PeriodKind::date: std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day); break;
    case PeriodKind::semester:
      if (month == 10) {
        std::snprintf(buffer, sizeof buffer, "%04d/%02d-WS", year, (year + 1) % 100);
      } else {
        std::snprintf(buffer, sizeof buffer, "%04d-SS", year);
      }
      break;
  }
  return buffer;
}

std::string Period::label_de() const {
  char buffer[32];
  switch (kind) {
    case PeriodKind::year: std::snprintf(buffer, sizeof buffer, "%d", year); break;
    case PeriodKind::school_year: std::snprintf(buffer, sizeof buffer, "%d/%02d", year, (year + 1) % 100); break;
    case PeriodKind::date: std::snprintf(buffer, sizeof buffer, "%02d.%02d.%04d", day, month, year); break;
    case PeriodKind::semester:
      if (month == 10) {
        std::snprintf(buffer, sizeof buffer, "WS %d/%02d", year, (year + 1) % 100);
      } else {
        std::snprintf(buffer, sizeof buffer, "SS %d", year);
      }
      break;
  }
  return buffer;
}

std::optional<Period> parse_period(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;

  std::string_view rest = s;
  if (strip_prefix(rest, "Wintersemester") || strip_prefix(rest, "WS") || strip_prefix(rest, "WiSe")) {
    if (auto first = parse_two_years(rest)) return Period{PeriodKind::semester, *first, 10, 0};
    return std::nullopt;
  }
  rest = s;
  if (strip_prefix(rest, "Sommersemester") || strip_prefix(rest, "SS") || strip_prefix(rest, "SoSe")) {
    if (auto y = parse_year(rest)) return Period{PeriodKind::semester, *y, 4, 0};
    return std::nullopt;
  }
  rest = s;
  if (strip_prefix(rest, "Schuljahr") || strip_prefix(rest, "SJ")) {
    if (auto first = parse_two_years(rest)) return Period::of_school_year(*first);
    return std::nullopt;
  }
  rest = s;
  if (strip_prefix(rest, "Stichtag")) s = rest;
  rest = s;
  if (strip_prefix(rest, "Jahr") || strip_prefix(rest, "Berichtsjahr")) s = rest;

  if (auto y = parse_year(s)) return Period::of_year(*y);
  if (auto first = parse_two_years(s)) {
    // "2023-24" and "2023/24" are school years; an ISO date has two dashes.
    return Period::of_school_year(*first);
  }
  if (auto d = text::parse_german_date(s); d && plausible_year(d->year)) {
    return Period::of_date(d->year, d->month, d->day);
  }
  if (auto d = text::parse_iso_date(s); d && plausible_year(d->year)) {
    return Period::of_date(d->year, d->month, d->day);
  }
  return std::nullopt;
}

std::optional<Period> parse_period_key(std::string_view key) {
  if (key.size() == 4) {
    if (auto y = parse_year(key)) return Period::of_year(*y);
    return std::nullopt;
  }
  if (key.size() == 7 && key[4] == '/') {
    if (auto first = parse_two_years(key)) return Period::of_school_year(*first);
    return std::nullopt;
  }
  if (key.size() == 10 && key[4] == '-') {
    if (auto d = text::parse_iso_date(key); d && plausible_year(d->year)) {
      return Period::of_date(d->year, d->month, d->day);
    }
    return std::nullopt;
  }
  if (key.size() == 10 && key.substr(7) == "-WS") {
    if (auto first = parse_two_years(key.substr(0, 7))) {
      return Period{PeriodKind::semester, *first, 10, 0};
    }
    return std::nullopt;
  }
  if (key.size() == 7 && key.substr(4) == "-SS") {
    if (auto y = parse_year(key.substr(0, 4))) return Period{PeriodKind::semester, *y, 4, 0};
  }
  return std::nullopt;
}

}  // namespace rf::monitor
