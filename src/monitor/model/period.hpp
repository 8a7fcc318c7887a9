// The time a statistic refers to: a calendar year, a school year (Aug–Jul,
// written 2023/24), a reference date (Stichtag 31.12.2024) or a university
// semester (WS 2023/24, SS 2024).
//
// Every period has a canonical key that sorts within its kind and is what the
// database stores: "2023", "2023/24", "2024-12-31", "2023/24-WS", "2024-SS".
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rf::monitor {

enum class PeriodKind : std::uint8_t { year, school_year, date, semester };

struct Period {
  PeriodKind kind = PeriodKind::year;
  int year = 0;   // the calendar year; for school years and winter semesters the first year
  int month = 0;  // dates only; semesters: 4 (summer) or 10 (winter)
  int day = 0;    // dates only

  static Period of_year(int year) { return {PeriodKind::year, year, 0, 0}; }
  static Period of_school_year(int first_year) { return {PeriodKind::school_year, first_year, 0, 0}; }
  static Period of_date(int year, int month, int day) { return {PeriodKind::date, year, month, day}; }

  // "2023", "2023/24", "2024-12-31", "2023/24-WS", "2024-SS"
  std::string key() const;
  // How German tables write it: "2023", "2023/24", "31.12.2024", "WS 2023/24", "SS 2024".
  std::string label_de() const;

  friend bool operator==(const Period&, const Period&) = default;
  friend auto operator<=>(const Period&, const Period&) = default;
};

// Parses what statistics files write: "2023", "Jahr 2023", "31.12.2024",
// "Stichtag 31.12.2024", "2024-12-31", "2023/24", "2023/2024", "2023-24",
// "Schuljahr 2023/24", "SJ 2023/24", "WS 2023/24", "Wintersemester 2023/24",
// "SS 2024", "Sommersemester 2024". Years must lie in 1800..2200.
std::optional<Period> parse_period(std::string_view text);
// Parses a canonical key as written by Period::key().
std::optional<Period> parse_period_key(std::string_view key);

}  // namespace rf::monitor
