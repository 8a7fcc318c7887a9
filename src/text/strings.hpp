// Small string helpers every room uses. ASCII only: the inputs they serve
// (codes, keys, header names, CSV fields) are ASCII where these rules apply,
// and UTF-8 bytes above 0x7F pass through untouched.
#pragma once

#include <string>
#include <string_view>

namespace rf::text {

// Space, tab, line feed, vertical tab, form feed, carriage return (what
// std::isspace says in the "C" locale, without depending on the locale).
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// Without leading and trailing is_space characters.
std::string_view trim(std::string_view s);
std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);
// Without leading and trailing blanks (space and tab) only: for text where a
// line break is part of the content or an error (numbers, single-line fields).
std::string_view trim_blanks(std::string_view s);

// "A"–"Z" lowered; everything else as it is.
std::string to_lower_ascii(std::string_view s);
// Equal when lowered with to_lower_ascii.
bool iequals(std::string_view a, std::string_view b);
bool starts_with_ci(std::string_view s, std::string_view prefix);

// True for one or more of '0'–'9' and nothing else.
bool all_digits(std::string_view s);

}  // namespace rf::text
