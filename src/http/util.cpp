#include "http/util.hpp"

#include <cstdio>
#include <cstring>

namespace rf::http {
namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Length of the valid UTF-8 sequence starting at s[0], or 0 if invalid.
std::size_t utf8_sequence_length(std::string_view s) {
  auto b0 = static_cast<unsigned char>(s[0]);
  std::size_t len;
  unsigned min_code;
  if (b0 < 0x80) return 1;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, min_code = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, min_code = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, min_code = 0x10000;
  } else {
    return 0;
  }
  if (s.size() < len) return 0;
  unsigned code = b0 & (0x7F >> len);
  for (std::size_t i = 1; i < len; ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) return 0;
    code = (code << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::string http_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT" is exactly 29 characters.
  if (text.size() != 29 || text.substr(25) != " GMT") return std::nullopt;
  char month[4] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str() + 5, "%2d %3s %4d %2d:%2d:%2d", &day, month, &year, &hour, &minute, &second) != 6) {
    return std::nullopt;
  }
  int mon = -1;
  for (int i = 0; i < 12; ++i) {
    if (std::strcmp(month, kMonths[i]) == 0) mon = i;
  }
  if (mon < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_mday = day;
  tm.tm_mon = mon;
  tm.tm_year = year - 1900;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return timegm(&tm);
}

void append_json_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  while (!text.empty()) {
    auto c = static_cast<unsigned char>(text[0]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    } else if (c >= 0x80) {
      std::size_t len = utf8_sequence_length(text);
      if (len == 0) {
        out += "\\ufffd";
        len = 1;
      } else {
        out.append(text.substr(0, len));
      }
      text.remove_prefix(len);
      continue;
    } else {
      out.push_back(static_cast<char>(c));
    }
    text.remove_prefix(1);
  }
}

}  // namespace rf::http
