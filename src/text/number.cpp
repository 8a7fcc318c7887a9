#include "text/number.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "text/strings.hpp"

namespace rf::text {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads a run of digits; returns how many.
std::size_t digits(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  return j - i;
}

std::optional<double> to_double(std::string_view ascii) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
  if (ec != std::errc() || ptr != ascii.data() + ascii.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<double> parse_number(std::string_view text, NumberStyle style) {
  std::string_view s = trim_blanks(text);
  if (s.empty()) return std::nullopt;
  // Normalised into a small buffer in the "C" form from_chars expects.
  char buffer[64];
  std::size_t n = 0;
  std::size_t i = 0;
  if (s[0] == '-' || s[0] == '+') {
    if (s[0] == '-') buffer[n++] = '-';
    i = 1;
  }
  std::size_t lead = digits(s, i);
  if (lead == 0) return std::nullopt;
  if (s.size() >= sizeof buffer) return std::nullopt;
  const char decimal = style == NumberStyle::german ? ',' : '.';
  for (std::size_t k = 0; k < lead; ++k) buffer[n++] = s[i + k];
  i += lead;
  if (style == NumberStyle::german) {
    // Thousands groups: 1.234.567 — the first group has 1–3 digits.
    bool grouped = false;
    while (i < s.size() && s[i] == '.') {
      if (digits(s, i + 1) != 3 || (!grouped && lead > 3)) return std::nullopt;
      for (std::size_t k = 1; k <= 3; ++k) buffer[n++] = s[i + k];
      i += 4;
      grouped = true;
    }
  }
  if (i < s.size() && s[i] == decimal) {
    std::size_t frac = digits(s, i + 1);
    if (frac == 0) return std::nullopt;
    buffer[n++] = '.';
    for (std::size_t k = 1; k <= frac; ++k) buffer[n++] = s[i + k];
    i += frac + 1;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    // Exponents appear in machine-written plain numbers only.
    if (style != NumberStyle::plain) return std::nullopt;
    buffer[n++] = 'e';
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) buffer[n++] = s[i++];
    std::size_t exp = digits(s, i);
    if (exp == 0) return std::nullopt;
    for (std::size_t k = 0; k < exp; ++k) buffer[n++] = s[i + k];
    i += exp;
  }
  if (i != s.size()) return std::nullopt;
  return to_double(std::string_view(buffer, n));
}

std::string format_number(double value, int decimals) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-∞" : "∞";
  if (decimals < 0) decimals = 0;
  if (decimals > 15) decimals = 15;
  double scale = std::pow(10.0, decimals);
  double scaled = std::round(std::fabs(value) * scale);
  std::string digits_text;
  if (scaled < 9.0e15) {
    digits_text = std::to_string(static_cast<std::uint64_t>(scaled));
  } else {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.0f", scaled);
    digits_text = buffer;
  }
  if (static_cast<int>(digits_text.size()) <= decimals) {
    digits_text.insert(0, decimals + 1 - digits_text.size(), '0');
  }
  std::string integer = digits_text.substr(0, digits_text.size() - decimals);
  std::string fraction = digits_text.substr(digits_text.size() - decimals);
  std::string out;
  bool negative = value < 0 && scaled != 0;
  if (negative) out.push_back('-');
  for (std::size_t k = 0; k < integer.size(); ++k) {
    if (k > 0 && (integer.size() - k) % 3 == 0) out.push_back('.');
    out.push_back(integer[k]);
  }
  if (decimals > 0) {
    out.push_back(',');
    out += fraction;
  }
  return out;
}

std::string format_number_exact(double value) {
  char buffer[64];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string out(buffer, ptr);
  for (auto& c : out) {
    if (c == '.') c = ',';
  }
  return out;
}

bool is_valid_date(const Date& d) {
  if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDays[d.month - 1];
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  if (d.month == 2 && leap) days = 29;
  return d.day <= days;
}

namespace {
// Reads 1..max_digits digits as an int; advances i.
std::optional<int> read_int(std::string_view s, std::size_t& i, std::size_t min_digits, std::size_t max_digits) {
  std::size_t n = digits(s, i);
  if (n < min_digits || n > max_digits) return std::nullopt;
  int value = 0;
  for (std::size_t k = 0; k < n; ++k) value = value * 10 + (s[i + k] - '0');
  i += n;
  return value;
}
}  // namespace

std::optional<Date> parse_german_date(std::string_view text) {
  std::string_view s = trim_blanks(text);
  std::size_t i = 0;
  auto day = read_int(s, i, 1, 2);
  if (!day || i >= s.size() || s[i++] != '.') return std::nullopt;
  auto month = read_int(s, i, 1, 2);
  if (!month || i >= s.size() || s[i++] != '.') return std::nullopt;
  auto year = read_int(s, i, 4, 4);
  if (!year || i != s.size()) return std::nullopt;
  Date d{*year, *month, *day};
  if (!is_valid_date(d)) return std::nullopt;
  return d;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  std::string_view s = trim_blanks(text);
  std::size_t i = 0;
  auto year = read_int(s, i, 4, 4);
  if (!year || i >= s.size() || s[i++] != '-') return std::nullopt;
  auto month = read_int(s, i, 2, 2);
  if (!month || i >= s.size() || s[i++] != '-') return std::nullopt;
  auto day = read_int(s, i, 2, 2);
  if (!day || i != s.size()) return std::nullopt;
  Date d{*year, *month, *day};
  if (!is_valid_date(d)) return std::nullopt;
  return d;
}

std::string format_german_date(const Date& d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d.%02d.%04d", d.day, d.month, d.year);
  return buffer;
}

std::string format_iso_date(const Date& d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buffer;
}

}  // namespace rf::text
