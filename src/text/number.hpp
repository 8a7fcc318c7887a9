// Numbers and dates the German way: parsing "1.234,5" and "1234.5", writing
// "1.234,5" and "31.12.2024".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rf::text {

enum class NumberStyle {
  german,  // decimal comma, optional '.' thousands groups: 1.234,5
  plain,   // decimal point, no grouping: 1234.5
};

// Parses a whole field (surrounding spaces allowed, an optional leading '-' or
// '+'); nullopt when anything else is left over. German style checks that
// thousands groups have three digits, so "1.23" is rejected, not read as 123.
std::optional<double> parse_number(std::string_view text, NumberStyle style);

// Writes a number with exactly `decimals` decimals in de-DE style:
// format_number(1234.5, 1) == "1.234,5", format_number(-1234567, 0) ==
// "-1.234.567". Rounding is half away from zero (2.5 → "3"), as in the
// published tables; a result that rounds to zero has no minus sign.
std::string format_number(double value, int decimals);
// The shortest text that reads back as the same double, de-DE decimal comma,
// no grouping (for files that are read by programs): 1234.5 → "1234,5".
std::string format_number_exact(double value);

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

bool is_valid_date(const Date& date);
// "31.12.2024" (also "1.2.2024"); nullopt for anything else or impossible dates.
std::optional<Date> parse_german_date(std::string_view text);
// "2024-12-31"
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_german_date(const Date& date);  // "31.12.2024"
std::string format_iso_date(const Date& date);     // "2024-12-31"

}  // namespace rf::text
